// Shrinking a counterexample to a 1-minimal one, with fast-check.
//
// A trace is replayed from its initial state as a list of actions ("a walk"):
// each action must be enabled where it is applied (it appears, by identity or
// by `describe`, among `model.actions(state)` and `model.next` accepts it), and
// every state must lie within the model's constraint. The walk "hits" its
// property where an `always` property is violated or a `sometimes` target is
// reached. The result is 1-minimal: removing any single step, or replacing any
// action by one of `model.shrinkAction(action)`, gives a walk that no longer
// hits the property.
//
// fast-check drives the search: the found walk is the one example of a walk
// arbitrary whose shrinker proposes, in this order, (1) the walk with its
// loops cut out and stopped at its first hit, (2) the walk without a block of
// steps, largest blocks first, down to every single step, (3) each action
// replaced by each of its shrinkAction variants, simplest first. fast-check
// takes the first candidate that still hits and shrinks again from it, so it
// stops at a walk none of whose candidates hits: 1-minimal by construction
// (test/checker/shrink.test.ts checks it independently). Candidates and their
// order depend only on the walk, so the result is deterministic. A BFS trace is
// already shortest, so it keeps its length; only its actions get simpler.
import fc from 'fast-check';
import type { Model, Property } from './model.js';
import { ModelError, Stepper, encodeInitial } from './step.js';
import { traceFromIndices, type Trace } from './trace.js';

/** A trace as what replays it: which initial state, then the actions in turn. */
export interface Walk<A> {
  readonly initialIndex: number;
  readonly actions: readonly A[];
}

/** Where a trace replays from, exactly: the initial index and, per step, the action's index in the enabled list. */
export interface TracePath {
  readonly initialIndex: number;
  readonly indices: readonly number[];
}

export interface ShrunkTrace<S, A> {
  readonly property: string;
  readonly trace: Trace<S, A>;
  readonly path: TracePath;
  /** Steps in the trace given to the shrinker (after it was replayed). */
  readonly originalLength: number;
  /** Smaller candidates fast-check accepted on the way (0: already 1-minimal). */
  readonly shrinks: number;
}

export function findProperty<S>(model: Model<S, unknown>, name: string): Property<S> {
  const p = model.properties.find((q) => q.name === name);
  if (!p) throw new RangeError(`no property ${name} in model ${model.name}`);
  return p;
}

/** Replays walks of one model against one property. */
export class Replayer<S, A> {
  readonly model: Model<S, A>;
  readonly property: Property<S>;
  private readonly st: Stepper<S, A>;
  private readonly inits: Int32Array[];
  private readonly acts: A[] = [];

  constructor(model: Model<S, A>, property: Property<S>) {
    this.model = model;
    this.property = property;
    this.st = new Stepper(model);
    this.inits = model.initialStates().map((s) => {
      const buf = new Int32Array(model.layout.slots);
      encodeInitial(model, s, buf);
      return buf;
    });
  }

  get initialCount(): number {
    return this.inits.length;
  }

  /** Does the property hit (always: violated; sometimes: reached) on the state in `view`? */
  hitsAt(view: S): boolean {
    return this.property.holds(view) === (this.property.kind === 'sometimes');
  }

  // describe() of action objects, remembered: a model that builds fresh
  // action objects in actions() is matched by name at every replayed step.
  private readonly names = new WeakMap<object, string>();
  private describe(a: A): string {
    if (typeof a !== 'object' || a === null) return this.model.describe(a);
    let name = this.names.get(a);
    if (name === undefined) {
      name = this.model.describe(a);
      this.names.set(a, name);
    }
    return name;
  }

  /** A walk as text: its initial index and the names of its actions. */
  key(walk: Walk<A>): string {
    return `${walk.initialIndex}|${walk.actions.map((a) => this.describe(a)).join('\u0000')}`;
  }

  /** Load initial state `i` into the stepper; false when it does not exist. */
  start(i: number): boolean {
    if (!(Number.isInteger(i) && i >= 0 && i < this.inits.length)) return false;
    this.st.cur.set(this.inits[i]);
    return true;
  }

  /** The stepper whose `cur` holds the walk's current state. */
  get stepper(): Stepper<S, A> {
    return this.st;
  }

