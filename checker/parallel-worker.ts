// One worker of the parallel search (see parallel.ts for the algorithm and
// why it reports exactly what the 1-worker search reports). A worker owns the
// states whose hash falls in its parts: it alone stores and checks them.
// The frontier is in shared memory; workers claim chunks of consecutive ids
// in turn (so a worker that gets less CPU does less), and send each successor
// owned by another worker to it through a shared ring.
import { workerData } from 'node:worker_threads';
import { labelOf, type Model, type Property } from './model.js';
import {
  Aborted,
  BOARD,
  CTL,
  RingReader,
  RingWriter,
  barrier,
  boardRow,
  growTo,
  ladder,
  type ModelSource,
  type ParallelOutcome,
  type WorkerInput,
  type WorkerOutput,
} from './parallel-shared.js';
import { sentFilter, type SentFilter } from './sent-filter.js';
import { Coverage } from './stats.js';
import { WordStepper, encodeInitialWords } from './step.js';
import { BudgetExceeded, PARTS, RECENT_BYTES, StateTable, WordQueue, grown, hasherFor, partOf } from './store.js';

/** Import a model from its source: the export itself, or what the exported function returns for `args`. */
export async function loadModel(source: ModelSource): Promise<Model<unknown, unknown>> {
  const mod = (await import(source.module)) as Record<string, unknown>;
  const exp = mod[source.export];
  if (exp === undefined) throw new Error(`model source ${source.module} has no export ${source.export}`);
  const model = (typeof exp === 'function' ? await exp(...(source.args ?? [])) : exp) as Model<unknown, unknown>;
  if (!model || typeof model.next !== 'function' || !model.layout) {
    throw new Error(`model source ${source.module}#${source.export} did not give a model`);
  }
  return model;
}

/** Successors looked up together (their cache misses overlap). */
const BATCH = 32;
/** Frontier states a worker claims at a time: consecutive ids are siblings, whose successors overlap. */
const CHUNK = 512;

type Decision = { stop: false } | { stop: true; outcome: ParallelOutcome };

class WorkerSearch<S, A> {
  private readonly W: number;
  private readonly me: number;
  private readonly K: number;
  private readonly st: WordStepper<S, A>;
  /** Scratch words and a read-only view, for checking properties on a stored state. */
  private readonly checkBuf: Uint32Array;
  private readonly checkView: S;
  private readonly props: Property<S>[];
  private readonly table: StateTable;
  private readonly ctl: Int32Array;
  private readonly board: Float64Array;
  private readonly row: number;
  private readonly writers: (RingWriter | null)[];
  /** Per other worker: the states recently sent to it (a repeat is not sent again). */
  private readonly sent: (SentFilter | null)[];
  private readonly readers: (RingReader | null)[];
  private readonly msgWords: number;
  /** The worker that owns each part of the store. */
  private readonly ownerOf = new Uint8Array(PARTS);
  private readonly parentOf: Int32Array;
  private readonly actionOf: Uint16Array;

  // The frontier: the level being expanded, in id order, in shared memory
  // (frontiers[level % 2]); workers claim chunks of it in turn.
  private frontier: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private frontierFirst = 0;
  private frontierSize = 0;
  /** The chunks of the frontier this worker expanded (for a recount). */
  private chunks: number[] = [];
  // Records: the states this worker stores in the level being built, with
  // the smallest (parent id, action) key seen for each, and the properties
  // each one hits (bit p of mask word p >> 5).
  private records: WordQueue;
  private recParent = new Int32Array(1024);
  private recAction = new Int32Array(1024);
  private recMask: Int32Array;
  private readonly maskWords: number;
  private nrec = 0;
  private order = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private probe = false;
  private unexplored = false;
  private checking = false;
  private readonly undecidedAtStart: boolean[];

  /** States in the levels before the one being built (the first id of that level). */
  private base = 0;
  private generated = 0;
  private levelGenerated = 0;
  private readonly coverage: Coverage<A>;
  private levelCoverage: Coverage<A>;
  private readonly found: number[];
  private readonly levels: number[] = [];
  /** The outcome of the last complete level: what an aborted search reports. */
  private settled: ParallelOutcome;
  /** What touch() read goes here, so the reads are not optimised away. */
  private sink = 0;
  // The lookup batch (see offer).
  private batched = 0;
  private readonly batchWords: Uint32Array;
  private readonly batchHash = new Uint32Array(BATCH);
  private readonly batchParent = new Int32Array(BATCH);
  private readonly batchAction = new Int32Array(BATCH);

