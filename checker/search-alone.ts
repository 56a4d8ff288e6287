// The search on the calling thread alone (search.ts's bfs on 1 worker):
// each level's successors gathered in batches and looked up together in
// table order (batch.ts), given their ids in the order they were generated.
// A search on several workers (parallel.ts) starts as this one and may pause
// it at the end of a batch: it then takes over the store, the level being
// expanded and the next level so far, and goes on partitioned.
import { labelOf, type Model, type Property } from './model.js';
import { CHECKING, Clock, Findings, inContext, levelHasNewSuccessor, report, settleBatch, settleBeforeFailure, storeFor, storeInitialStates, takeBackExpansion, type SettlePoint } from './search-parts.js';
import type { SearchOptions, SearchResult, SearchStatus } from './search.js';
import { Coverage, emptyStats, type SearchStats } from './stats.js';
import { SuccessorBatch } from './batch.js';
import { BudgetExceeded, WordQueue, hasherFor, type StateStore } from './store.js';
import { WordStepper } from './step.js';

/**
 * Where a search paused: every state before id `x` of the level being
 * expanded (`frontier`, whose first id is `lo`) is expanded, its successors
 * stored and checked (the next level so far is `nextLevel`), and the search
 * is undecided.
 */
export interface PausedSearch<A> {
  readonly x: number;
  readonly lo: number;
  readonly depth: number;
  readonly frontier: WordQueue;
  readonly nextLevel: WordQueue;
  readonly store: StateStore;
  /** The widths of the levels so far, the one being expanded last. */
  readonly levels: readonly number[];
  /** Each property's first hit so far (all undecided, unless the search keeps going). */
  readonly found: readonly (number | undefined)[];
  readonly stats: SearchStats;
  readonly coverage: Coverage<A>;
}

/**
 * Asked at the start of each level and at the end of each batch, with the
 * next id to expand and the levels' widths (the one being expanded last):
 * pause there? `batchEndsAt`: an id before which a batch always ends.
 */
export interface PauseHook {
  readonly due: (x: number, levels: readonly number[]) => boolean;
  readonly batchEndsAt?: number;
}

export function searchAlone<S, A>(
  model: Model<S, A>,
  props: readonly Property<S>[],
  options: SearchOptions,
  start: number,
  workers: number,
  pause?: PauseHook,
): SearchResult<S, A> | PausedSearch<A> {
  const maxDepth = options.maxDepth ?? Infinity;
  const W = model.layout.words;
  const hashOf = hasherFor(W);
  const store = storeFor(model, options);
  const st = new WordStepper(model);
  // The properties as checked: compiled, on the successor's words, when the model has them.
  const { props: checkedProps, checked } = st.checkedProperties(props);
  const findings = new Findings(checkedProps);
  let frontier = new WordQueue(W);
  let nextLevel = new WordQueue(W);
  const stats = emptyStats(workers);
  const coverage = new Coverage<A>((a) => labelOf(model, a));
  let status: SearchStatus = 'complete';
  let reason: string | undefined;

  const levels: number[] = [];
  const clock = new Clock(start, options, stats);
  let sinceTick = 0;
  const batchEndsAt = pause?.batchEndsAt ?? -1;

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
  const paused = (x: number): PausedSearch<A> => {
    st.verify();
    return { x, lo, depth, frontier, nextLevel, store, levels, found: findings.found, stats, coverage };
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
      if (pause?.due(lo, levels)) return paused(lo);
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
        if (timeUp || k === n - 1 || batch.full(store) || id + 1 === batchEndsAt) {
          // Decided inside the batch: the search ended there, before the time did.
          const stop = settle();
          if (stop >= 0) {
            cut = batch.parentId[stop] + 1 < lo + n;
            break;
          }
          if (timeUp) throw timeUp;
          if (k < n - 1 && pause?.due(id + 1, levels)) return paused(id + 1);
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