  /**
   * Apply `action` to the current state: the index of the matching enabled
   * action, or -1 when it is not enabled there (or leaves the constraint).
   * On success the successor is in `stepper.cur`.
   */
  apply(action: A): number {
    const st = this.st;
    const acts = st.actions(this.acts);
    let i = acts.indexOf(action);
    if (i < 0) {
      const want = this.describe(action);
      i = acts.findIndex((b) => this.describe(b) === want);
    }
    if (i < 0 || !st.step(acts[i])) return -1;
    if (this.model.within && !this.model.within(st.nxtView)) return -1;
    st.cur.set(st.nxt);
    return i;
  }

  /** Steps to the first state of the walk where the property hits (0 = initial), or -1 (never, or not replayable). */
  hit(walk: Walk<A>): number {
    if (!this.start(walk.initialIndex)) return -1;
    if (this.hitsAt(this.st.curView)) return 0;
    const n = walk.actions.length;
    for (let k = 0; k < n; k++) {
      if (this.apply(walk.actions[k]) < 0) return -1;
      if (this.hitsAt(this.st.curView)) return k + 1;
    }
    return -1;
  }

  /** Replay a walk that hits: the enabled-list index of each action, and the packed state after each step (0 = initial). */
  replay(walk: Walk<A>): { indices: number[]; states: string[] } {
    const layout = this.model.layout;
    const packed = new Uint32Array(layout.words);
    const key = (): string => {
      layout.pack(this.st.cur, packed, 0);
      return packed.join(',');
    };
    if (!this.start(walk.initialIndex)) throw new ModelError(`initial state ${walk.initialIndex} does not exist`);
    const indices: number[] = [];
    const states = [key()];
    for (const [k, a] of walk.actions.entries()) {
      const i = this.apply(a);
      if (i < 0) throw new ModelError(`step ${k + 1}: ${this.model.describe(a)} is not enabled`);
      indices.push(i);
      states.push(key());
    }
    return { indices, states };
  }
}

/**
 * Candidate walks smaller than `walk`, in the order described at the top of
 * this file. `walk` must hit the property.
 */
export function* shrinkCandidates<S, A>(replayer: Replayer<S, A>, walk: Walk<A>): Generator<Walk<A>> {
  const { initialIndex } = walk;
  const h = replayer.hit(walk);
  if (h < 0) return;
  const acts = walk.actions.slice(0, h);
  const n = acts.length;

  // (1) Stop at the first hit and cut loops: from each state jump to its last
  // occurrence before the hit. The states visited are a subset of the
  // original ones, so no earlier hit appears and every action stays enabled.
  const { states } = replayer.replay({ initialIndex, actions: acts });
  const last = new Map<string, number>();
  states.forEach((s, k) => last.set(s, k));
  const direct: A[] = [];
  for (let k = last.get(states[0])!; k < n; k = last.get(states[k + 1])!) direct.push(acts[k]);
  if (direct.length < walk.actions.length) yield { initialIndex, actions: direct };

  // (2) Without a block of `size` steps, for halving sizes down to 1.
  for (let size = Math.max(1, n >> 1); size >= 1; size >>= 1) {
    for (let at = 0; at + size <= n; at++) {
      yield { initialIndex, actions: [...acts.slice(0, at), ...acts.slice(at + size)] };
    }
  }

  // (3) One action replaced by a simpler variant.
  const simpler = replayer.model.shrinkAction;
  if (!simpler) return;
  for (let at = 0; at < n; at++) {
    for (const b of simpler.call(replayer.model, acts[at])) {
      const next = acts.slice();
      next[at] = b;
      yield { initialIndex, actions: next };
    }
  }
}

function isWalk(v: unknown): v is Walk<unknown> {
  const w = v as Walk<unknown> | null;
  return typeof w === 'object' && w !== null && typeof w.initialIndex === 'number' && Array.isArray(w.actions);
}

/**
 * Walks of one model for one property: `generate` draws one (a random walk,
 * see simulate.ts; without it the arbitrary only shrinks given examples) and
 * `shrink` proposes the candidates of shrinkCandidates().
 */