  constructor(
    private readonly model: Model<S, A>,
    private readonly input: WorkerInput,
  ) {
    this.W = model.layout.words;
    this.me = input.me;
    this.K = input.workers;
    this.st = new WordStepper(model);
    this.checkBuf = new Uint32Array(this.W);
    this.batchWords = new Uint32Array(BATCH * this.W);
    this.checkView = model.layout.wordView(this.checkBuf, true);
    this.props = input.properties.map((name) => {
      const p = model.properties.find((q) => q.name === name);
      if (!p) throw new RangeError(`no property ${name} in model ${model.name}`);
      return p;
    });
    this.maskWords = Math.max(1, Math.ceil(this.props.length / 32));
    this.recMask = new Int32Array(1024 * this.maskWords);
    this.undecidedAtStart = this.props.map(() => true);
    this.found = this.props.map(() => -1);
    for (let p = 0; p < PARTS; p++) this.ownerOf[p] = p % this.K;
    const mine = [...this.ownerOf.keys()].filter((p) => this.ownerOf[p] === this.me);
    this.table = new StateTable(this.W, 1024, (extra) => {
      if (this.table && this.table.bytes + extra > input.maxBytes) {
        throw new BudgetExceeded(`memory budget reached in worker ${this.me} at ${this.table.size} states`);
      }
    }, { ids: true, spareTopBit: false, cacheBytes: input.maxBytes / 16, parts: mine });
    this.ctl = new Int32Array(input.ctl);
    this.board = new Float64Array(input.board);
    this.row = this.me * boardRow(this.props.length);
    this.msgWords = this.W + 3;
    this.writers = [];
    this.sent = [];
    this.readers = [];
    for (let o = 0; o < this.K; o++) {
      const out = input.rings[this.me * this.K + o];
      const inb = input.rings[o * this.K + this.me];
      this.writers.push(o === this.me || !out ? null : new RingWriter(out, this.msgWords));
      this.sent.push(o === this.me || !out ? null : sentFilter(this.W, RECENT_BYTES));
      this.readers.push(o === this.me || !inb ? null : new RingReader(inb));
    }
    this.parentOf = new Int32Array(input.parentOf);
    this.actionOf = new Uint16Array(input.actionOf);
    this.records = new WordQueue(this.W);
    this.coverage = new Coverage<A>((a) => labelOf(model, a));
    this.levelCoverage = new Coverage<A>((a) => labelOf(model, a));
    this.settled = { status: 'budget', levels: [], distinct: 0, found: [...this.found] };
  }

  private owner(hash: number): number {
    return this.ownerOf[partOf(hash)];
  }

  run(): WorkerOutput {
    let outcome: ParallelOutcome | undefined;
    // Level 0: every worker computes the initial states and stores those it owns.
    this.startLevel();
    const inits = this.model.initialStates();
    const buf = new Uint32Array(this.W);
    for (let i = 0; i < inits.length; i++) {
      encodeInitialWords(this.model, inits[i], buf);
      const h = hasherFor(this.W)(buf, 0);
      if (this.owner(h) === this.me) this.process(buf, 0, h, -1, i);
    }
    let d = this.finishLevel(0, -1, 1);
    let depth = 0;
    while (!d.stop) {
      if (depth >= this.input.maxDepth) {
        outcome = this.probeDepthBound(depth);
        break;
      }
      const prevBase = this.base - this.levels[this.levels.length - 1];
      const prevCount = this.levels[this.levels.length - 1];
      this.startLevel();
      this.expand(depth);
      d = this.finishLevel(depth + 1, prevBase, prevCount);
      depth++;
    }
    if (d.stop) outcome = d.outcome;
    this.st.verify();
    if (!this.model.layout.intact(this.checkView)) throw new Error(`${this.model.name}: a property changed an array of a read-only state`);
    return this.output(outcome);
  }

  output(outcome?: ParallelOutcome, extra: Partial<WorkerOutput> = {}): WorkerOutput {
    return {
      me: this.me,
      modelName: this.model.name,
      words: this.W,
      generated: this.generated,
      coverage: this.coverage.result(),
      tableBytes: this.table.bytes,
      peakRss: process.memoryUsage.rss(),
      outcome: outcome ?? this.settled,
      ...extra,
    };
  }

