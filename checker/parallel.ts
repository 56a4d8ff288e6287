// The search on several workers: a pipeline that reports exactly what the
// 1-worker search reports (same counts, levels, coverage, and the same
// shortest trace for each property), because it stores the same states in
// the same order.
//
// The calling thread is the store: it runs the 1-worker search's loop
// (search.ts), with the table, the ids, the parent links and the
// properties, but it does not run the model's actions. The expanders, worker
// threads, do: expander e takes the states whose id is e modulo their
// number from the feed, in id order, and sends each one's successors,
// hashed and in action order, through its own ring, the last one marked. The
// store reads state 0's successors, then state 1's, and so on, from the ring
// of the expander that has it: the successors arrive in exactly the order
// the 1-worker search generates them, so the first discovery of each state,
// and so its id and parent link, is the same, with no sort. Where the search
// stops after some state (every property decided, a budget, the depth
// bound), the expanders take back the counts of the states they had
// expanded beyond it. The store and an expander work on different states at
// once: that is the speed-up. Where the store catches up with the
// expanders, it takes a run of states from them and expands it itself, in
// its place in id order (below), so that neither thread waits for long.
//
// The model is built in each worker from a ModelSource (a module URL and an
// export), so it must be importable as JavaScript.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { labelOf, type Model, type Property } from './model.js';
import {
  CTL,
  Doorbell,
  END,
  FAILED,
  FEED_STATES,
  LAST,
  HEAD,
  MESSAGE_EXTRA,
  RING_MESSAGES,
  RUN_BITS,
  TAIL,
  claimWords,
  controlWords,
  progressWordOf,
  storeHas,
  storeTakes,
  ringBuffers,
  type ExpanderInput,
  type ExpanderOutput,
  type ModelSource,
} from './parallel-shared.js';
import { SuccessorBatch } from './batch.js';
import { CHECKING, Clock, Findings, inContext, levelHasNewSuccessor, report, settleBatch, settleBeforeFailure, storeFor, storeInitialStates, takeBackExpansion, type SettlePoint } from './search-parts.js';
import type { SearchOptions, SearchResult, SearchStatus } from './search.js';
import { Coverage, emptyStats } from './stats.js';
import { BudgetExceeded, WordQueue, hasherFor, type StateStore } from './store.js';
import { ModelError, WordStepper } from './step.js';
import { compiledEntry } from './built-file.js';

const STARTUP_MS = 60_000;
/** How long a search runs on the calling thread alone before it starts its workers (unless options.handoffAt is given). */
const SPAWN_AFTER_MS = 50;
/** States stored between two publications to the expanders (and before any wait). */
const PUBLISH_EVERY = 16;
/**
 * A batch (checker/batch.ts) is settled early, so that its new states (the
 * next level's) reach the expanders before they run out of states, once
 * some expander has fewer states left in the feed than a quarter of the
 * batch's candidates plus 4,096 (its settling takes about that long), if
 * it holds 8,192 candidates or more (smaller batches cost more per
 * candidate than the wait). This replaced settling a level's batches ever
 * smaller towards its end, which made the store's lookups 30% dearer: 395
 * batches a pinbench search against 50 on 1 worker.
 */
const EARLY_SETTLE_SHARE = 0.25;
const EARLY_SETTLE_SLACK = 4096;
const EARLY_SETTLE_MIN = 8192;

/** A worker could not take part; its message says why (no model context is added). */
class WorkerFailed extends Error {
  override name = 'Error';
}

/** The expanders: their threads, the shared memory, and how to stop them and collect what they counted. */
class Expanders {
  readonly count: number;
  readonly ctl: Int32Array;
  readonly feed: Uint32Array;
  readonly claims = claimWords();
  /** The rings, from spawn() on (the store reads them only after the handoff). */
  readonly rings: { data: Uint32Array; index: Int32Array }[] = [];
  readonly bells: Doorbell[] = [];
  /** What each expander has generated so far (for progress reports). */
  readonly generated: Float64Array;
  private readonly ports: MessagePort[] = [];
  /** The threads, once spawn() has started them. */
  private readonly threads: Worker[] = [];
  private readonly entry: URL;
  private started = 0;
  private outputs: ExpanderOutput[] | undefined;

