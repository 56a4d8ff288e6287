// The search on several threads: it reports exactly what the 1-worker
// search reports (same counts, levels, coverage, and the same shortest
// trace for each property), because it gives every state the id the
// 1-worker search gives it.
//
// The threads split the hash space (partition.ts): each owns a part of the
// states and stores them in its own table; every thread expands blocks of
// every level, whoever owns their states. The calling thread
// is thread 0 and leads: it cuts each level into chunks (ranges of ids) and
// runs every chunk's phases (expand, resolve, link; the level's next chunk
// is expanded in the resolve phase, once a thread is done with its part of
// it) on all threads at once, each phase ending when every thread has done
// its part; between the
// phases it decides from what the threads found (a state whose expansion
// threw, a state past the state budget, each property's first hit) where
// the search stops, in the order the 1-worker search would meet those
// events, and has the threads take back what they counted after it.
//
// Until the workers have started (a worker thread loads the model, and its
// code is not yet optimised), the calling thread searches alone, as the
// only part; at the handoff it splits its table between the threads (a
// level's states are in one shared array already). A search that ends
// before then never waits for the workers. The workers take part from a
// level of WIDE_LEVEL states that is still widening (WIDENING: no default
// scope of the kernel models, nor D-CURRENT/thp, has one); the search is
// given to them once it has run SPAWN_AFTER_MS and reached such a level or
// the level before one, as foreseen (workersGiven), from this thread's pool
// (worker-pool.ts): workers waiting there
// (started ahead by the program, or left by an earlier search) start it in
// tens of milliseconds; new ones take 0.1-0.5 s. Given earlier, short
// searches would pay for the workers' loading of their models (check
// --workers 2 on the default scopes: 5.3-5.9 s against 2.1-2.4 s).
//
// The model is built in each worker from a ModelSource (a module URL and an
// export), so it must be importable as JavaScript.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Model, Property } from './model.js';
import {
  CTL,
  MAX_PARTS,
  PHASE,
  RES,
  arrayIds,
  failedAtIn,
  sharedBuffers,
  waitWhile,
  type ModelSource,
  type SharedBuffers,
  type WorkerInput,
  type WorkerOutput,
} from './parallel-shared.js';
import { Partition } from './partition.js';
import { SharedArrays } from './shared-arrays.js';
import { CHECKING, Clock, DEFAULT_MAX_BYTES, Findings, inContext, report } from './search-parts.js';
import type { SearchOptions, SearchResult, SearchStatus } from './search.js';
import { emptyStats } from './stats.js';
import { BudgetExceeded, hasherFor, showBytes } from './store.js';
import { ModelError, encodeInitialWords } from './step.js';
import { giveBackSearchWorkers, takeSearchWorkers } from './worker-pool.js';

const STARTUP_MS = 60_000;
/** How long a search runs on the calling thread alone before it is given to workers (unless options.handoffAt is given). */
const SPAWN_AFTER_MS = 50;
/**
 * The states of a level worth splitting between threads: the workers are
 * given the search (and take part) only in a level at least this wide, as
 * narrower ones end in a few milliseconds, which do not pay for the phases
 * and the workers' unoptimised code (D-MIX/anon-fork, whose widest level
 * has 2,279 states: 0.25-0.33 s on 2 workers against 0.18 s on 1).
 */
const WIDE_LEVEL = 16_384;
/**
 * A level of WIDE_LEVEL states is worth the workers' part only while the
 * search still widens, at least this many times the level before (or is
 * four times as wide): then most of its states are ahead. D-CURRENT/thp's
 * widest level is 16,808 states, 1.08 times the one before; its last 66 K
 * states took 0.36 s on 2 workers, one of them new to the model's code,
 * against 0.21 s on 1. Pinbench's first such level, 16,800, is 2.46 times
 * the one before.
 */
const WIDENING = 1.5;

/** Do the workers take part in the last of these levels (their widths, the first level's first)? */
export function workersTakePart(levels: readonly number[]): boolean {
  const width = levels[levels.length - 1];
  const before = levels.length >= 2 ? levels[levels.length - 2] : 0;
  return width >= WIDE_LEVEL && (width >= WIDENING * before || width >= 4 * WIDE_LEVEL);
}