  private startLevel(): void {
    this.nrec = 0;
    this.records.clear();
    this.levelGenerated = 0;
    this.levelCoverage = new Coverage<A>((a) => labelOf(this.model, a));
    this.checking = false;
    for (let p = 0; p < this.props.length; p++) {
      this.undecidedAtStart[p] = this.found[p] < 0;
      if (this.undecidedAtStart[p]) this.checking = true;
    }
    this.board[this.row + BOARD.base] = this.base;
    this.board[this.row + BOARD.records] = 0;
  }

  /**
   * A successor `src[at..]` reached from `parent` by action `action`, owned
   * by this worker. A hit in the table's recent-lookups cache is settled at
   * once; the others are batched, so that the table lookups' cache misses
   * overlap (see flush). The order does not matter: each state keeps the
   * smallest key, whatever the order the keys arrive in.
   */
  private offer(src: Uint32Array, at: number, hash: number, parent: number, action: number): void {
    const W = this.W;
    const id = this.table.cached(src, at, hash);
    if (id >= 0) {
      if (!this.probe) this.seen(id, parent, action);
      return;
    }
    const j = this.batched;
    const bw = this.batchWords;
    for (let q = 0; q < W; q++) bw[j * W + q] = src[at + q];
    this.batchHash[j] = hash;
    this.batchParent[j] = parent;
    this.batchAction[j] = action;
    if (++this.batched === BATCH) this.flush();
  }

  private flush(): void {
    const n = this.batched;
    for (let j = 0; j < n; j++) this.sink ^= this.table.touch(this.batchHash[j]);
    for (let j = 0; j < n; j++) {
      this.process(this.batchWords, j * this.W, this.batchHash[j], this.batchParent[j], this.batchAction[j]);
    }
    this.batched = 0;
  }

  /** State `id` (stored) was reached again from `parent` by `action`. */
  private seen(id: number, parent: number, action: number): void {
    if (id < this.base) return; // a state of an earlier level
    // Stored in this level already: keep the smallest (parent, action), as the 1-worker search's first discovery.
    const q = id - this.base;
    if (parent < this.recParent[q] || (parent === this.recParent[q] && action < this.recAction[q])) {
      this.recParent[q] = parent;
      this.recAction[q] = action;
    }
  }

  private process(src: Uint32Array, at: number, hash: number, parent: number, action: number): void {
    const W = this.W;
    if (this.probe) {
      if (!this.table.has(src, at, hash)) this.unexplored = true;
      return;
    }
    const r = this.nrec;
    const old = this.table.findOrAdd(src, at, hash, this.base + r);
    if (old >= 0) {
      this.seen(old, parent, action);
      return;
    }
    if (r === this.recParent.length) {
      this.recParent = grown(this.recParent);
      this.recAction = grown(this.recAction, this.recParent.length);
      this.recMask = grown(this.recMask, this.recParent.length * this.maskWords);
    }
    this.records.push(src, at);
    this.recParent[r] = parent;
    this.recAction[r] = action;
    this.nrec = r + 1;
    const mw = this.maskWords;
    for (let q = 0; q < mw; q++) this.recMask[r * mw + q] = 0;
    if (this.checking) {
      const cb = this.checkBuf;
      for (let q = 0; q < W; q++) cb[q] = src[at + q];
      for (let p = 0; p < this.props.length; p++) {
        if (!this.undecidedAtStart[p]) continue;
        const prop = this.props[p];
        const ok = prop.holds(this.checkView);
        if (prop.kind === 'always' ? !ok : ok) this.recMask[r * mw + (p >> 5)] |= 1 << (p & 31);
      }
    }
  }

  private send(o: number, src: Uint32Array, hash: number, parent: number, action: number): void {
    if (this.sent[o]!.sentBefore(src, 0, hash)) return;
    const w = this.writers[o]!;
    while (!w.push(src, 0, this.W, hash, parent, action)) {
      // Full: let the consumer see it, and keep consuming ours so no two workers wait on each other.
      w.publish();
      if (this.drain() === 0) this.pause();
    }
  }

