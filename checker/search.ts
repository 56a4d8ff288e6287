// Exhaustive breadth-first search, bounded by depth, by distinct states, by
// memory and by time. Each property's first violation (or, for `sometimes`,
// first witness) is found at the smallest depth, so its trace is shortest.
// Among shortest traces the one reported is the first in BFS order, i.e. the
// lexicographically smallest sequence of (initial index, action indices): a
// definition that does not depend on how the search is scheduled.
import './jit.js'; // before anything hot is optimized
import { labelOf, type Model, type Property } from './model.js';
import { bfsPartitioned } from './parallel.js';
import type { ModelSource } from './parallel-shared.js';
import { CHECKING, Clock, Findings, inContext, levelHasNewSuccessor, report, settleBatch, settleBeforeFailure, storeFor, storeInitialStates, takeBackExpansion, type SettlePoint } from './search-parts.js';
import { Coverage, emptyStats, type Progress, type SearchStats } from './stats.js';
import { SuccessorBatch } from './batch.js';
import { BudgetExceeded, WordQueue, hasherFor } from './store.js';
import { WordStepper } from './step.js';
import type { Trace } from './trace.js';
export { modelSource, type ModelSource } from './parallel-shared.js';
export { DEFAULT_MAX_BYTES, pathTo } from './search-parts.js';

