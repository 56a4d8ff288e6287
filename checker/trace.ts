// Traces: a path from an initial state, as actions and the states they reach.
// A trace is identified by indices (which initial state, then at each step the
// index of the action in the model's enabled list); the action objects and
// states are derived from those, so a trace replays exactly.
import type { Model } from './model.js';
import { ModelError, Stepper, encodeInitial } from './step.js';

export interface TraceStep<S, A> {
  /** Index of the action in `model.actions(previous state)`. */
  readonly index: number;
  readonly action: A;
  readonly state: S;
}

export interface Trace<S, A> {
  readonly initialIndex: number;
  readonly initial: S;
  readonly steps: readonly TraceStep<S, A>[];
}

/** Re-execute a trace given by indices; throws ModelError if an index is out of range or disabled. */
export function traceFromIndices<S, A>(model: Model<S, A>, initialIndex: number, indices: readonly number[]): Trace<S, A> {
  const inits = model.initialStates();
  if (!(initialIndex >= 0 && initialIndex < inits.length)) {
    throw new ModelError(`initial state ${initialIndex} does not exist (the model has ${inits.length})`);
  }
  const st = new Stepper(model);
  encodeInitial(model, inits[initialIndex], st.cur);
  const initial = model.layout.decode(st.cur);
  const steps: TraceStep<S, A>[] = [];
  const acts: A[] = [];
  for (const [n, index] of indices.entries()) {
    st.actions(acts);
    if (!(index >= 0 && index < acts.length)) {
      throw new ModelError(`step ${n + 1}: action #${index} is not enabled (${acts.length} enabled)`);
    }
    const action = acts[index];
    if (!st.step(action)) throw new ModelError(`step ${n + 1}: ${model.describe(action)} is not enabled`);
    st.cur.set(st.nxt);
    steps.push({ index, action, state: model.layout.decode(st.cur) });
  }
  return { initialIndex, initial, steps };
}

/**
 * Re-execute a trace given by actions (compared by `describe`, which is how a
 * user names them): each must be enabled in the state it is applied to.
 * Returns the trace, or the 0-based step at which an action was not enabled.
 */
export function traceFromActions<S, A>(
  model: Model<S, A>,
  initialIndex: number,
  actions: readonly A[],
): { trace: Trace<S, A> } | { failedAt: number; enabled: string[] } {
  const indices: number[] = [];
  const inits = model.initialStates();
  if (!(initialIndex >= 0 && initialIndex < inits.length)) return { failedAt: -1, enabled: [] };
  const st = new Stepper(model);
  encodeInitial(model, inits[initialIndex], st.cur);
  const acts: A[] = [];
  for (const [n, a] of actions.entries()) {
    st.actions(acts);
    const want = model.describe(a);
    const index = acts.findIndex((b) => model.describe(b) === want);
    if (index < 0 || !st.step(acts[index])) {
      // Enabled means a successor exists: an action listed by actions() whose
      // recipe refuses it here (next() returned false) is not enabled.
      return { failedAt: n, enabled: acts.filter((b) => st.step(b)).map((b) => model.describe(b)) };
    }
    st.cur.set(st.nxt);
    indices.push(index);
  }
  return { trace: traceFromIndices(model, initialIndex, indices) };
}

/** The last state of a trace. */
export function finalState<S, A>(trace: Trace<S, A>): S {
  return trace.steps.length ? trace.steps[trace.steps.length - 1].state : trace.initial;
}
