// Random simulation: seeded random walks, deeper than a BFS bound can reach,
// checking the same properties. fast-check runs the walks (one fc.check per
// property, all from the same seed), and shrinks a walk that hits its
// property with the shrinker of shrink.ts, so what is reported is 1-minimal.
// The seed and fast-check's path replay that exact trace (replaySimulation).
//
// A walk starts from a uniformly drawn initial state; at each step it draws
// an index among the enabled actions and takes the first one, from there
// round the list, that next() accepts and that stays within the constraint.
// It stops where the property hits, at a deadlock, or after `depth` steps.
// A walk only finds violations and witnesses: a property no walk hit is
// `undecided`, never `holds`.
import fc from 'fast-check';
import type { Model, Property } from './model.js';
import {
  Replayer,
  WalkArbitrary,
  findProperty,
  missesProperty,
  traceOfWalk,
  type TracePath,
  type Walk,
} from './shrink.js';
import { ModelError } from './step.js';
import type { Trace } from './trace.js';

export interface SimulateOptions {
  /** fast-check seed (default 0: the same walks every run). */
  readonly seed?: number;
  /** Walks per property (default 1000). */
  readonly runs?: number;
  /** Steps per walk at most (default 100). */
  readonly depth?: number;
  /** Only these properties (by name); default all. */
  readonly properties?: readonly string[];
}

/** What replays a simulation's trace: fast-check's seed and path, and the walk depth. */
export interface SimulationReplay {
  readonly seed: number;
  readonly path: string;
  readonly depth: number;
}

export interface SimulationVerdict<S, A> {
  readonly property: string;
  readonly kind: 'always' | 'sometimes';
  /** violated / reached: a walk hit the property; undecided: none did. */
  readonly status: 'violated' | 'reached' | 'undecided';
  /** Walks run for this property (up to and including the one that hit). */
  readonly walks: number;
  readonly trace?: Trace<S, A>;
  readonly path?: TracePath;
  readonly replay?: SimulationReplay;
  /** Steps of the walk that hit, before shrinking. */
  readonly originalLength?: number;
}

export interface SimulationResult<S, A> {
  readonly model: string;
  readonly seed: number;
  readonly runs: number;
  readonly depth: number;
  readonly verdicts: readonly SimulationVerdict<S, A>[];
  /** Steps taken by all walks, shrinking excluded. */
  readonly steps: number;
  readonly elapsedMs: number;
}

/** Draw one random walk (see the top of this file); `onStep` counts steps. */
function randomWalk<S, A>(replayer: Replayer<S, A>, depth: number, mrng: fc.Random, onStep: () => void): Walk<A> {
  const model = replayer.model;
  const st = replayer.stepper;
  const initialIndex = replayer.initialCount === 1 ? 0 : mrng.nextInt(0, replayer.initialCount - 1);
  replayer.start(initialIndex);
  const actions: A[] = [];
  const acts: A[] = [];
  while (actions.length < depth && !replayer.hitsAt(st.curView)) {
    st.actions(acts);
    const n = acts.length;
    if (n === 0) break;
    const r = n === 1 ? 0 : mrng.nextInt(0, n - 1);
    let taken: A | undefined;
    for (let k = 0; k < n && taken === undefined; k++) {
      const a = acts[(r + k) % n];
      if (stepOrExplain(replayer, initialIndex, actions, a) && (!model.within || model.within(st.nxtView))) taken = a;
    }
    if (taken === undefined) break;
    st.cur.set(st.nxt);
    actions.push(taken);
    onStep();
  }
  return { initialIndex, actions };
}

// A model that throws on a walk is a bug in the model: say where, with the
// walk that led there (it replays with traceFromActions).
function stepOrExplain<S, A>(replayer: Replayer<S, A>, initialIndex: number, before: readonly A[], a: A): boolean {
  try {
    return replayer.stepper.step(a);
  } catch (e) {
    const model = replayer.model;
    const path = before.map((b) => model.describe(b)).join(', ');
    const msg = e instanceof Error ? e.message : String(e);
    throw new ModelError(`model ${model.name} threw in ${model.describe(a)} after [${path}] from initial state ${initialIndex}: ${msg}`);
  }
}

