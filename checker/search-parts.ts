// What the 1-worker search (search.ts) and the partitioned search on
// several workers (parallel.ts) share: the properties' bookkeeping, the
// clock (time budget and progress), an error's context, the depth-bound
// probe and the report. Both give every state the same id, parent link and
// verdict.
import type { Model, Property } from './model.js';
import type { SearchOptions, SearchResult, SearchStatus, Verdict } from './search.js';
import type { Coverage, SearchStats } from './stats.js';
import type { Layout } from './layout.js';
import type { SuccessorBatch } from './batch.js';
import { BudgetExceeded, StateStore, hasherFor, type WordQueue } from './store.js';
import { encodeInitialWords, type WordStepper } from './step.js';
import { traceFromIndices } from './trace.js';

export const DEFAULT_MAX_BYTES = 2 * 2 ** 30;

/** The store of a search with `options` (its state and memory budgets). */
export function storeFor(model: Model<unknown, unknown>, options: SearchOptions): StateStore {
  return new StateStore(model.layout.words, {
    spareTopBit: spareTopBit(model.layout),
    maxStates: options.maxStates ?? Infinity,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
  });
}

/** Does the layout leave the top bit of its last packed word unused? */
export function spareTopBit(layout: Layout<unknown>): boolean {
  return layout.leaves.every((l) => l.word < layout.words - 1 || l.shift + l.bits < 32);
}

/** Each property's first hit (the id of the first state, in BFS order, that violates or reaches it). */
export class Findings<S> {
  readonly found: (number | undefined)[];
  undecided: number;

  constructor(private readonly props: readonly Property<S>[]) {
    this.found = props.map(() => undefined);
    this.undecided = props.length;
  }

  /** Check each undecided property on the state held in `view`, newly stored as `id`. */
  check(view: S, id: number): void {
    const props = this.props;
    for (let p = 0; p < props.length; p++) {
      if (this.found[p] !== undefined) continue;
      const prop = props[p];
      const ok = prop.holds(view);
      if (prop.kind === 'always' ? !ok : ok) {
        this.found[p] = id;
        this.undecided--;
      }
    }
  }
}

/** Where settleBatch() is: the batch's state (its index p and its id) whose successors it was storing. */
export interface SettlePoint {
  p: number;
  parent: number;
}

/**
 * Resolve the batch (checker/batch.ts) and give its new states their ids,
 * in generation order: each goes to `keep` and has its properties checked
 * (on `checked`, with its words in `nxt`). The index in the batch of the
 * state after which every property was decided (the search stops there),
 * or -1. When it throws, `at` says where (p is -1 when the table could not
 * grow: no state of the batch was stored).
 */
export function settleBatch<S>(
  batch: SuccessorBatch,
  store: StateStore,
  findings: Findings<S>,
  checked: S,
  nxt: Uint32Array,
  keepGoing: boolean,
  keep: (src: Uint32Array, at: number) => void,
  at: SettlePoint,
): number {
  at.p = -1;
  batch.resolve(store);
  const W = batch.words;
  const fresh = batch.fresh;
  const buf = batch.buf;
  let j = 0;
  for (let p = 0; p < batch.parents; p++) {
    const parent = batch.parentId[p];
    at.p = p;
    at.parent = parent;
    for (const end = batch.parentEnd[p]; j < end; j++) {
      if (fresh[j] === 0) continue;
      const nid = store.link(parent, batch.action[j]);
      keep(buf, j * W);
      if (findings.undecided > 0) {
        for (let q = 0; q < W; q++) nxt[q] = buf[j * W + q];
        findings.check(checked, nid);
      }
    }
    if (findings.undecided === 0 && !keepGoing) return p;
  }
  return -1;
}

/**
 * The model's code failed expanding the batch's open state (the one after
 * its last endParent()). The states before it come first, as state by
 * state they would have: `settle` stores and checks their successors (and
 * takes back what the states after a stop counted). True when that decided
 * the search, which then ends there and the failure never happens.
 * `takeBackFailed` takes back what the failing expansion counted, wherever
 * the search ends before it (decided, or a budget while settling).
 */
export function settleBeforeFailure(batch: SuccessorBatch, settle: () => number, takeBackFailed: () => void): boolean {
  batch.dropOpen();
  let stop = -1;
  try {
    if (batch.parents > 0) stop = settle();
  } catch (e) {
    if (e instanceof BudgetExceeded) takeBackFailed();
    throw e;
  }
  if (stop >= 0) takeBackFailed();
  return stop >= 0;
}

/**
 * Store the model's initial states (ids 0, 1, ... in the model's order,
 * duplicates dropped), check the properties on each, and hand each new one's
 * words to `keep` (the frontier of either search).
 */
export function storeInitialStates<S>(
  model: Model<S, unknown>,
  st: WordStepper<S, unknown>,
  store: StateStore,
  findings: Findings<S>,
  /** What the findings' properties take (WordStepper.checkedProperties). */
  checked: S,
  keep: (words: Uint32Array) => void,
): void {
  const hashOf = hasherFor(model.layout.words);
  const inits = model.initialStates();
  for (let i = 0; i < inits.length; i++) {
    encodeInitialWords(model, inits[i], st.nxt);
    const id = store.insert(st.nxt, 0, hashOf(st.nxt, 0), -1, i);
    if (id >= 0) {
      keep(st.nxt);
      findings.check(checked, id);
    }
  }
}

/** The search's clock: the time budget, progress reports and the peak RSS, looked at every 1024 expanded states. */
export class Clock {
  private lastTick: number;
  private readonly timeLimit: number;
  private readonly progressMs: number;

  constructor(
    private readonly start: number,
    private readonly options: SearchOptions,
    private readonly stats: SearchStats,
  ) {
    this.lastTick = start;
    this.timeLimit = options.timeLimitMs ?? Infinity;
    this.progressMs = options.progressMs ?? 500;
  }

