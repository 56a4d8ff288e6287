// A litmus test -> a reality-check scenario: the world's initial mappings,
// the setup block in order, then every interleaving of the actors' programs
// (each a schedule of the same program), then one observation step per
// observable of the `exists` clause. The model's verdict for the current
// kernel comes from the litmus explorer.
import { traceFromActions } from '../checker/trace.js';
import type { WorldModel } from '../models/api.js';
import { observablesIn, type Cond as LitmusCond } from '../litmus/condition.js';
import type { LitmusTest } from '../litmus/parse.js';
import { runLitmusOn } from '../litmus/run.js';
import type { ModelVerdict } from './check.js';
import { interleavings, type ActorProgram } from './interleave.js';
import { renumberByFirstSchedule, type Cond, type Scenario, type Step } from './scenario.js';
import { Translation, valueToNumber, type After } from './translate.js';

/** More interleavings than these are cut (the program's header says so). */
export const MAX_SCHEDULES = 64;
const MAX_CANDIDATES = 4096;

function toCond(c: LitmusCond): Cond {
  switch (c.kind) {
    case 'eq':
      return { kind: 'eq', obs: c.obs, value: valueToNumber(c.value) };
    case 'not':
      return { kind: 'not', arg: toCond(c.arg) };
    case 'and':
    case 'or':
      return { kind: c.kind, args: c.args.map(toCond) };
    case 'true':
      return c;
  }
}

interface Instr {
  readonly actor: string;
  readonly text: string;
}

/** The model's observables after each instruction, found by walking one schedule. */
type Afters = (instr: number) => After;

interface Built {
  /** Steps numbered in translation order; schedules: every interleaving, feasible or not. */
  readonly scenario: Scenario;
  /** The instruction each step translates (prologue and observation steps have none). */
  readonly instrOf: ReadonlyMap<number, number>;
  readonly complete: boolean;
}

function build(world: WorldModel, t: LitmusTest, canon: readonly Instr[], afters: Afters): Built {
  const tr = new Translation(world);
  const steps: Step[] = [];
  const instrOf = new Map<number, number>();
  let skip: string | undefined = tr.scopeSkip();
  for (const p of tr.prologue(world.initialStates()[0])) steps.push({ id: steps.length + 1, ...p });
  const prologue = steps.map((s) => s.id);
  let next = 0;
  const add = (): number | undefined => {
    const n = next++;
    const { actor, text } = canon[n];
    const r = tr.action(text, actor, afters(n));
    if ('skip' in r) {
      skip ??= `${text}: ${r.skip}`;
      return undefined;
    }
    if (r.op === undefined) return undefined;
    const id = steps.length + 1;
    steps.push({ id, actor: r.actor ?? actor, source: text, kernel: r.kernel, op: r.op });
    instrOf.set(id, n);
    return id;
  };
  const setup: number[] = [];
  for (let k = 0; k < t.init.length; k++) {
    const id = add();
    if (id !== undefined) setup.push(id);
  }
  const perActor = t.programs.map((p) => ({ actor: p.actor, steps: p.instrs.flatMap(() => add() ?? []) }));
  const forkOf = (actor: string): number | undefined => steps.find((st) => st.op.op === 'fork' && st.op.child === actor)?.id;
  const programs: ActorProgram[] = perActor.map((p) => {
    const f = forkOf(p.actor);
    return f === undefined || setup.includes(f) ? p : { ...p, createdBy: f };
  });
  const final: number[] = [];
  for (const o of observablesIn(t.exists.cond)) {
    const r = tr.observable(o);
    if (r === undefined) continue; // a step reads it already (a pipe read empties the pipe)
    if ('skip' in r) {
      skip ??= `observable ${o}: ${r.skip}`;
      continue;
    }
    const id = steps.length + 1;
    steps.push({ id, actor: r.actor, source: `observe ${o}`, kernel: r.kernel, op: r.op });
    final.push(id);
  }
  const { schedules, complete } = interleavings(programs, MAX_CANDIDATES);
  const scenario: Scenario = {
    name: t.name,
    header: [`litmus test ${t.name} (${t.file}): ${t.comment}`],
    steps,
    files: tr.files(),
    backing: tr.backing(),
    requires: tr.requires(),
    condition: toCond(t.exists.cond),
    schedules: schedules.map((sc) => [...prologue, ...setup, ...sc, ...final]),
    ...(skip !== undefined ? { skip } : {}),
  };
  return { scenario, instrOf, complete };
}

