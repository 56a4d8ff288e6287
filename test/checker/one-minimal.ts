// The definition of a 1-minimal counterexample, written plainly and apart
// from checker/shrink.ts, to check its results: a list of actions replayed
// from an initial state "still fails" when every action is enabled where it
// is applied (traceFromActions), every state after the first lies within the
// model's constraint, and the property fails at the final state (always:
// violated; sometimes: reached).
import type { Model } from '../../checker/model.js';
import { traceFromActions, type Trace } from '../../checker/trace.js';

export function failsAtEnd<S, A>(model: Model<S, A>, property: string, initialIndex: number, actions: readonly A[]): boolean {
  const prop = model.properties.find((p) => p.name === property)!;
  const r = traceFromActions(model, initialIndex, actions);
  if (!('trace' in r)) return false;
  const after = r.trace.steps.map((s) => s.state);
  if (model.within && !after.every((s) => model.within!(s))) return false;
  const last = after.length ? after[after.length - 1] : r.trace.initial;
  return prop.kind === 'always' ? !prop.holds(last) : prop.holds(last);
}

/**
 * The single-step removals and single-action simplifications of `trace` that
 * still fail, described (empty when the trace is 1-minimal). Throws when the
 * trace itself does not fail.
 */
export function smallerFailures<S, A>(model: Model<S, A>, property: string, trace: Trace<S, A>): string[] {
  const acts = trace.steps.map((s) => s.action);
  if (!failsAtEnd(model, property, trace.initialIndex, acts)) throw new Error(`the trace does not fail ${property}`);
  const out: string[] = [];
  for (let i = 0; i < acts.length; i++) {
    if (failsAtEnd(model, property, trace.initialIndex, [...acts.slice(0, i), ...acts.slice(i + 1)])) {
      out.push(`without step ${i + 1}`);
    }
    for (const b of model.shrinkAction?.(acts[i]) ?? []) {
      const next = acts.slice();
      next[i] = b;
      if (failsAtEnd(model, property, trace.initialIndex, next)) out.push(`step ${i + 1} as ${model.describe(b)}`);
    }
  }
  return out;
}

export function describeTrace<S, A>(model: Model<S, A>, trace: Trace<S, A>): string[] {
  return trace.steps.map((s) => model.describe(s.action));
}