  constructor(
    private readonly model: Model<unknown, unknown>,
    private readonly source: ModelSource,
    count: number,
    private readonly runBits: number,
  ) {
    this.count = count;
    this.ctl = new Int32Array(new SharedArrayBuffer(controlWords(count) * 4));
    this.ctl[CTL.handoff] = -1;
    this.feed = new Uint32Array(new SharedArrayBuffer(FEED_STATES * model.layout.words * 4));
    this.generated = new Float64Array(new SharedArrayBuffer(count * 8));
    for (let me = 0; me < count; me++) this.bells.push(new Doorbell(this.ctl, CTL.expanderBell + 16 * me));
    this.entry = compiledEntry(import.meta.url, 'checker', 'parallel-worker.js');
  }

  get spawned(): boolean {
    return this.threads.length > 0;
  }

  /**
   * Start the worker threads, with their rings. Most searches of the kernel
   * models end before the search calls this (SPAWN_AFTER_MS): then no
   * thread is started and the rings' memory (tens of MB) is not allocated.
   * check --workers 2 over the default scopes (120 searches): 2.7-3.4 s
   * with a thread and rings for every search, 2.1-2.3 s without (2.0-2.4 s
   * on 1 worker).
   */
  spawn(): void {
    if (this.spawned) return;
    this.started = performance.now();
    const W = this.model.layout.words;
    for (let me = 0; me < this.count; me++) {
      const ring = ringBuffers(W);
      this.rings.push({ data: new Uint32Array(ring.data), index: new Int32Array(ring.index) });
      const { port1, port2 } = new MessageChannel();
      this.ports.push(port1);
      const input: ExpanderInput = {
        me,
        expanders: this.count,
        source: this.source,
        modelName: this.model.name,
        words: W,
        ctl: this.ctl.buffer as SharedArrayBuffer,
        feed: this.feed.buffer as SharedArrayBuffer,
        claims: this.claims.buffer as SharedArrayBuffer,
        runBits: this.runBits,
        ring,
        generated: this.generated.buffer as SharedArrayBuffer,
        port: port2,
      };
      const w = new Worker(this.entry, { workerData: { parallelSearch: true, input }, transferList: [port2] });
      w.unref();
      this.threads.push(w);
    }
  }

  /** Have all the expanders loaded their model? */
  allStarted(): boolean {
    return Atomics.load(this.ctl, CTL.started) === this.count;
  }

  /** The expanders take over from state `id` on. */
  begin(id: number): void {
    Atomics.store(this.ctl, CTL.handoff, id);
  }

  /** The search ended before the handoff: stop the expanders without waiting for them (they expanded nothing). */
  dismiss(): void {
    this.stop(-1);
    for (const w of this.threads) void w.terminate();
    for (const p of this.ports) p.close();
  }

  /** Of the `written` states in the feed, how many some expander has yet to expand (the fewest, as they last said). */
  unexpanded(written: number): number {
    let fewest = written;
    for (let e = 0; e < this.count; e++) fewest = Math.min(fewest, written - Atomics.load(this.ctl, progressWordOf(e)));
    return fewest;
  }

  /** Wake the expanders that sleep. */
  wake(): void {
    for (const b of this.bells) b.ring();
  }

  /** Throw if an expander could not start, ended early (it then says why) or found the model's views broken. */
  checkAlive(): void {
    const ctl = this.ctl;
    if (Atomics.load(ctl, CTL.broken) !== 0) {
      this.stop(-1);
      this.throwIfBroken();
    }
    if (Atomics.load(ctl, CTL.finished) > 0 && Atomics.load(ctl, CTL.stop) === 0) {
      this.stop(-1);
      for (const o of this.collect()) if (o.error) throw new WorkerFailed(`parallel search, worker ${o.me}: ${o.error}`);
    }
    if (this.spawned && Atomics.load(ctl, CTL.started) < this.count && performance.now() - this.started > STARTUP_MS) {
      this.stop(-1);
      throw new WorkerFailed(`parallel search: workers did not start within ${STARTUP_MS / 1000} s`);
    }
  }