/**
 * Are the workers given the search in the last of these levels? In a level
 * they take part in, or in the level before one they will take part in if
 * the search widens as it just did: so that they have started when it gets
 * there. Pinbench's level of 6,839 states, 2.93 times the one before, is
 * followed by one of 16,800 (one of 20,039 foreseen); given only then, the
 * workers started while the calling thread expanded that level's first
 * chunk alone. No level of D-CURRENT/thp foresees one they take part in.
 */
export function workersGiven(levels: readonly number[]): boolean {
  const width = levels[levels.length - 1];
  const before = levels.length >= 2 ? levels[levels.length - 2] : 0;
  const foreseen = before > 0 ? Math.round((width * width) / before) : 0;
  return workersTakePart(levels) || workersTakePart([...levels, foreseen]);
}

/** A chunk is a quarter as many states as are stored, within these bounds. */
const MIN_CHUNK = 4096;
const MAX_CHUNK = 1 << 18;
/**
 * Bytes of a state's parent link (Int32 parent, Uint16 action index), as
 * written: the link arrays are mostly address space (shared-arrays.ts).
 */
const LINK_BYTES = 6;
/** "No state's expansion threw": above every id. */
const NO_CUT = 0x7fffffff;

/** A worker could not take part; its message says why (no model context is added). */
class WorkerFailed extends Error {
  override name = 'Error';
}

/** The worker threads: giving them the search, running a phase on all, and collecting what they counted. */
class Team {
  readonly count: number;
  /** Have the workers taken over their parts (the handoff)? */
  active = false;
  private readonly ctl: Int32Array;
  private threads: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private startedAt = 0;
  private outputs: WorkerOutput[] | undefined;
  /** Were the workers told to finish (PHASE.finish)? Are they given back or stopped? */
  private told = false;
  private ended = false;

  constructor(
    private readonly model: Model<unknown, unknown>,
    private readonly source: ModelSource,
    private readonly parts: number,
    private readonly buffers: SharedBuffers,
    private readonly arrays: SharedArrays,
    private readonly properties: readonly string[],
    private readonly maxBytes: number,
  ) {
    this.count = parts - 1;
    this.ctl = new Int32Array(buffers.ctl);
  }

  get spawned(): boolean {
    return this.threads.length > 0;
  }

  /** Give the search to workers from the pool (those waiting, then new ones). */
  spawn(): void {
    if (this.spawned) return;
    this.startedAt = performance.now();
    // news[a][b]: the channel through which thread a tells thread b that it grew an array.
    const P = this.parts;
    const news = Array.from({ length: P }, () => Array.from({ length: P }, () => new MessageChannel()));
    const inboxes = (b: number): MessagePort[] => news.flatMap((row, a) => (a === b ? [] : [row[b].port2]));
    const outboxes = (a: number): MessagePort[] => news[a].flatMap((c, b) => (a === b ? [] : [c.port1]));
    const arrays = this.arrays.snapshot();
    this.threads = takeSearchWorkers(this.count);
    this.arrays.connect(inboxes(0), outboxes(0));
    for (let me = 1; me < P; me++) {
      const { port1, port2 } = new MessageChannel();
      this.ports.push(port1);
      const input: WorkerInput = {
        me,
        parts: this.parts,
        source: this.source,
        modelName: this.model.name,
        words: this.model.layout.words,
        properties: this.properties,
        maxBytes: this.maxBytes,
        buffers: this.buffers,
        arrays,
        inboxes: inboxes(me),
        outboxes: outboxes(me),
        port: port2,
      };
      this.threads[me - 1].postMessage(input, [port2, ...input.inboxes, ...input.outboxes]);
    }
  }

  allStarted(): boolean {
    return Atomics.load(this.ctl, CTL.started) === this.count;
  }

  /** Wait until every worker has loaded its model (or throw why one could not). */
  waitStarted(): void {
    for (let n; (n = Atomics.load(this.ctl, CTL.started)) < this.count; ) {
      this.checkAlive();
      Atomics.wait(this.ctl, CTL.started, n, 20);
    }
  }

  /**
   * checkAlive, as one function for every wait at a phase's end (a new
   * closure each time made waitWhile's optimised code be thrown away at
   * every phase: V8 keys a call's feedback to the closure).
   */
  private readonly checkAliveNow = (): void => this.checkAlive();