  /** Process every successor other workers have published to us; returns how many. */
  private drain(): number {
    let n = 0;
    const W = this.W;
    const size = this.msgWords;
    for (let o = 0; o < this.K; o++) {
      const r = this.readers[o];
      if (!r) continue;
      const tail = r.tail();
      const data = r.data;
      const mask = data.length / size - 1;
      while (r.head !== tail) {
        const at = (r.head & mask) * size;
        this.offer(data, at, data[at + W], data[at + W + 1] | 0, data[at + W + 2]);
        r.head = (r.head + 1) | 0;
        n++;
      }
      r.release();
    }
    this.flush();
    return n;
  }

  private pause(): void {
    if (Atomics.load(this.ctl, CTL.abort) !== 0) throw new Aborted();
    Atomics.wait(this.ctl, CTL.abort, 0, 1);
  }

  private publishAll(): void {
    for (const w of this.writers) w?.publish();
  }

  private checkAbort(): void {
    if (Atomics.load(this.ctl, CTL.abort) !== 0) throw new Aborted();
  }

  /** Expand this worker's frontier (level `depth`), sending each successor to its owner. */
  private expand(depth: number): void {
    const W = this.W;
    const st = this.st;
    const model = this.model;
    const within = model.within;
    const nxt = st.nxt;
    const hashOf = hasherFor(W);
    const nxtRead = st.nxtRead;
    const words = this.frontier;
    const n = this.frontierSize;
    this.board[this.row + BOARD.depth] = depth;
    this.chunks = [];
    let done = 0;
    for (;;) {
      const c = Atomics.add(this.ctl, CTL.chunk, 1);
      const from = c * CHUNK;
      if (from >= n) break;
      this.chunks.push(c);
      const to = Math.min(n, from + CHUNK);
      for (let k = from; k < to; k++, done++) {
        const g = this.frontierFirst + k;
        st.load(words, k * W);
        const acts = st.enabled();
        for (let i = 0; i < acts.length; i++) {
          const a = acts[i];
          if (!st.step(a)) continue;
          if (!this.probe) {
            this.levelGenerated++;
            this.levelCoverage.count(a);
          }
          if (within && !within(nxtRead)) continue;
          const h = hashOf(nxt, 0);
          const o = this.owner(h);
          if (o === this.me) this.offer(nxt, 0, h, g, i);
          else this.send(o, nxt, h, g, i);
        }
        if ((done & 31) === 31) {
          this.publishAll();
          this.drain();
          this.checkAbort();
          if ((done & 1023) === 1023) st.verify();
          this.board[this.row + BOARD.generated] = this.generated + this.levelGenerated;
          this.board[this.row + BOARD.records] = this.nrec;
        }
      }
    }
    this.flush();
    this.publishAll();
    // Everything this worker sends for this level is published; say so, then
    // consume until every other worker has said so and its ring is empty.
    Atomics.store(this.ctl, CTL.sent + this.me, depth + 1);
    Atomics.notify(this.ctl, CTL.sent + this.me);
    for (;;) {
      let allSent = true;
      for (let o = 0; o < this.K; o++) {
        if (o !== this.me && Atomics.load(this.ctl, CTL.sent + o) < depth + 1) allSent = false;
      }
      const got = this.drain();
      if (allSent) break;
      if (got === 0) this.pause();
    }
  }

  /** At the depth bound: does any frontier state have a successor not yet stored (in any worker)? */
  private probeDepthBound(depth: number): ParallelOutcome {
    this.probe = true;
    this.unexplored = false;
    this.expand(depth);
    this.board[this.row + BOARD.unexplored] = this.unexplored ? 1 : 0;
    barrier(this.ctl, this.K);
    let any = false;
    for (let o = 0; o < this.K; o++) if (this.board[o * boardRow(this.props.length) + BOARD.unexplored] === 1) any = true;
    return {
      ...this.settled,
      status: any ? 'depth-bound' : 'complete',
      reason: any ? `depth bound ${this.input.maxDepth} reached with unexplored successors` : undefined,
    };
  }