  /**
   * Report progress and note the peak RSS when it is time to; return the
   * time budget's end when it has come (the search throws it once it has
   * settled the batch it is gathering).
   */
  timeUp(distinct: number, depth: number): BudgetExceeded | undefined {
    const now = performance.now();
    if (now - this.start > this.timeLimit) {
      const t = this.timeLimit;
      return new BudgetExceeded(`time budget of ${t % 1000 === 0 ? `${t / 1000} s` : `${t} ms`} reached`);
    }
    if (now - this.lastTick < this.progressMs) return undefined;
    this.lastTick = now;
    this.stats.peakRss = Math.max(this.stats.peakRss, process.memoryUsage.rss());
    if (!this.options.onProgress) return undefined;
    const elapsedMs = now - this.start;
    this.options.onProgress({
      distinct,
      generated: this.stats.generated,
      depth,
      elapsedMs,
      statesPerSecond: distinct / (elapsedMs / 1000),
    });
    return undefined;
  }
}

/** In an error's context: the model's code was checking properties, not applying an action. */
export const CHECKING = Symbol('checking properties');

/**
 * An error thrown by the model's code while expanding stored state `id` (under
 * `action`, when one was being applied), with the path to that state appended
 * to its message. The error keeps its class.
 */
export function inContext<S, A>(model: Model<S, A>, store: { parent(id: number): number; action(id: number): number }, id: number, action: A | undefined | typeof CHECKING, e: unknown): unknown {
  if (id < 0 || !(e instanceof Error)) return e;
  let path: string;
  try {
    const p = pathTo(store, id);
    const t = traceFromIndices(model, p.initialIndex, p.indices);
    path = t.steps.length ? t.steps.map((s) => model.describe(s.action)).join('; ') : `initial state ${p.initialIndex}`;
  } catch {
    path = `stored state #${id}`;
  }
  const doing =
    action === undefined
      ? 'listing the enabled actions'
      : action === CHECKING
        ? 'checking the properties of a successor'
        : `applying ${model.describe(action)}`;
  e.message = `${e.message} (in ${model.name}, ${doing} after: ${path})`;
  return e;
}

/** The initial index and action indices leading to stored state `id`. */
export function pathTo(
  store: { parent(id: number): number; action(id: number): number },
  id: number,
): { initialIndex: number; indices: number[] } {
  const indices: number[] = [];
  let cur = id;
  while (store.parent(cur) >= 0) {
    indices.push(store.action(cur));
    cur = store.parent(cur);
  }
  indices.reverse();
  return { initialIndex: store.action(cur), indices };
}

/**
 * At the depth bound: does any state of the last level (`level`, packed
 * words) have a successor not yet stored? If none, the bound cut nothing
 * and the search is complete.
 */
export function levelHasNewSuccessor<S, A>(
  model: Model<S, A>,
  st: WordStepper<S, A>,
  store: StateStore,
  level: WordQueue,
): boolean {
  const W = model.layout.words;
  const hashOf = hasherFor(W);
  const acts: A[] = [];
  for (let k = 0; k < level.length; k++) {
    st.load(level.buf, k * W);
    st.actions(acts);
    for (const a of acts) {
      if (!st.step(a)) continue;
      if (model.within && !model.within(st.nxtRead)) continue;
      if (!store.has(st.nxt, 0, hashOf(st.nxt, 0))) return true;
    }
  }
  return false;
}

/** The result: statistics completed, and a verdict (with its trace when found) per property. */
export function report<S, A>(
  model: Model<S, A>,
  props: readonly Property<S>[],
  found: readonly (number | undefined)[],
  status: SearchStatus,
  reason: string | undefined,
  stats: SearchStats,
  links: { parent(id: number): number; action(id: number): number },
  start: number,
): SearchResult<S, A> {
  const elapsedMs = performance.now() - start;
  stats.depth = stats.levels.length - 1;
  stats.elapsedMs = elapsedMs;
  stats.statesPerSecond = stats.distinct / Math.max(elapsedMs / 1000, 1e-9);
  stats.peakRss = Math.max(stats.peakRss, process.memoryUsage.rss());
  const complete = status === 'complete';
  const verdicts = props.map((prop, p): Verdict<S, A> => {
    const id = found[p];
    if (id !== undefined) {
      const path = pathTo(links, id);
      return {
        property: prop.name,
        kind: prop.kind,
        status: prop.kind === 'always' ? 'violated' : 'reached',
        path,
        trace: traceFromIndices(model, path.initialIndex, path.indices),
      };
    }
    if (!complete) return { property: prop.name, kind: prop.kind, status: 'undecided' };
    return { property: prop.name, kind: prop.kind, status: prop.kind === 'always' ? 'holds' : 'unreached' };
  });
  return { model: model.name, status, reason, verdicts, stats };
}

/**
 * Take back what expanding the state at `words[at ..]` counted: each
 * transition, counted once its step succeeded. The same calls as the
 * expansion, so where the model failed it fails again at the same point,
 * and exactly what was counted before it is taken back. For a search that
 * stops inside a batch (checker/batch.ts): the states expanded after the
 * stop were expanded only to fill the batch.
 */
export function takeBackExpansion<S, A>(
  model: Model<S, A>,
  st: WordStepper<S, A>,
  words: Uint32Array,
  at: number,
  counts: { generated: number },
  coverage: Coverage<A>,
): void {
  st.load(words, at);
  try {
    for (const a of st.enabled()) {
      if (!st.step(a)) continue;
      counts.generated--;
      coverage.uncount(a);
      if (model.within) model.within(st.nxtRead);
    }
  } catch {
    // the model's failure, again
  }
}