  /** Throw the ModelError an expander found, if any (after stop()). */
  throwIfBroken(): void {
    for (const o of this.collect()) if (o.broken !== undefined) throw new ModelError(o.broken);
  }

  /** End the search: the states up to `after` count. */
  stop(after: number): void {
    if (Atomics.load(this.ctl, CTL.stop) !== 0) return;
    Atomics.store(this.ctl, CTL.stopAfter, after);
    Atomics.store(this.ctl, CTL.stop, 1);
    this.wake();
  }

  /** Every expander's output (waits for those still running). */
  collect(): ExpanderOutput[] {
    if (this.outputs) return this.outputs;
    const got: (ExpanderOutput | undefined)[] = this.ports.map(() => undefined);
    const bell = new Doorbell(this.ctl, CTL.storeBell);
    const take = (): boolean => {
      this.ports.forEach((port, me) => {
        if (got[me]) return;
        const m = receiveMessageOnPort(port);
        if (m) got[me] = m.message as ExpanderOutput;
      });
      return got.every((o) => o !== undefined);
    };
    bell.waitUntil(take, () => {
      if (performance.now() - this.started > STARTUP_MS && Atomics.load(this.ctl, CTL.started) < this.count) {
        throw new WorkerFailed(`parallel search: workers did not start within ${STARTUP_MS / 1000} s`);
      }
    });
    for (const p of this.ports) p.close();
    this.outputs = got as ExpanderOutput[];
    return this.outputs;
  }
}

/**
 * The store's own expansion of a state, before the handoff: search.ts's,
 * into the batch. Written into the store's loop, it took that loop's
 * inlining budget from the ring's path (about 6% slower on pinbench, 4
 * alternating runs).
 */
class ExpandHere<S, A> {
  generated = 0;
  readonly coverage: Coverage<A>;
  /** The action being run (for an error's context), undefined between expansions. */
  acting: A | undefined;
  private readonly hashOf: (src: Uint32Array, at: number) => number;

  constructor(
    private readonly model: Model<S, A>,
    private readonly st: WordStepper<S, A>,
    private readonly store: StateStore,
  ) {
    this.coverage = new Coverage<A>((a) => labelOf(model, a));
    this.hashOf = hasherFor(model.layout.words);
  }

  /** Expand the state at `feed[at ..]` into the batch: its successors not recently seen, in action order. */
  expand(feed: Uint32Array, at: number, batch: SuccessorBatch): void {
    const st = this.st;
    const nxt = st.nxt;
    const within = this.model.within;
    st.load(feed, at);
    this.acting = undefined;
    const acts = st.enabled();
    for (let i = 0; i < acts.length; i++) {
      const a = acts[i];
      this.acting = a;
      if (!st.step(a)) continue;
      this.generated++;
      this.coverage.countAt(a, i);
      if (within && !within(st.nxtRead)) continue;
      const h = this.hashOf(nxt, 0);
      if (this.store.seenElseCache(nxt, 0, h)) continue;
      batch.push(nxt, 0, h, i);
    }
    this.acting = undefined;
  }

  /** Take back what expanding the state at `feed[at ..]` counted (all of it, or up to where the model failed). */
  takeBack(feed: Uint32Array, at: number): void {
    takeBackExpansion(this.model, this.st, feed, at, this, this.coverage);
  }
}