  /** Throw if a worker ended (it then says why) or did not start in time. */
  checkAlive(): void {
    if (Atomics.load(this.ctl, CTL.finished) > 0) {
      for (const o of this.collect()) if (o.error) throw new WorkerFailed(`parallel search, worker ${o.me}: ${o.error}`);
      throw new WorkerFailed('parallel search: a worker ended early');
    }
    if (this.spawned && !this.allStarted() && performance.now() - this.startedAt > STARTUP_MS) {
      throw new WorkerFailed(`parallel search: workers did not start within ${STARTUP_MS / 1000} s`);
    }
  }

  /** Run phase `phase` on every thread: the workers' parts, and `own`, this thread's, meanwhile. */
  phase(phase: number, args: readonly number[], own: () => void): void {
    if (!this.active) return own();
    const ctl = this.ctl;
    ctl[CTL.phase] = phase;
    args.forEach((a, k) => (ctl[CTL.args + k] = a));
    Atomics.store(ctl, CTL.done, 0);
    Atomics.add(ctl, CTL.gen, 1);
    Atomics.notify(ctl, CTL.gen);
    own();
    for (let d; (d = Atomics.load(ctl, CTL.done)) < this.count; ) waitWhile(ctl, CTL.done, d, this.checkAliveNow);
    if (Atomics.load(ctl, CTL.broken) !== 0) {
      for (const o of this.finish()) if (o.broken !== undefined) throw new ModelError(o.broken);
    }
  }

  /**
   * End the workers' part in the search: what each counted (none if they
   * never took part: told to finish, they are given back at once; a worker
   * that could not load the model still fails the search).
   */
  finish(): WorkerOutput[] {
    if (this.active) return this.collect();
    if (!this.spawned) return [];
    try {
      this.checkAlive();
    } finally {
      this.tellFinish();
      this.giveBack();
    }
    return [];
  }

  /** Stop the workers without waiting for them (a search that failed: they may be anywhere in a phase). */
  dismiss(): void {
    if (this.ended) return;
    for (const w of this.threads) void w.terminate();
    this.close();
  }

  private tellFinish(): void {
    if (this.told) return;
    this.told = true;
    Atomics.store(this.ctl, CTL.phase, PHASE.finish);
    Atomics.add(this.ctl, CTL.gen, 1);
    Atomics.notify(this.ctl, CTL.gen);
  }

  /** The workers were told to finish: the next search may take them. */
  private giveBack(): void {
    if (this.ended) return;
    giveBackSearchWorkers(this.threads);
    this.close();
  }

  private close(): void {
    this.ended = true;
    for (const p of this.ports) p.close();
    this.arrays.close();
  }

  private collect(): WorkerOutput[] {
    if (this.outputs) return this.outputs;
    this.tellFinish();
    const got: (WorkerOutput | undefined)[] = this.ports.map(() => undefined);
    for (;;) {
      this.ports.forEach((port, i) => {
        if (got[i]) return;
        const m = receiveMessageOnPort(port);
        if (m) got[i] = m.message as WorkerOutput;
      });
      if (got.every((o) => o !== undefined)) break;
      if (!this.allStarted() && performance.now() - this.startedAt > STARTUP_MS) {
        throw new WorkerFailed(`parallel search: workers did not start within ${STARTUP_MS / 1000} s`);
      }
      Atomics.wait(this.ctl, CTL.finished, Atomics.load(this.ctl, CTL.finished), 5);
    }
    this.giveBack();
    this.outputs = got as WorkerOutput[];
    return this.outputs;
  }
}

