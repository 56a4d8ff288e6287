// A saved counterexample -> a reality-check scenario. The trace's steps run in
// their recorded order; then every observable that tells the trace's design
// apart from the current kernel's is read. The condition is the bug's outcome:
// those observables hold the values the trace's design gives them. The model
// of the current kernel replays the same actions and says whether it reaches
// that outcome (it should not, or the current design has the bug).
import type { Design, WorldModel } from '../models/api.js';
import { traceFromActions } from '../checker/trace.js';
import type { TraceDoc } from '../report/trace-schema.js';
import type { ModelVerdict } from './check.js';
import { renumberByFirstSchedule, type Cond, type Scenario, type Step } from './scenario.js';
import { Translation, valueToNumber, type After } from './translate.js';

export interface TraceCase {
  readonly scenario: Scenario;
  readonly model: ModelVerdict;
}

/** The states after each of the trace's actions replayed on `model`, or the step that is not enabled there. */
function replay(model: WorldModel, doc: TraceDoc): { states: unknown[] } | { failedAt: number } {
  const actions: unknown[] = [];
  for (const [n, s] of doc.steps.entries()) {
    try {
      actions.push(model.parseAction(s.action));
    } catch {
      return { failedAt: n };
    }
  }
  const r = traceFromActions(model, doc.initialIndex, actions);
  if (!('trace' in r)) return { failedAt: r.failedAt };
  return { states: [r.trace.initial, ...r.trace.steps.map((s) => s.state)] };
}

const withActor = (actor: string, action: string): string => (/^[A-Za-z][\w-]*: /.test(action) ? action : `${actor}: ${action}`);

function numeric(model: WorldModel, state: unknown, o: string): number | undefined {
  try {
    return valueToNumber(model.observe(state, o));
  } catch {
    return undefined;
  }
}

export function traceCase(doc: TraceDoc, file: string, own: WorldModel, current: WorldModel): TraceCase {
  const name = `${doc.design.name}/${doc.property.name}`;
  const tr = new Translation(own);
  const mine = replay(own, doc);
  const steps: Step[] = [];
  /** For each step that reads an observable: the trace step it translates (its model value is read around it). */
  const readAt = new Map<number, number>();
  let skip: string | undefined = tr.scopeSkip();
  if ('states' in mine) for (const p of tr.prologue(mine.states[0])) steps.push({ id: steps.length + 1, ...p });
  for (const [n, s] of doc.steps.entries()) {
    // What the model says after the step: write values, DMA writes, GUP results.
    const after: After = (o) => {
      if (!('states' in mine)) return undefined;
      try {
        return own.observe(mine.states[n + 1], o);
      } catch {
        return undefined;
      }
    };
    const r = tr.action(s.action, s.actor, after);
    if ('skip' in r) {
      skip ??= `step ${s.step}, ${withActor(s.actor, s.action)}: ${r.skip}`;
      continue;
    }
    if (r.op === undefined) continue;
    steps.push({ id: steps.length + 1, actor: r.actor ?? s.actor, source: withActor(s.actor, s.action), kernel: r.kernel, op: r.op });
    if ('obs' in r.op && r.op.obs !== undefined) readAt.set(steps.length, n);
  }
  const header = [
    `Counterexample ${file}: ${doc.property.name} ${doc.outcome} on ${doc.design.name} (${doc.design.title}), scope ${doc.scope.name}.`,
    `Why: ${doc.explanation}`,
  ];
  const cur = replay(current, doc);
  const design: Design = current.design;
  let model: ModelVerdict;
  const atoms: Cond[] = [];
  if ('failedAt' in mine) {
    skip ??= `the trace does not replay on its own design ${doc.design.name} (step ${mine.failedAt + 1})`;
    model = { kind: 'none', design: design.name, detail: 'the trace does not replay on its own design' };
  } else if ('failedAt' in cur) {
    model = { kind: 'none', design: design.name, detail: `step ${cur.failedAt + 1} (${doc.steps[cur.failedAt]?.action ?? 'parse'}) is not enabled on ${design.name}` };
  } else {
    const differ: string[] = [];
    const predicted: string[] = [];
    // What each reading step returns in the model. The last read of a name
    // wins, as in the C program.
    const lastRead = new Map<string, { op: string; n: number }>();
    for (const [id, n] of readAt) {
      const op = steps[id - 1].op as { op: string; obs: string };
      lastRead.set(op.obs, { op: op.op, n });
    }
    for (const [o, { op, n }] of lastRead) {
      if (o.endsWith('.released')) continue;
      // After the step when the world keeps the value read (a number on both
      // designs); else, for a read that consumes the holder, just before it.
      let a = numeric(own, mine.states[n + 1], o);
      let b = numeric(current, cur.states[n + 1], o);
      if ((a === undefined || b === undefined) && (op === 'pipe-read' || op === 'dma-read')) {
        a = numeric(own, mine.states[n], o);
        b = numeric(current, cur.states[n], o);
      }
      if (a === undefined || a === b) continue;
      differ.push(o);
      predicted.push(`${o}=${b ?? 'none'}`);
      atoms.push({ kind: 'eq', obs: o, value: a });
    }
    for (const o of own.observables()) {
      if (lastRead.has(o)) continue;
      const a = numeric(own, mine.states[mine.states.length - 1], o);
      const b = numeric(current, cur.states[cur.states.length - 1], o);
      if (a === undefined || a === b) continue;
      // undefined: a step reads it already (a pipe read empties the pipe).
      const obs = tr.observable(o);
      if (obs !== undefined && 'skip' in obs) continue;
      differ.push(o);
      predicted.push(`${o}=${b ?? String(current.observe(cur.states[cur.states.length - 1], o))}`);
      atoms.push({ kind: 'eq', obs: o, value: a });
      if (obs) steps.push({ id: steps.length + 1, actor: obs.actor, source: `observe ${o}`, kernel: obs.kernel, op: obs.op });
    }
    if (differ.length === 0 && own.design.name === design.name) {
      skip ??= `the trace is of ${design.name} itself: there is no other design whose values tell ${doc.property.name}'s outcome apart (run it with --design naming a design that passes ${doc.property.name})`;
      model = { kind: 'none', design: design.name, detail: 'the trace is of the current design itself' };
    } else if (differ.length === 0) {
      skip ??= `${doc.property.name} is not visible from userspace here: ${doc.design.name} and ${design.name} end this trace with the same values of every observable a program can read`;
      model = { kind: 'none', design: design.name, detail: 'no observable tells the designs apart' };
    } else {
      model = { kind: 'forbidden', design: design.name, detail: `replaying the trace ends with ${predicted.join(' ')}, not the counterexample's values` };
    }
  }
  const condition: Cond = atoms.length === 1 ? atoms[0] : { kind: 'and', args: atoms };
  header.push(`Condition (the bug's outcome): observed values equal ${doc.design.name}'s at the end.`);
  return {
    scenario: renumberByFirstSchedule({
      name,
      header,
      steps,
      files: tr.files(),
      backing: tr.backing(),
      requires: tr.requires(),
      condition,
      schedules: [steps.map((s) => s.id)],
      ...(skip !== undefined ? { skip } : {}),
    }),
    model,
  };
}