/**
 * Run the instructions of `schedule` on the world: the state after each, or
 * undefined when an action is not enabled (the model never runs that order).
 */
function walk(world: WorldModel, canon: readonly Instr[], built: Built, schedule: readonly number[]): Map<number, unknown> | undefined {
  const order = schedule.flatMap((id) => (built.instrOf.has(id) ? [built.instrOf.get(id)!] : []));
  const r = traceFromActions(world, 0, order.map((n) => world.parseAction(canon[n].text)));
  if (!('trace' in r)) return undefined;
  return new Map(r.trace.steps.map((s, i) => [order[i], s.state]));
}

/**
 * The scenario: the schedules the model can run (each action enabled in the
 * state it meets), at most MAX_SCHEDULES. Writes that carry no value store
 * what the model stores; where that depends on the schedule, only the
 * schedules that agree with the first are kept (the header says so).
 */
export function litmusScenario(world: WorldModel, t: LitmusTest): Scenario {
  // Each instruction as the world describes it; under `P1:` the "P1: " prefix
  // may be left out (litmus/explore.ts).
  const canonical = (text: string, actor?: string): Instr => {
    const full = actor !== undefined && !/^[A-Za-z][\w-]*: /.test(text) ? `${actor}: ${text}` : text;
    const a = world.parseAction(full);
    return { actor: world.actorOf(a), text: world.describe(a) };
  };
  const canon = [...t.init.map((i) => canonical(i.text)), ...t.programs.flatMap((p) => p.instrs.map((i) => canonical(i.text, p.actor)))];
  const afterIn = (states: Map<number, unknown> | undefined): Afters => (n) => (name) => {
    const st = states?.get(n);
    if (st === undefined) return undefined;
    try {
      return world.observe(st, name);
    } catch {
      return undefined;
    }
  };
  // The shape (steps, schedules) does not depend on the values: 0 stands in.
  const shape = build(world, t, canon, () => () => 0);
  const feasible = shape.scenario.schedules.flatMap((sc) => {
    const states = walk(world, canon, shape, sc);
    return states ? [{ sc, states }] : [];
  });
  const built = build(world, t, canon, afterIn(feasible[0]?.states));
  // The C program stores fixed values: keep the schedules in which the model
  // stores the same (its writes, DMA writes and GUP results agree).
  const sameOps = JSON.stringify(built.scenario.steps);
  const sameWrites = feasible.filter(({ states }) => JSON.stringify(build(world, t, canon, afterIn(states)).scenario.steps) === sameOps);
  const kept = sameWrites.slice(0, MAX_SCHEDULES).map(({ sc }) => sc);
  const header = [...built.scenario.header];
  if (!shape.complete) header.push(`Only the first ${MAX_CANDIDATES} interleavings were considered.`);
  if (sameWrites.length > MAX_SCHEDULES) header.push(`Only ${MAX_SCHEDULES} of the ${sameWrites.length} interleavings the model runs are run.`);
  if (sameWrites.length < feasible.length) header.push(`${feasible.length - sameWrites.length} interleavings store other values (writes, DMA, GUP results) and are not run.`);
  const skip = built.scenario.skip ?? (kept.length === 0 ? `no interleaving runs every program to its end on ${world.design.name}` : undefined);
  return renumberByFirstSchedule({
    ...built.scenario,
    header,
    schedules: kept.length ? kept : built.scenario.schedules.slice(0, 1),
    ...(skip !== undefined ? { skip } : {}),
  });
}

/** The model's verdict: does some interleaving reach the `exists` condition on this design? */
export function litmusVerdict(world: WorldModel, t: LitmusTest): ModelVerdict {
  const o = runLitmusOn(world, t);
  const design = world.design.name;
  if (o.verdict === 'Allowed') {
    const seen = Object.entries(o.observed ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    return { kind: 'allowed', design, detail: `Allowed: a witness of ${o.witness?.length ?? 0} steps ends with ${seen}` };
  }
  if (o.verdict === 'Forbidden') return { kind: 'forbidden', design, detail: `Forbidden in ${o.states} states` };
  return { kind: 'none', design, detail: o.note ?? 'inconclusive' };
}