export interface SearchOptions {
  /** States at this depth are stored and checked but not expanded. */
  readonly maxDepth?: number;
  /** Budget: distinct states. */
  readonly maxStates?: number;
  /** Budget: bytes of the state store. */
  readonly maxBytes?: number;
  /** Budget: wall-clock milliseconds. */
  readonly timeLimitMs?: number;
  /** Keep exploring after every property is decided. */
  readonly keepGoing?: boolean;
  /** Only check these properties (by name); default all. */
  readonly properties?: readonly string[];
  /**
   * Worker threads (default 1). With more than one, `source` must say where
   * the workers import the model from; the result is the same as with 1.
   */
  readonly workers?: number;
  readonly source?: ModelSource;
  /**
   * On several workers, the first state the workers take part in: the
   * calling thread searches alone up to it (a chunk ends there). By default
   * it does so until the workers have started. The result is the same
   * whichever thread expands what; tests fix it to choose which path runs.
   */
  readonly handoffAt?: number;
  /**
   * On several workers, tests: cut each level into chunks of at most this
   * many states (by default a quarter of the states stored, within 4,096
   * and 262,144), so that a search of a small model has many. The result
   * is the same.
   */
  readonly chunkStates?: number;
  /** Called about every `progressMs` milliseconds. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressMs?: number;
}

/**
 * - complete: every reachable state (within the model's constraint) was explored;
 * - decided: stopped early because every property had a verdict;
 * - depth-bound: states beyond maxDepth exist and were not explored;
 * - budget: a state, memory or time budget ended the search.
 */
export type SearchStatus = 'complete' | 'decided' | 'depth-bound' | 'budget';

/**
 * - violated: an `always` property fails (trace leads to the bad state);
 * - holds: an `always` property holds in every explored state, and the search was complete;
 * - reached: a `sometimes` target was reached (trace is the witness);
 * - unreached: a `sometimes` target was never reached in a complete search;
 * - undecided: the search stopped before it could tell.
 */
export type VerdictStatus = 'violated' | 'holds' | 'reached' | 'unreached' | 'undecided';

export interface Verdict<S, A> {
  readonly property: string;
  readonly kind: 'always' | 'sometimes';
  readonly status: VerdictStatus;
  readonly trace?: Trace<S, A>;
  /** For the trace: the initial index and action indices that replay it. */
  readonly path?: { readonly initialIndex: number; readonly indices: readonly number[] };
}

export interface SearchResult<S, A> {
  readonly model: string;
  readonly status: SearchStatus;
  /** Why the search stopped, in one line, when it was not complete. */
  readonly reason?: string;
  readonly verdicts: readonly Verdict<S, A>[];
  readonly stats: SearchStats;
}


export function isPass(v: { kind: 'always' | 'sometimes'; status: VerdictStatus }): boolean | undefined {
  if (v.status === 'undecided') return undefined;
  return v.status === 'holds' || v.status === 'reached';
}

export function bfs<S, A>(model: Model<S, A>, options: SearchOptions = {}): SearchResult<S, A> {
  const start = performance.now();
  const workers = options.workers ?? 1;
  if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`bfs: workers must be a positive integer, not ${workers}`);
  const chunk = options.chunkStates;
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`bfs: chunkStates must be a positive integer, not ${chunk}`);
  const maxDepth = options.maxDepth ?? Infinity;
  const props: Property<S>[] = options.properties
    ? options.properties.map((name) => {
        const p = model.properties.find((q) => q.name === name);
        if (!p) throw new RangeError(`no property ${name} in model ${model.name}`);
        return p;
      })
    : [...model.properties];
  // With nothing to decide, "stop once every property is decided" would stop
  // at the initial states: a search without properties explores everything.
  if (props.length === 0 && !options.keepGoing) options = { ...options, keepGoing: true };
  if (workers > 1) {
    if (!options.source) {
      throw new RangeError(`bfs on ${workers} workers needs options.source: the module and export the workers build the model from`);
    }
    return bfsPartitioned(model, props, { ...options, source: options.source }, workers, start);
  }
  const layout = model.layout;
  const W = layout.words;
  const hashOf = hasherFor(W);
  const store = storeFor(model, options);
  const st = new WordStepper(model);
  // The properties as checked: compiled, on the successor's words, when the model has them.
  const { props: checkedProps, checked } = st.checkedProperties(props);
  const findings = new Findings(checkedProps);
  let frontier = new WordQueue(W);
  let nextLevel = new WordQueue(W);
  const stats = emptyStats(1);
  const coverage = new Coverage<A>((a) => labelOf(model, a));
  let status: SearchStatus = 'complete';
  let reason: string | undefined;

  const levels: number[] = [];
  const clock = new Clock(start, options, stats);
  let sinceTick = 0;

  // Where the search is, so that an error thrown by the model's code says
  // which state and action it came from.
  let expanding = -1;
  let acting: A | undefined | typeof CHECKING;
  // The successors of the states expanded since the last resolve (batch.ts).
  const batch = new SuccessorBatch(W);
  // Give the batch's new states their ids and check them (settleBatch).
  // Where the search stops inside the batch (every property decided, or a
  // budget: -1 when the table could not grow), what the states expanded
  // after the stop counted is taken back: they were expanded only to fill it.
  const point: SettlePoint = { p: -1, parent: -1 };
  const settle = (): number => {
    acting = CHECKING;
    let stop: number;
    try {
      stop = settleBatch(batch, store, findings, checked, st.nxt, options.keepGoing ?? false, (src, at) => nextLevel.push(src, at), point);
    } catch (e) {
      if (e instanceof BudgetExceeded) takeBack(point.p);
      else expanding = point.parent;
      throw e;
    }
    if (stop >= 0) takeBack(stop);
    else batch.clear();
    return stop;
  };
  const takeBack = (p: number): void => {
    for (let q = p + 1; q < batch.parents; q++) takeBackExpansion(model, st, frontier.buf, (batch.parentId[q] - lo) * W, stats, coverage);
  };
  let lo = 0;
  let depth = 0;
  let cut = false;
  try {
    storeInitialStates(model, st, store, findings, checked, (words) => frontier.push(words, 0));
    levels.push(store.size);
    const within = model.within;
    const nxt = st.nxt;
    const nxtView = st.nxtRead;
    while (frontier.length > 0 && (findings.undecided > 0 || options.keepGoing)) {
      if (depth >= maxDepth) {
        if (levelHasNewSuccessor(model, st, store, frontier)) {
          status = 'depth-bound';
          reason = `depth bound ${maxDepth} reached with unexplored successors`;
        }
        break;
      }
      const words = frontier.buf;
      const n = frontier.length;
      let timeUp: BudgetExceeded | undefined;
      for (let k = 0; k < n; k++) {
        const id = lo + k;
        expanding = id;
        acting = undefined;
        try {
          st.load(words, k * W);
          const acts = st.enabled();
          for (let i = 0; i < acts.length; i++) {
            const a = acts[i];
            acting = a;
            if (!st.step(a)) continue;
            stats.generated++;
            coverage.countAt(a, i);
            if (within && !within(nxtView)) continue;
            const h = hashOf(nxt, 0);
            if (store.seenElseCache(nxt, 0, h)) continue;
            batch.push(nxt, 0, h, i);
          }
        } catch (e) {
          const failedOn = acting;
          if (!settleBeforeFailure(batch, settle, () => takeBackExpansion(model, st, words, k * W, stats, coverage))) {
            [expanding, acting] = [id, failedOn];
            throw e;
          }
          cut = true;
          break;
        }
        batch.endParent(id);
        if (++sinceTick === 1024) {
          sinceTick = 0;
          st.verify();
          timeUp = clock.timeUp(store.size, depth);
        }
        if (timeUp || k === n - 1 || batch.full(store)) {
          // Decided inside the batch: the search ended there, before the time did.
          const stop = settle();
          if (stop >= 0) {
            cut = batch.parentId[stop] + 1 < lo + n;
            break;
          }
          if (timeUp) throw timeUp;
        }
      }
      depth++;
      lo += n;
      [frontier, nextLevel] = [nextLevel, frontier];
      nextLevel.clear();
      if (frontier.length > 0) levels.push(frontier.length);
    }
    if (status === 'complete' && findings.undecided === 0 && !options.keepGoing && (cut || frontier.length > 0)) {
      status = 'decided';
    }
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw inContext(model, store, expanding, acting, e);
    status = 'budget';
    reason = e.message;
    const counted = levels.reduce((a, b) => a + b, 0);
    if (store.size > counted) levels.push(store.size - counted);
  }

  st.verify();
  stats.distinct = store.size;
  stats.levels = levels;
  stats.coverage = coverage.result();
  stats.bytesPerState = store.bytesPerState();
  return report(model, props, findings.found, status, reason, stats, store, start);
}