export class WalkArbitrary<S, A> extends fc.Arbitrary<Walk<A>> {
  constructor(
    private readonly replayer: Replayer<S, A>,
    private readonly draw?: (mrng: fc.Random) => Walk<A>,
  ) {
    super();
  }

  generate(mrng: fc.Random): fc.Value<Walk<A>> {
    if (!this.draw) throw new Error('WalkArbitrary: no generator, use it with examples only');
    return new fc.Value(this.draw(mrng), undefined);
  }

  canShrinkWithoutContext(value: unknown): value is Walk<A> {
    return isWalk(value);
  }

  // Walks fast-check has shrunk from (each one it accepted). A candidate
  // equal to one of them is not proposed again: with a shrinkAction that is
  // strictly simpler this never happens, and with one that has a cycle
  // (a -> b -> a) it stops shrinking from going round for ever.
  private readonly accepted = new Set<string>();

  shrink(value: Walk<A>): fc.Stream<fc.Value<Walk<A>>> {
    this.accepted.add(this.replayer.key(value));
    return fc
      .stream(shrinkCandidates(this.replayer, value))
      .filter((w) => !this.accepted.has(this.replayer.key(w)))
      .map((w) => new fc.Value(w, undefined));
  }
}

/**
 * The fast-check predicate "this walk does not hit the property". A model
 * that throws while a candidate is replayed is a bug in the model: the first
 * such error is kept (the candidate counts as not hitting) and rethrown by
 * `rethrow()` once fast-check is done, so it is never mistaken for a hit.
 */
export function missesProperty<S, A>(replayer: Replayer<S, A>): { predicate: (w: Walk<A>) => boolean; rethrow(): void } {
  let error: { walk: Walk<A>; e: unknown } | undefined;
  return {
    predicate: (w) => {
      try {
        return replayer.hit(w) < 0;
      } catch (e) {
        error ??= { walk: w, e };
        return true;
      }
    },
    rethrow: () => {
      if (!error) return;
      const steps = error.walk.actions.map((a) => replayer.model.describe(a)).join(', ');
      const msg = error.e instanceof Error ? error.e.message : String(error.e);
      throw new ModelError(`model ${replayer.model.name} threw replaying [${steps}] from initial state ${error.walk.initialIndex}: ${msg}`);
    },
  };
}

/** The walk of a trace (its initial index and actions). */
export function walkOf<S, A>(trace: Trace<S, A>): Walk<A> {
  return { initialIndex: trace.initialIndex, actions: trace.steps.map((s) => s.action) };
}

/** The trace and exact path of a walk that replays. */
export function traceOfWalk<S, A>(replayer: Replayer<S, A>, walk: Walk<A>): { trace: Trace<S, A>; path: TracePath } {
  const { indices } = replayer.replay(walk);
  const path = { initialIndex: walk.initialIndex, indices };
  return { trace: traceFromIndices(replayer.model, walk.initialIndex, indices), path };
}

/**
 * Shrink a trace that hits `property` (an `always` property violated at a
 * state of the trace, or a `sometimes` target reached) to a 1-minimal one.
 * Throws ModelError when the trace does not replay or does not hit.
 */
export function shrinkTrace<S, A>(
  model: Model<S, A>,
  property: string | Property<S>,
  trace: Trace<S, A> | Walk<A>,
): ShrunkTrace<S, A> {
  const prop = typeof property === 'string' ? findProperty(model, property) : property;
  const replayer = new Replayer(model, prop);
  const walk = 'steps' in trace ? walkOf(trace) : trace;
  replayer.replay(walk); // throws if a step is not enabled
  if (replayer.hit(walk) < 0) {
    const what = prop.kind === 'always' ? 'violate' : 'reach';
    throw new ModelError(`the trace does not ${what} ${prop.name}`);
  }
  const guard = missesProperty(replayer);
  const details = fc.check(fc.property(new WalkArbitrary(replayer), guard.predicate), {
    examples: [[walk]],
    numRuns: 1,
    seed: 0,
  });
  guard.rethrow();
  if (!details.failed || !details.counterexample) throw new ModelError(`shrinking ${prop.name}: the trace stopped failing`);
  const best = details.counterexample[0];
  return { property: prop.name, ...traceOfWalk(replayer, best), originalLength: walk.actions.length, shrinks: details.numShrinks };
}