/** The search of search.ts's bfs on `workers` threads. */
export function bfsPartitioned<S, A>(
  model: Model<S, A>,
  props: readonly Property<S>[],
  options: SearchOptions & { readonly source: ModelSource },
  workers: number,
  start: number,
): SearchResult<S, A> {
  if (workers > MAX_PARTS) throw new RangeError(`bfs: at most ${MAX_PARTS} workers, not ${workers}`);
  const W = model.layout.words;
  const maxDepth = options.maxDepth ?? Infinity;
  const maxStates = Math.min(options.maxStates ?? Infinity, NO_CUT);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keepGoing = options.keepGoing ?? false;
  const buffers = sharedBuffers(workers, W, props.length);
  const ids = arrayIds(workers);
  const arrays = SharedArrays.create(ids.kinds);
  const ctl = new Int32Array(buffers.ctl);
  const res = (t: number, field: number): number => ctl[CTL.result + 16 * t + field];
  const me = new Partition(model, 0, 1, buffers, arrays, workers, props, maxBytes);
  const st = me.st;
  const { props: checkedProps, checked } = st.checkedProperties(props);
  const findings = new Findings(checkedProps);
  const sharedFound = new Int32Array(buffers.found);
  const hits = new Int32Array(buffers.hits);
  const generatedBy = new Float64Array(buffers.generated);
  const tableBytes = new Float64Array(buffers.tableBytes);
  const links = me.links;
  const stats = emptyStats(workers);
  const clock = new Clock(start, options, stats);
  const team = new Team(model as Model<unknown, unknown>, options.source, workers, buffers, arrays, props.map((p) => p.name), maxBytes / workers);
  if (options.handoffAt !== undefined) team.spawn();
  const parts = (): number => (team.active ? workers : 1);
  const generated = (): number => {
    let g = me.generated;
    for (let t = 1; t < parts(); t++) g += generatedBy[8 * t];
    return g;
  };
  const levels: number[] = [];
  let distinct = 0;
  let status: SearchStatus = 'complete';
  let reason: string | undefined;
  // Where the search is, so that an error thrown by the model's code says
  // which state and action it came from.
  let expanding = -1;
  let acting: A | undefined | typeof CHECKING;

  const takeBack = (after: number): void => team.phase(PHASE.takeBack, [after], () => me.takeBack(after));

  // Until the workers have started and the search has reached a level they
  // take part in, this thread searches alone; then, at a chunk's start, it
  // hands over (options.handoffAt fixes where).
  const handOffIfDue = (x: number): void => {
    const chosen = options.handoffAt !== undefined;
    // (levels ends with the width of the level being expanded.)
    if (!chosen && !workersGiven(levels)) return;
    if (!team.spawned && performance.now() - start >= SPAWN_AFTER_MS) {
      // A search still running now may be long: room for its arrays, given
      // before the workers take their snapshot and while they start (at the
      // handoff they would wait for it).
      ids.room.forEach((n, id) => arrays.ensure(id, n));
      team.spawn();
    }
    if (!team.spawned || !(chosen || workersTakePart(levels))) return;
    // A worker that could not load the model says so now, not never.
    team.checkAlive();
    if (!(chosen ? x >= options.handoffAt! : team.allStarted())) return;
    team.waitStarted();
    // The workers take their states as they start their first phase (this
    // thread meanwhile takes more of the first chunk's blocks).
    me.handOff(workers, maxBytes / workers);
    team.active = true;
  };

  // The expansion of state `id` by thread t threw: run it here to throw the
  // model's own error (its class and message; the catch below adds where).
  // If it does not throw here, the thread's message is all there is.
  const reproduce = (t: number, id: number): never => {
    st.load(new Uint32Array(buffers.failedWords, t * W * 4, W), 0);
    expanding = id;
    acting = undefined;
    for (const a of st.enabled()) {
      acting = a;
      if (st.step(a) && model.within) model.within(st.nxtRead);
    }
    const failure = t === 0 ? me.failure : team.finish()[t - 1].failure;
    throw new WorkerFailed(`parallel search, worker ${t}: ${failure ?? 'expanding a state failed'} (in ${model.name}, stored state #${id})`);
  };

  // A property check threw in the chunk: check the chunk's new states here,
  // in id order, as the 1-worker search does (a thread checks the properties
  // undecided at the chunk's start, which may include one another thread
  // decided before the state that threw): the findings, or the error.
  const recheck = (base: number, linked: number, nextLo: number, nextParity: number): void => {
    for (let id = base; id < base + linked && findings.undecided > 0; id++) {
      st.nxt.set(me.stateOf(id, nextLo, nextParity));
      expanding = links.parent(id);
      acting = CHECKING;
      findings.check(checked, id);
    }
  };

  // The chunk [x, y) of the level that starts at id lo (in frontier
  // parity; the next level starts at nextLo), expanded into `slot` (already,
  // if `expanded`): its new states, or where the search stopped in it: the
  // state after whose successors every property was decided (then the
  // result), a budget, or an error (thrown). The level's next chunk [y,
  // next), if not empty, is expanded into the other slot as this one is
  // resolved (partition.ts resolveThenExpand), unless a state of this one
  // threw.
  const chunk = (x: number, y: number, lo: number, parity: number, nextLo: number, slot: number, expanded: boolean, next: number): number => {
    const base = distinct;
    const P = parts();
    if (!expanded) {
      me.prepareChunk(x, y, slot);
      team.phase(PHASE.expand, [x, y, lo, parity, slot], () => me.expand(x, y, lo, parity, slot));
    }
    let failedAt = NO_CUT;
    let failedBy = -1;
    for (let t = 0; t < P; t++) {
      const f = res(t, failedAtIn(slot));
      if (f >= 0 && f < failedAt) [failedAt, failedBy] = [f, t];
    }
    // (A thread's failedWords hold the state that threw until it is reproduced.)
    const ahead = failedBy < 0 ? next : y;
    if (ahead > y) me.prepareChunk(y, ahead, slot ^ 1);
    // The successors of the states before the one that threw come first.
    const resolveArgs = [failedAt, slot, y, ahead, lo, parity];
    team.phase(PHASE.resolve, resolveArgs, () => me.resolveThenExpand(failedAt, slot, y, ahead, lo, parity));
    let fresh = 0;
    let over = false;
    for (let t = 0; t < P; t++) {
      fresh += res(t, RES.fresh);
      over ||= res(t, RES.overBudget) !== 0;
    }
    let tables = me.bytes + (base + fresh) * LINK_BYTES;
    for (let t = 1; t < P; t++) tables += tableBytes[8 * t];
    if (over || tables > maxBytes) {
      // A table could not grow: none of the chunk's states is stored.
      takeBack(x - 1);
      throw new BudgetExceeded(`memory budget of ${showBytes(maxBytes)} reached at ${distinct} states`);
    }
    for (let p = 0; p < props.length; p++) sharedFound[p] = findings.found[p] ?? -1;
    me.prepareLink(base + fresh, nextLo, parity ^ 1);
    const args = [base, maxStates, x, y, nextLo, parity ^ 1, slot];
    team.phase(PHASE.link, args, () => me.link(base, maxStates, x, y, nextLo, parity ^ 1, slot));
    const linked = Math.min(fresh, maxStates - base);
    let checkFailed = false;
    for (let t = 0; t < P; t++) checkFailed ||= res(t, RES.checkFailedAt) >= 0;
    if (checkFailed) recheck(base, linked, nextLo, parity ^ 1);
    else {
      for (let p = 0; p < props.length; p++) {
        if (findings.found[p] !== undefined) continue;
        let first = -1;
        for (let t = 0; t < P; t++) {
          const h = hits[t * props.length + p];
          if (h >= 0 && (first < 0 || h < first)) first = h;
        }
        if (first >= 0) {
          findings.found[p] = first;
          findings.undecided--;
        }
      }
    }
    // In the 1-worker search's order: a state past the budget stops it
    // unless every property was decided by a state reached from an earlier
    // one; then the search ends after that state's successors.
    const X = findings.undecided === 0 && props.length > 0 ? Math.max(...(findings.found as number[])) : -1;
    const qX = X >= base ? links.parent(X) : -1;
    let Z = -1;
    let qZ = -1;
    for (let t = 0; t < P; t++) {
      const z = res(t, RES.pastBudget);
      if (z >= 0 && (Z < 0 || z < Z)) [Z, qZ] = [z, res(t, RES.pastBudgetParent)];
    }
    if (Z >= 0 && (keepGoing || qX < 0 || qZ <= qX)) {
      distinct = maxStates;
      takeBack(qZ);
      throw new BudgetExceeded(`state budget of ${maxStates} states reached`);
    }
    if (qX >= 0 && !keepGoing) {
      let last = X;
      while (last + 1 < base + linked && links.parent(last + 1) === qX) last++;
      distinct = last + 1;
      takeBack(qX);
      return qX;
    }
    if (failedBy >= 0) reproduce(failedBy, failedAt);
    distinct = base + linked;
    return -1;
  };

  // The depth bound: does a state of the level have a successor not stored?
  const probe = (from: number, to: number, parity: number): boolean => {
    team.phase(PHASE.probeExpand, [from, to, parity], () => me.probeExpand(from, to, parity));
    team.phase(PHASE.probeResolve, [], () => me.probeResolve());
    for (let t = 0; t < parts(); t++) if (res(t, RES.probeNew) !== 0) return true;
    return false;
  };

  // Where the chunk that starts at x ends: a quarter as many states as are stored.
  const chunkEnd = (x: number, levelEnd: number): number =>
    Math.min(levelEnd, x + (options.chunkStates ?? Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, distinct >> 2))));

  let lo = 0;
  let levelEnd = 0;
  let cut = false;
  // The slot the next chunk is expanded into (partition.ts: the chunks of a level take the two in turn).
  let slot = 0;
  try {
    const hashOf = hasherFor(W);
    const inits = model.initialStates();
    for (let i = 0; i < inits.length; i++) {
      encodeInitialWords(model, inits[i], st.nxt);
      if (distinct >= maxStates && !me.table.has(st.nxt, 0, hashOf(st.nxt, 0))) {
        throw new BudgetExceeded(`state budget of ${maxStates} states reached`);
      }
      if (!me.addInitial(st.nxt, i, distinct)) continue;
      findings.check(checked, distinct++);
    }
    levels.push(distinct);
    levelEnd = distinct;
    let depth = 0;
    // The level being expanded is in frontier `parity` (the next in the other).
    let parity = 0;
    while (lo < levelEnd && (findings.undecided > 0 || keepGoing)) {
      if (depth >= maxDepth) {
        if (!team.active) handOffIfDue(lo);
        if (probe(lo, levelEnd, parity)) {
          status = 'depth-bound';
          reason = `depth bound ${maxDepth} reached with unexplored successors`;
        }
        break;
      }
      // The chunk expanded ahead with the one before, [aheadFrom, aheadTo), if any.
      let aheadFrom = -1;
      let aheadTo = -1;
      for (let x = lo; x < levelEnd; slot ^= 1) {
        if (!team.active) handOffIfDue(x);
        const expanded = x === aheadFrom;
        let y = expanded ? aheadTo : chunkEnd(x, levelEnd);
        if (!team.active && options.handoffAt !== undefined && x < options.handoffAt) y = Math.min(y, options.handoffAt);
        // Only while the workers take part (a handoff splits the hash space anew).
        const next = team.active && y < levelEnd ? chunkEnd(y, levelEnd) : y;
        const stoppedAfter = chunk(x, y, lo, parity, levelEnd, slot, expanded, next);
        if (stoppedAfter >= 0) {
          cut = stoppedAfter + 1 < levelEnd;
          break;
        }
        [aheadFrom, aheadTo] = next > y ? [y, next] : [-1, -1];
        x = y;
        stats.generated = generated();
        const timeUp = clock.timeUp(distinct, depth);
        if (timeUp) {
          // The chunk expanded ahead is not stored: take back what expanding it counted.
          if (aheadTo > aheadFrom) takeBack(aheadFrom - 1);
          throw timeUp;
        }
      }
      depth++;
      parity ^= 1;
      lo = levelEnd;
      levelEnd = distinct;
      if (levelEnd > lo) levels.push(levelEnd - lo);
    }
    if (status === 'complete' && findings.undecided === 0 && !keepGoing && (cut || levelEnd > lo)) status = 'decided';
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) {
      team.dismiss();
      throw e instanceof WorkerFailed || e instanceof ModelError ? e : inContext(model, links, expanding, acting, e);
    }
    status = 'budget';
    reason = e.message;
    const counted = levels.reduce((a, b) => a + b, 0);
    if (distinct > counted) levels.push(distinct - counted);
  }

  try {
    st.verify();
  } catch (e) {
    team.dismiss();
    throw e;
  }
  let bytes = me.bytes + distinct * LINK_BYTES;
  for (let t = 1; t < parts(); t++) bytes += tableBytes[8 * t];
  const outputs = team.finish();
  for (const o of outputs) if (o.broken !== undefined) throw new ModelError(o.broken);
  stats.generated = me.generated;
  for (const o of outputs) {
    if (o.error) throw new WorkerFailed(`parallel search, worker ${o.me}: ${o.error}`);
    stats.generated += o.generated;
    me.coverage.add(o.coverage);
  }
  stats.distinct = distinct;
  stats.levels = levels;
  stats.coverage = me.coverage.result();
  stats.bytesPerState = bytes / Math.max(1, distinct);
  return report(model, props, findings.found, status, reason, stats, links, start);
}