function walkArbitrary<S, A>(replayer: Replayer<S, A>, depth: number, onStep: () => void): WalkArbitrary<S, A> {
  return new WalkArbitrary(replayer, (mrng) => randomWalk(replayer, depth, mrng, onStep));
}

function checkDepth(depth: number): void {
  if (!(Number.isInteger(depth) && depth >= 0)) throw new RangeError(`simulation depth must be a non-negative integer, not ${depth}`);
}

export function simulate<S, A>(model: Model<S, A>, options: SimulateOptions = {}): SimulationResult<S, A> {
  const start = performance.now();
  const seed = options.seed ?? 0;
  const runs = options.runs ?? 1000;
  const depth = options.depth ?? 100;
  checkDepth(depth);
  if (!(Number.isInteger(runs) && runs >= 1)) throw new RangeError(`simulation runs must be a positive integer, not ${runs}`);
  const props: Property<S>[] = options.properties
    ? options.properties.map((name) => findProperty(model, name))
    : [...model.properties];
  if (model.initialStates().length === 0) throw new RangeError(`model ${model.name} has no initial states`);
  let steps = 0;
  const verdicts = props.map((prop): SimulationVerdict<S, A> => {
    const replayer = new Replayer(model, prop);
    let walks = 0;
    const arb = walkArbitrary(replayer, depth, () => steps++);
    const guard = missesProperty(replayer);
    const details = fc.check(
      fc.property(arb, (w) => {
        walks++;
        return guard.predicate(w);
      }),
      { seed, numRuns: runs },
    );
    guard.rethrow();
    if (!details.failed || !details.counterexample || !details.counterexamplePath) {
      return { property: prop.name, kind: prop.kind, status: 'undecided', walks };
    }
    const walk = details.counterexample[0];
    return {
      property: prop.name,
      kind: prop.kind,
      status: prop.kind === 'always' ? 'violated' : 'reached',
      walks: details.numRuns,
      ...traceOfWalk(replayer, walk),
      replay: { seed, path: details.counterexamplePath, depth },
      originalLength: originalLengthOf(replayer, depth, seed, details.counterexamplePath),
    };
  });
  return { model: model.name, seed, runs, depth, verdicts, steps, elapsedMs: performance.now() - start };
}

// The unshrunk walk: the run named by the first element of the path.
function originalLengthOf<S, A>(replayer: Replayer<S, A>, depth: number, seed: number, path: string): number {
  const run = path.split(':')[0];
  let length = -1;
  fc.check(
    fc.property(walkArbitrary(replayer, depth, () => {}), (w) => {
      length = w.actions.length;
      return true;
    }),
    { seed, path: run, numRuns: 1 },
  );
  return length;
}

/**
 * Replay a simulation's trace from its seed and fast-check path (and the
 * depth it was found with): the same walk, shrunk the same way.
 */
export function replaySimulation<S, A>(
  model: Model<S, A>,
  property: string,
  replay: SimulationReplay,
): { trace: Trace<S, A>; path: TracePath } {
  checkDepth(replay.depth);
  const replayer = new Replayer(model, findProperty(model, property));
  const guard = missesProperty(replayer);
  const details = fc.check(fc.property(walkArbitrary(replayer, replay.depth, () => {}), guard.predicate), {
    seed: replay.seed,
    path: replay.path,
  });
  guard.rethrow();
  if (!details.failed || !details.counterexample) {
    throw new RangeError(`seed ${replay.seed} path ${replay.path} does not replay a trace hitting ${property}`);
  }
  return traceOfWalk(replayer, details.counterexample[0]);
}