/** The search of search.ts's bfs on `workers` threads: this one stores, `workers` - 1 expand. */
export function bfsPipelined<S, A>(
  model: Model<S, A>,
  props: readonly Property<S>[],
  options: SearchOptions & { readonly source: ModelSource },
  workers: number,
  start: number,
): SearchResult<S, A> {
  const W = model.layout.words;
  const maxDepth = options.maxDepth ?? Infinity;
  const keepGoing = options.keepGoing ?? false;
  const store = storeFor(model as Model<unknown, unknown>, options);
  const st = new WordStepper(model);
  const { props: checkedProps, checked } = st.checkedProperties(props);
  const findings = new Findings(checkedProps);
  const stats = emptyStats(workers);
  const clock = new Clock(start, options, stats);
  // Last, so that nothing above can throw with the expanders started.
  const runBits = options.storeRuns ?? RUN_BITS;
  const ex = new Expanders(model as Model<unknown, unknown>, options.source, workers - 1, runBits);
  const E = ex.count;
  const levels: number[] = [];
  let status: SearchStatus = 'complete';
  let reason: string | undefined;

  // The feed holds the stored states [freed, written) that are to be
  // expanded; those it has no room for yet wait in `staged`, in id order.
  // States at the depth bound are not expanded: they are kept in `bounded`
  // for the depth-bound probe.
  const feed = ex.feed;
  let written = 0;
  const staged = new WordQueue(W);
  let stagedFrom = 0;
  const bounded = new WordQueue(W);
  const enqueue = (src: Uint32Array, at: number, depth: number, freed: number): void => {
    if (depth >= maxDepth) bounded.push(src, at);
    else if (stagedFrom === staged.length && written - freed < FEED_STATES) {
      const to = (written & (FEED_STATES - 1)) * W;
      for (let q = 0; q < W; q++) feed[to + q] = src[at + q];
      written++;
    } else staged.push(src, at);
  };
  // Move staged states into the slots freed.
  const refill = (freed: number): void => {
    while (stagedFrom < staged.length && written - freed < FEED_STATES) {
      const from = stagedFrom++ * W;
      const to = (written & (FEED_STATES - 1)) * W;
      for (let q = 0; q < W; q++) feed[to + q] = staged.buf[from + q];
      written++;
    }
    if (stagedFrom === staged.length) {
      staged.clear();
      stagedFrom = 0;
    }
  };
  // Give the expanders what they wait for: ring space and states to expand.
  const heads = new Int32Array(E);
  const publish = (): void => {
    for (let e = 0; e < ex.rings.length; e++) Atomics.store(ex.rings[e].index, HEAD, heads[e]);
    Atomics.store(ex.ctl, CTL.expandable, written);
    ex.wake();
  };

  // Until the expanders have started (a worker thread loads the model, and
  // its code is not yet optimised: 0.1-0.5 s), the store expands the states
  // itself, and the expanders take over from the first state after that,
  // the handoff (options.handoffAt fixes it). What the store expands it
  // counts here; a search that ends before the handoff never waits for the
  // expanders (but one that could not load the model by then is an error).
  // The workers are started only once the search has run SPAWN_AFTER_MS:
  // most searches of the kernel models' default scopes are over by then.
  let handoff = -1;
  const here = new ExpandHere(model, st, store);
  // After the handoff, the store also expands whole runs of states itself
  // (parallel-shared.ts): when it has read all an expander has sent and
  // would wait, it claims the next run no expander has begun, and expands
  // it when it comes to it; at most one such run is ahead of it at a time.
  // So whichever thread is the faster, the store takes work from the
  // expanders until both are busy. `ownRun` is that run (-1 if none); the
  // claims say which runs it took (storeHas).
  let ownRun = -1;
  const takeRunAfter = (id: number): void => {
    if (ownRun >= 0) return;
    for (let r = (id >>> runBits) + 1; r <= (id >>> runBits) + 2; r++) {
      if (storeTakes(ex.claims, r)) {
        ownRun = r;
        return;
      }
    }
  };
  if (options.handoffAt !== undefined) ex.spawn();

  // Where the search is, so that an error thrown by the model's code says
  // which state and action it came from.
  let expanding = -1;
  let acting: A | undefined | typeof CHECKING;
  // An expander's expansion of state `id` threw: run it here to throw the
  // model's own error (its class and message; the catch below adds where).
  // If it does not throw here, the worker's message is all there is.
  const reproduce = (id: number): never => {
    st.load(feed, (id & (FEED_STATES - 1)) * W);
    acting = undefined;
    const acts = st.enabled();
    for (const a of acts) {
      acting = a;
      if (st.step(a) && model.within) model.within(st.nxtRead);
    }
    ex.stop(id);
    const failure = ex.collect()[id % E].failure;
    throw new WorkerFailed(`parallel search, worker ${id % E}: ${failure ?? 'expanding a state failed'} (in ${model.name}, stored state #${id})`);
  };

  // The successors of the states read since the last settle (batch.ts), as
  // in search.ts. A state's feed slot is freed only once its batch is
  // settled: where the search stops inside a batch, the states after the
  // stop are expanded again from the feed to take back their counts.
  const batch = new SuccessorBatch(W);
  let depth = 0;
  // The states of the batch after its `p`th were expanded only to fill it:
  // take back what the store's own expansions of them counted (the
  // expanders take back theirs when stopped).
  const takeBackHere = (p: number): void => {
    for (let q = p + 1; q < batch.parents; q++) {
      const id = batch.parentId[q];
      if (handoff < 0 || id < handoff || storeHas(ex.claims, id >>> runBits)) here.takeBack(feed, (id & (FEED_STATES - 1)) * W);
    }
  };
  // Store the batch's new states (settleBatch, as search.ts does); they go
  // to the feed. The index in the batch of the state after which every
  // property was decided, or -1.
  const point: SettlePoint = { p: -1, parent: -1 };
  const settle = (): number => {
    const freed = batch.parents > 0 ? batch.parentId[0] : 0;
    acting = CHECKING;
    let stop: number;
    try {
      stop = settleBatch(batch, store, findings, checked, st.nxt, keepGoing, (src, at) => enqueue(src, at, depth + 1, freed), point);
    } catch (e) {
      if (e instanceof BudgetExceeded) {
        takeBackHere(point.p);
        // The expanders stop after the state the budget ended at.
        expanding = point.p >= 0 ? point.parent : freed - 1;
      } else expanding = point.parent;
      throw e;
    }
    expanding = point.parent;
    if (stop >= 0) {
      takeBackHere(stop);
      return stop;
    }
    // The batch's states' feed slots are free.
    if (batch.parents > 0) refill(batch.parentId[batch.parents - 1] + 1);
    batch.clear();
    return -1;
  };
  try {
    storeInitialStates(model, st, store, findings, checked, (words) => enqueue(words, 0, 0, 0));
    levels.push(store.size);
    publish();

    const msg = W + MESSAGE_EXTRA;
    const tails = new Int32Array(E);
    const storeBell = new Doorbell(ex.ctl, CTL.storeBell);
    const alive = (): void => ex.checkAlive();
    let sinceTick = 0;
    let lo = 0;
    let levelEnd = store.size;
    let cut = false;
    while (lo < levelEnd && (findings.undecided > 0 || keepGoing)) {
      if (depth >= maxDepth) {
        if (levelHasNewSuccessor(model, st, store, bounded)) {
          status = 'depth-bound';
          reason = `depth bound ${maxDepth} reached with unexplored successors`;
        }
        break;
      }
      let timeUp: BudgetExceeded | undefined;
      for (let id = lo; id < levelEnd; id++) {
        expanding = id;
        acting = undefined;
        if (handoff < 0 && (options.handoffAt === undefined ? ex.allStarted() : id === options.handoffAt)) {
          handoff = id;
          ex.begin(id);
          publish();
        }
        if (ownRun >= 0 && id >>> runBits > ownRun) ownRun = -1;
        if (options.storeRuns !== undefined && handoff >= 0) takeRunAfter(id);
        const expandHere = handoff < 0 || id >>> runBits === ownRun;
        if (expandHere) {
          // The expanders are still starting, or the store took this run: expand state id here.
          const at = (id & (FEED_STATES - 1)) * W;
          try {
            here.expand(feed, at, batch);
          } catch (e) {
            const failedOn = here.acting;
            if (!settleBeforeFailure(batch, settle, () => here.takeBack(feed, at))) {
              [expanding, acting] = [id, failedOn];
              throw e;
            }
            cut = true;
            break;
          }
        }
        // Else read state id's successors from its expander's ring, up to the LAST one or END.
        const e = id % E;
        const ring = ex.rings[e];
        let head = heads[e];
        for (; !expandHere; ) {
          if (head === tails[e]) {
            heads[e] = head;
            publish();
            takeRunAfter(id);
            const idx = ring.index;
            const h0 = head;
            storeBell.waitUntil(() => (tails[e] = Atomics.load(idx, TAIL)) !== h0, alive);
          }
          const at = (head & (RING_MESSAGES - 1)) * msg;
          const word = ring.data[at + W + 1];
          head = (head + 1) | 0;
          if (word >= FAILED) {
            if (word === END) break;
            heads[e] = head;
            // The expander takes back what it counted of the failed state when stopped.
            if (settleBeforeFailure(batch, settle, () => {})) {
              cut = true;
              break;
            }
            expanding = id;
            reproduce(id);
          }
          batch.push(ring.data, at, ring.data[at + W], word & ~LAST);
          if (word & LAST) break;
        }
        if (cut) break;
        heads[e] = head;
        batch.endParent(id);
        if ((id & (PUBLISH_EVERY - 1)) === 0) publish();
        if (++sinceTick === 1024) {
          sinceTick = 0;
          if (handoff < 0) {
            st.verify();
            if (performance.now() - start >= SPAWN_AFTER_MS) ex.spawn();
            // A worker that could not load the model says so now, not never.
            ex.checkAlive();
          }
          stats.generated = ex.generated.reduce((a, b) => a + b, here.generated);
          timeUp = clock.timeUp(store.size, depth);
        }
        if (
          timeUp ||
          id === levelEnd - 1 ||
          batch.full(store) ||
          batch.parents >= FEED_STATES / 2 ||
          (handoff >= 0 &&
            (id & (PUBLISH_EVERY - 1)) === 0 &&
            batch.length >= EARLY_SETTLE_MIN &&
            ex.unexpanded(written) < batch.length * EARLY_SETTLE_SHARE + EARLY_SETTLE_SLACK)
        ) {
          // Decided inside the batch: the search ended there, before the time did.
          const stop = settle();
          publish();
          if (stop >= 0) {
            cut = batch.parentId[stop] + 1 < levelEnd;
            break;
          }
          if (timeUp) throw timeUp;
        }
      }
      depth++;
      lo = levelEnd;
      levelEnd = store.size;
      if (levelEnd > lo) levels.push(levelEnd - lo);
    }
    if (status === 'complete' && findings.undecided === 0 && !keepGoing && (cut || levelEnd > lo)) {
      status = 'decided';
    }
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) {
      if (handoff < 0) ex.dismiss();
      else ex.stop(expanding);
      throw e instanceof WorkerFailed || e instanceof ModelError ? e : inContext(model, store, expanding, acting, e);
    }
    status = 'budget';
    reason = e.message;
    const counted = levels.reduce((a, b) => a + b, 0);
    if (store.size > counted) levels.push(store.size - counted);
  }

  st.verify();
  let outputs: ExpanderOutput[] = [];
  if (handoff < 0) {
    ex.checkAlive();
    ex.dismiss();
  } else {
    ex.stop(expanding);
    ex.throwIfBroken();
    outputs = ex.collect();
  }
  stats.generated = here.generated;
  for (const o of outputs) {
    if (o.error) throw new WorkerFailed(`parallel search, worker ${o.me}: ${o.error}`);
    stats.generated += o.generated;
    here.coverage.add(o.coverage);
  }
  stats.distinct = store.size;
  stats.levels = levels;
  stats.coverage = here.coverage.result();
  stats.bytesPerState = store.bytesPerState();
  return report(model, props, findings.found, status, reason, stats, store, start);
}
