// Running a litmus test on designs: the verdict per design (Allowed with a
// witness interleaving, Forbidden, or ? when a bound stopped the search),
// compared with the test's Result: lines.
import { bfs, type SearchOptions } from '../checker/search.js';
import { finalState } from '../checker/trace.js';
import type { Design, WorldModel } from '../models/api.js';
import type { LaneStep } from '../report/lanes.js';
import { observablesIn } from './condition.js';
import { COMPLETES, EXISTS, litmusModel, type LitmusState } from './explore.js';
import type { LitmusTest, LitmusVerdict } from './parse.js';

export interface LitmusOutcome {
  readonly design: string;
  readonly verdict: LitmusVerdict | '?';
  readonly expected?: LitmusVerdict;
  /** undefined: no Result: line for this design, or inconclusive. */
  readonly asExpected: boolean | undefined;
  /** Why the verdict is ? or cannot be trusted. */
  readonly note?: string;
  /** For Allowed: the interleaving that reaches the condition. */
  readonly witness?: readonly LaneStep[];
  /** For Allowed: the condition's observables in the witness's final state. */
  readonly observed?: Readonly<Record<string, string>>;
  readonly states: number;
}

export interface LitmusReport {
  readonly test: LitmusTest;
  readonly scope: string;
  readonly lanes: readonly string[];
  readonly outcomes: readonly LitmusOutcome[];
}

export function runLitmusOn(world: WorldModel, t: LitmusTest, bounds: SearchOptions = {}): LitmusOutcome {
  const model = litmusModel(world, t);
  const r = bfs(model, { ...bounds, properties: [EXISTS, COMPLETES] });
  const [exists, completes] = r.verdicts;
  const expected = t.results.find((x) => x.design === world.design.name)?.verdict;
  const base = { design: world.design.name, ...(expected ? { expected } : {}), states: r.stats.distinct };
  if (exists.status === 'reached' && exists.trace) {
    let before = (exists.trace.initial as LitmusState).world;
    const witness = exists.trace.steps.map((s, n): LaneStep => {
      const after = (s.state as LitmusState).world;
      const step = { step: n + 1, actor: s.action.actor, action: s.action.text, changes: world.explainStep(before, s.action.action, after) };
      before = after;
      return step;
    });
    const last = (finalState(exists.trace) as LitmusState).world;
    const observed = Object.fromEntries(observablesIn(t.exists.cond).map((o) => [o, String(world.observe(last, o))]));
    return { ...base, verdict: 'Allowed', asExpected: expected ? expected === 'Allowed' : undefined, witness, observed };
  }
  if (exists.status === 'unreached') {
    const note = completes.status === 'reached' ? {} : { note: 'no interleaving runs every program to its end: an action is never enabled on this design' };
    return { ...base, verdict: 'Forbidden', asExpected: expected ? expected === 'Forbidden' : undefined, ...note };
  }
  return { ...base, verdict: '?', asExpected: undefined, note: r.reason ?? 'the search stopped before it could tell' };
}

export function runLitmus(
  t: LitmusTest,
  designs: readonly Design[],
  build: (d: Design, scope: string) => WorldModel,
  scope: string,
  bounds: SearchOptions = {},
): LitmusReport {
  return {
    test: t,
    scope,
    lanes: t.programs.map((p) => p.actor),
    outcomes: designs.map((d) => runLitmusOn(build(d, scope), t, bounds)),
  };
}
