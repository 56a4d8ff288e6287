// Exhaustive breadth-first search, bounded by depth, by distinct states, by
// memory and by time. Each property's first violation (or, for `sometimes`,
// first witness) is found at the smallest depth, so its trace is shortest.
// Among shortest traces the one reported is the first in BFS order, i.e. the
// lexicographically smallest sequence of (initial index, action indices): a
// definition that does not depend on how the search is scheduled.
import './jit.js'; // before anything hot is optimized
import type { Model, Property } from './model.js';
import { bfsPartitioned } from './parallel.js';
import type { ModelSource } from './parallel-shared.js';
import { searchAlone } from './search-alone.js';
import type { Progress, SearchStats } from './stats.js';
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
  return searchAlone(model, props, options, start, 1) as SearchResult<S, A>;
}