  /**
   * End of building level `depth` (its parents: ids prevBase .. prevBase +
   * prevCount): give the level's states their global ids, in the order of
   * their (parent id, action) keys, write their parent links, and decide,
   * alike in every worker, whether and how the search stops.
   */
  private finishLevel(depth: number, prevBase: number, prevCount: number): Decision {
    this.st.verify();
    const K = this.K;
    const P = this.props.length;
    const rowSize = boardRow(P);
    const nrec = this.nrec;
    this.sortRecords(prevBase, prevCount);
    growTo(this.input.keys[this.me], ladder(nrec) * 8);
    // (Fixed-length views: indexing a view that tracks a growable buffer's length is slower.)
    const myKeys = new Float64Array(this.input.keys[this.me], 0, nrec);
    const order = this.order;
    const recParent = this.recParent;
    const recAction = this.recAction;
    for (let j = 0; j < nrec; j++) {
      const r = order[j];
      myKeys[j] = (recParent[r] - prevBase) * 65536 + recAction[r];
    }
    this.board[this.row + BOARD.records] = nrec;
    barrier(this.ctl, K);

    // Global ids: a record's rank among all workers' keys.
    let total = 0;
    const recs: number[] = [];
    for (let o = 0; o < K; o++) {
      recs.push(this.board[o * rowSize + BOARD.records]);
      total += recs[o];
    }
    const end = this.base + total;
    growTo(this.input.parentOf, ladder(end) * 4);
    growTo(this.input.actionOf, ladder(end) * 2);
    const parentOf = new Int32Array(this.input.parentOf, 0, end);
    const actionOf = new Uint16Array(this.input.actionOf, 0, end);
    const others = [];
    for (let o = 0; o < K; o++) if (o !== this.me) others.push(new Float64Array(this.input.keys[o], 0, recs[o]));
    const ptr = new Array<number>(others.length).fill(0);
    const W = this.W;
    const nextBuf = this.input.frontiers[depth % 2];
    growTo(nextBuf, ladder(total * W) * 4);
    const next = new Uint32Array(nextBuf, 0, total * W);
    const propMin = new Array<number>(P).fill(-1);
    const mw = this.maskWords;
    const recWords = this.records.buf;
    const recMask = this.recMask;
    for (let j = 0; j < nrec; j++) {
      const key = myKeys[j];
      let rank = j;
      for (let o = 0; o < others.length; o++) {
        const ko = others[o];
        let q = ptr[o];
        while (q < ko.length && ko[q] < key) q++;
        ptr[o] = q;
        rank += q;
      }
      const gid = this.base + rank;
      const r = order[j];
      if (recAction[r] > 65535) throw new RangeError(`action index ${recAction[r]} above 65535`);
      parentOf[gid] = recParent[r];
      actionOf[gid] = recAction[r];
      for (let q = 0; q < W; q++) next[rank * W + q] = recWords[r * W + q];
      for (let m = 0; m < mw; m++) {
        const bits = recMask[r * mw + m];
        if (bits === 0) continue;
        for (let p = m * 32; p < Math.min(P, m * 32 + 32); p++) {
          if (propMin[p] < 0 && (bits & (1 << (p & 31))) !== 0) propMin[p] = gid;
        }
      }
    }
    for (let p = 0; p < P; p++) this.board[this.row + BOARD.props + p] = propMin[p];
    // No one claims chunks until every worker is past this barrier.
    if (this.me === 0) Atomics.store(this.ctl, CTL.chunk, 0);
    barrier(this.ctl, K);

    // The decision, from shared data only, so every worker takes the same one.
    const newly: number[] = [];
    for (let p = 0; p < P; p++) {
      if (this.found[p] >= 0) continue;
      let g = -1;
      for (let o = 0; o < K; o++) {
        const v = this.board[o * rowSize + BOARD.props + p];
        if (v >= 0 && (g < 0 || v < g)) g = v;
      }
      if (g >= 0) {
        this.found[p] = g;
        newly.push(p);
      }
    }
    const undecided = this.found.filter((g) => g < 0).length;
    const stopDecided = undecided === 0 && !this.input.keepGoing;
    const M = this.input.maxStates;
    // The 1-worker search expands parents in id order and stops after the
    // parent whose successors decided the last property (cut there), or at
    // the state that exceeds the state budget (after generating all of its
    // parent's successors). Reproduce that cut exactly.
    let status: ParallelOutcome['status'] | undefined;
    let reason: string | undefined;
    let count = total;
    let cutParent: number | undefined;
    const decidedParent =
      depth === 0 || !stopDecided ? -1 : Math.max(...newly.map((p) => this.parentOf[this.found[p]]));
    if (end > M && !(stopDecided && depth > 0 && decidedParent < this.parentOf[M])) {
      status = 'budget';
      reason = `state budget of ${M} states reached`;
      count = M - this.base;
      for (let p = 0; p < P; p++) if (this.found[p] >= M) this.found[p] = -1;
      if (depth > 0) cutParent = this.parentOf[M];
    } else if (stopDecided) {
      status = 'decided';
      if (depth > 0) {
        cutParent = decidedParent;
        let before = 0;
        for (let j = 0; j < nrec; j++) if (this.recParent[this.order[j]] <= cutParent) before++;
        this.board[this.row + BOARD.beforeCut] = before;
        barrier(this.ctl, K);
        count = 0;
        for (let o = 0; o < K; o++) count += this.board[o * rowSize + BOARD.beforeCut];
      }
    }
    if (cutParent !== undefined) this.recount(cutParent);
    this.generated += this.levelGenerated;
    this.coverage.add(this.levelCoverage.result());
    if (count > 0) this.levels.push(count);
    this.base += count;
    if (status === undefined && total === 0) status = 'complete';
    this.settled = {
      status: status ?? 'budget',
      reason,
      levels: [...this.levels],
      distinct: this.base,
      found: [...this.found],
    };
    if (status !== undefined) return { stop: true, outcome: this.settled };
    this.frontier = next;
    this.frontierFirst = end - total;
    this.frontierSize = total;
    return { stop: false };
  }

  /** Records in key order: counting sort by parent, then by action within a parent. */
  private sortRecords(prevBase: number, prevCount: number): void {
    const n = this.nrec;
    if (this.order.length < n) this.order = new Int32Array(Math.ceil(n * 1.5));
    if (this.counts.length < prevCount + 1) this.counts = new Int32Array(Math.ceil(prevCount * 1.5) + 1);
    const counts = this.counts;
    counts.fill(0, 0, prevCount + 1);
    for (let r = 0; r < n; r++) counts[this.recParent[r] - prevBase + 1]++;
    for (let b = 0; b < prevCount; b++) counts[b + 1] += counts[b];
    const order = this.order;
    for (let r = 0; r < n; r++) order[counts[this.recParent[r] - prevBase]++] = r;
    // Within one parent (a handful of records), insertion sort by action.
    for (let j = 1; j < n; j++) {
      const r = order[j];
      const g = this.recParent[r];
      const a = this.recAction[r];
      let i = j - 1;
      while (i >= 0 && this.recParent[order[i]] === g && this.recAction[order[i]] > a) {
        order[i + 1] = order[i];
        i--;
      }
      order[i + 1] = r;
    }
  }

  /** The level was cut after parent `cut`: count only what its parents up to `cut` generated. */
  private recount(cut: number): void {
    this.levelGenerated = 0;
    this.levelCoverage = new Coverage<A>((a) => labelOf(this.model, a));
    const st = this.st;
    for (const c of this.chunks) {
      const to = Math.min(this.frontierSize, (c + 1) * CHUNK, cut - this.frontierFirst + 1);
      for (let k = c * CHUNK; k < to; k++) {
        st.load(this.frontier, k * this.W);
        for (const a of st.enabled()) {
          if (!st.step(a)) continue;
          this.levelGenerated++;
          this.levelCoverage.count(a);
        }
      }
    }
  }
}

async function main(input: WorkerInput): Promise<void> {
  const ctl = new Int32Array(input.ctl);
  let out: WorkerOutput;
  let search: WorkerSearch<unknown, unknown> | undefined;
  try {
    const model = await loadModel(input.source);
    search = new WorkerSearch(model, input);
    Atomics.add(ctl, CTL.started, 1);
    Atomics.notify(ctl, CTL.started);
    out = search.run();
  } catch (e) {
    if (e instanceof Aborted && search) out = search.output();
    else if (e instanceof BudgetExceeded && search) {
      Atomics.store(ctl, CTL.abort, 1);
      out = search.output(undefined, { budget: e.message });
    } else {
      Atomics.store(ctl, CTL.abort, 1);
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      out = search ? search.output(undefined, { error }) : { me: input.me, error, generated: 0, coverage: {}, tableBytes: 0, peakRss: 0 };
    }
  }
  input.port.postMessage(out);
  input.port.close();
  Atomics.add(ctl, CTL.finished, 1);
  Atomics.notify(ctl, CTL.finished);
}

if (workerData && (workerData as { parallelSearch?: boolean }).parallelSearch) {
  void main((workerData as { input: WorkerInput }).input);
}

