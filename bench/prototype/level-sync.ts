// A prototype, not the checker's search: pinbench explored breadth-first by
// threads that each do every kind of work, level by level (issue 7, "2
// workers >= 1.6x 1 worker"; bench/README.md has the figures). It measures
// the design that could replace the pipelined search of
// checker/parallel.ts, whose store thread is the bottleneck on 2 cores.
//
// The hash space is cut in two by the top bit of a state's hash, and each
// half has a table of its own, owned by one thread. Each level is three
// phases with a barrier after each:
// 1. expand: thread t expands its half of the level's states (its slice
//    of ids) and routes each successor not recently seen to the buffer of
//    its owner, in generation order (parent, then action);
// 2. resolve: the owner looks its successors up (thread 0's then thread
//    1's, so in generation order), sorted by hash as batch.ts does, in its
//    own table: the new ones, in generation order;
// 3. number: the two owners' new states, merged by (parent, action), are
//    the next level in the order the 1-worker search stores them: so the
//    ids, parent links and the first state to break each property are the
//    1-worker search's. Thread t merges those whose parent is in its slice.
// Until the second thread has started (a worker takes about 0.1 s), the
// calling thread does all three phases alone; the other joins at the next
// level.
//
// Left out, as a prototype: budgets, depth bounds, stopping once every
// property is decided (it explores everything, as the bench does), model
// errors, table growth (the tables are sized for pinbench) and levels
// larger than the buffers (a search would cut a level into chunks of
// parents, each chunk three phases).
//
//   node dist/bench/prototype/level-sync.js <threads: 1 or 2>
// prints one JSON line: distinct, transitions, levels, seconds, the
// coverage of each action and, per property, the id of the first state
// that breaks it (null if none).
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pinbench } from '../pinbench.js';
import { labelOf, type Model, type Property } from '../../checker/model.js';
import { recentStates, RECENT_BYTES, type RecentStates } from '../../checker/recent-states.js';
import { spareTopBit } from '../../checker/search-parts.js';
import { Coverage } from '../../checker/stats.js';
import { WordStepper, encodeInitialWords } from '../../checker/step.js';
import { HASH_BITS, StateTable, hasherFor, tableAdder, type TableAdder, type TableView } from '../../checker/store.js';

type S = unknown;
type A = unknown;

/**
 * Targets first reached at depths 6 and 12 (before and after the second
 * thread joins, at level 7-10), for a test that the first state to reach
 * each, and so its path, is the 1-worker search's: pinbench's own
 * properties all hold.
 */
type Frames = { frames: readonly { ref: number; pin: number }[] };
export const PROBES: Property<S>[] = [
  { name: 'every-frame-pinned', kind: 'sometimes', holds: (s) => (s as Frames).frames.every((f) => f.pin >= 1) },
  { name: 'every-frame-pinned-thrice', kind: 'sometimes', holds: (s) => (s as Frames).frames.every((f) => f.pin >= 3) },
  { name: 'every-frame-referenced-four-times', kind: 'sometimes', holds: (s) => (s as Frames).frames.every((f) => f.ref >= 4) },
];

/** pinbench, with the probes when `probe` (the worker is told which). */
const withProbes = (probe: boolean): Model<S, A> =>
  probe ? { ...(pinbench as Model<S, A>), properties: [...pinbench.properties, ...PROBES] as Property<S>[] } : (pinbench as Model<S, A>);
let model = withProbes(false);
const W = model.layout.words;
/** A routed successor: its words, hash, parent (index in the level) and action index. */
const ROUTED = W + 3;
/** A new state: its words, parent and action index. */
const NEW = W + 2;
/** Per level, at most this many states, and this many successors from one thread to one owner (pinbench's largest level: 329,471 states). */
const LEVEL_CAP = 1 << 19;
const ROUTED_CAP = 1 << 20;
/** pinbench's states per owner, with room (its tables never grow). */
const TABLE_STATES = 1 << 21;

/** The control words. */
const GO = 0; // the calling thread's level count: a new level is ready (or the end)
const LEVEL_SIZE = 1; // states in the level (-1: the end)
const FRONT = 2; // which frontier buffer holds the level
const BASE = 3; // the id of the level's first state
const BARRIER = 4; // arrivals at barriers, ever
const STARTED = 5; // the worker is ready to join
const ENDED = 6; // the worker has written its counts
const TRANSITIONS = 7; // the worker's transitions (when ended)

interface Shared {
  readonly ctl: Int32Array;
  readonly frontier: readonly Uint32Array[];
  /** routed[source thread][owner] */
  readonly routed: readonly (readonly Uint32Array[])[];
  readonly routedLength: Int32Array;
  /** The new states of each owner's table, in generation order. */
  readonly fresh: readonly Uint32Array[];
  readonly freshLength: Int32Array;
  readonly parentOf: Int32Array;
  readonly actionOf: Uint16Array;
  readonly tables: readonly TableView[];
  /** Per thread and property, the first id (in its merge) that breaks it, or -1. */
  readonly broken: Int32Array;
}

function shared<T>(n: number, C: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  return new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT));
}

/** The top hash bit picks the owner; the table is probed with the other bits (rotated so its regions are all used). */
const ownerOf = (h: number): number => h >>> (HASH_BITS - 1);
const tableHash = (h: number): number => ((h << 1) & ((1 << HASH_BITS) - 1)) | (h >>> (HASH_BITS - 1));

class LevelThread {
  transitions = 0;
  readonly coverage = new Coverage<A>((a) => labelOf(model, a));
  private readonly st = new WordStepper(model);
  private readonly hashOf = hasherFor(W);
  private readonly sent: RecentStates = recentStates(W, RECENT_BYTES, spareTopBit(model.layout));
  private readonly adders: TableAdder[];
  private readonly counts = new Int32Array(1 << 16);
  private readonly sorted = new Uint32Array(2 * ROUTED_CAP * (W + 2));
  private readonly isNew = new Uint8Array(2 * ROUTED_CAP);
  /** The properties as the checker checks them (compiled, on the words in st.nxt). */
  private readonly checked: S;
  private readonly props: Property<S>[];

  constructor(
    private readonly me: number,
    private readonly sh: Shared,
  ) {
    this.adders = sh.tables.map((v) => {
      const a = tableAdder(W, spareTopBit(model.layout));
      a.view(v);
      return a;
    });
    ({ props: this.props, checked: this.checked } = this.st.checkedProperties(model.properties));
  }

  /** Add an initial state (the calling thread, before any level): true if new. */
  addInitial(words: Uint32Array): boolean {
    const h = this.hashOf(words, 0);
    return this.adders[ownerOf(h)].add(words, 0, tableHash(h));
  }

  /** One level, as thread `me` of `threads`; `phase` counts the barriers passed. */
  level(n: number, front: Uint32Array, next: Uint32Array, base: number, threads: number, phase: number): number {
    const lo = Math.floor((n * this.me) / threads);
    const hi = Math.floor((n * (this.me + 1)) / threads);
    this.expand(front, lo, hi);
    if (threads === 1) {
      this.sh.routedLength.fill(0, 2, 4);
      this.resolve(0);
      this.resolve(1);
      this.number(next, lo, hi, base);
      return phase;
    }
    barrier(this.sh.ctl, ++phase, threads);
    this.resolve(this.me);
    barrier(this.sh.ctl, ++phase, threads);
    this.number(next, lo, hi, base);
    barrier(this.sh.ctl, ++phase, threads);
    return phase;
  }

  private expand(front: Uint32Array, lo: number, hi: number): void {
    const { st, sent } = this;
    const nxt = st.nxt;
    const out = this.sh.routed[this.me];
    let n0 = 0;
    let n1 = 0;
    for (let k = lo; k < hi; k++) {
      st.load(front, k * W);
      const acts = st.enabled();
      for (let i = 0; i < acts.length; i++) {
        if (!st.step(acts[i])) continue;
        this.transitions++;
        this.coverage.countAt(acts[i], i);
        const h = this.hashOf(nxt, 0);
        if (sent.seenElseCache(nxt, 0, h)) continue;
        const o = ownerOf(h);
        const buf = out[o];
        let at = (o === 0 ? n0++ : n1++) * ROUTED;
        for (let q = 0; q < W; q++) buf[at++] = nxt[q];
        buf[at++] = h;
        buf[at++] = k;
        buf[at] = i;
      }
    }
    this.sh.routedLength[2 * this.me] = n0;
    this.sh.routedLength[2 * this.me + 1] = n1;
  }

  /** Look owner o's successors up in its table, sorted by hash (as checker/batch.ts); its new ones in generation order. */
  private resolve(o: number): void {
    const sh = this.sh;
    const sources = [sh.routed[0][o], sh.routed[1][o]];
    const lengths = [sh.routedLength[o], sh.routedLength[2 + o]];
    const n = lengths[0] + lengths[1];
    const r = W + 2;
    const bits = Math.min(16, Math.max(8, Math.ceil(Math.log2(n + 1)) - 4));
    const shift = HASH_BITS - bits;
    const { counts, sorted, isNew } = this;
    counts.fill(0, 0, 1 << bits);
    for (let s = 0; s < 2; s++) for (let j = 0; j < lengths[s]; j++) counts[tableHash(sources[s][j * ROUTED + W]) >>> shift]++;
    for (let b = 0, sum = 0; b < 1 << bits; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let s = 0, g = 0; s < 2; s++) {
      const src = sources[s];
      for (let j = 0; j < lengths[s]; j++, g++) {
        const h = tableHash(src[j * ROUTED + W]);
        const d = counts[h >>> shift]++ * r;
        sorted[d] = h;
        sorted[d + 1] = g;
        for (let q = 0; q < W; q++) sorted[d + 2 + q] = src[j * ROUTED + q];
      }
    }
    const table = this.adders[o];
    for (let s = 0; s < n * r; s += r) isNew[sorted[s + 1]] = table.add(sorted, s + 2, sorted[s]) ? 1 : 0;
    const fresh = sh.fresh[o];
    let m = 0;
    for (let s = 0, g = 0; s < 2; s++) {
      const src = sources[s];
      for (let j = 0; j < lengths[s]; j++, g++) {
        if (isNew[g] === 0) continue;
        let at = m++ * NEW;
        for (let q = 0; q < W; q++) fresh[at++] = src[j * ROUTED + q];
        fresh[at++] = src[j * ROUTED + W + 1];
        fresh[at] = src[j * ROUTED + W + 2];
      }
    }
    sh.freshLength[o] = m;
  }

  /** The next level's states whose parent is in [lo, hi): merged by (parent, action), given their ids, links, and checked. */
  private number(next: Uint32Array, lo: number, hi: number, base: number): void {
    const sh = this.sh;
    const [a, b] = sh.fresh;
    const [la, lb] = [sh.freshLength[0], sh.freshLength[1]];
    let i = firstWithParent(a, la, lo);
    let j = firstWithParent(b, lb, lo);
    const ie = firstWithParent(a, la, hi);
    const je = firstWithParent(b, lb, hi);
    let out = i + j;
    const nxt = this.st.nxt;
    const nextBase = base + sh.ctl[LEVEL_SIZE];
    while (i < ie || j < je) {
      const fromA = j >= je || (i < ie && (a[i * NEW + W] < b[j * NEW + W] || (a[i * NEW + W] === b[j * NEW + W] && a[i * NEW + W + 1] < b[j * NEW + W + 1])));
      const src = fromA ? a : b;
      const at = (fromA ? i++ : j++) * NEW;
      for (let q = 0; q < W; q++) next[out * W + q] = nxt[q] = src[at + q];
      const id = nextBase + out;
      sh.parentOf[id] = base + src[at + W];
      sh.actionOf[id] = src[at + W + 1];
      for (let p = 0; p < this.props.length; p++) {
        const k = this.me * this.props.length + p;
        if (sh.broken[k] >= 0) continue;
        const ok = this.props[p].holds(this.checked as Readonly<S>);
        if (this.props[p].kind === 'always' ? !ok : ok) sh.broken[k] = id;
      }
      out++;
    }
  }
}

/** The first new state (of `length`, sorted by parent) whose parent is `parent` or later. */
function firstWithParent(buf: Uint32Array, length: number, parent: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (buf[mid * NEW + W] < parent) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Wait until every thread has arrived at barrier `phase` (barriers are short: spin). */
function barrier(ctl: Int32Array, phase: number, threads: number): void {
  Atomics.add(ctl, BARRIER, 1);
  while (Atomics.load(ctl, BARRIER) < phase * threads);
}

export interface LevelSyncResult {
  readonly distinct: number;
  readonly transitions: number;
  readonly levels: number[];
  readonly seconds: number;
  readonly coverage: Record<string, number>;
  /** Per property, the first state (in id order) that breaks or reaches it: its id and path. */
  readonly first: Record<string, { id: number; initial: number; actions: number[] } | null>;
  /** The level the second thread joined at (undefined on 1 thread). */
  readonly joinedAtLevel?: number;
  /** The tables and parent links, per state (the tables are sized for pinbench, not grown). */
  readonly bytesPerState: number;
}

/** Explore pinbench (with the PROBES when `probe`) on 1 or 2 threads. */
export function exploreLevelSync(threads: number, probe = false): Promise<LevelSyncResult> {
  model = withProbes(probe);
  const start = performance.now();
  const spare = spareTopBit(model.layout);
  const tables = [0, 1].map(() => new StateTable(W, TABLE_STATES, () => {}, { spareTopBit: spare, shared: true }));
  const props = model.properties.length;
  const sh: Shared = {
    ctl: shared(16, Int32Array),
    frontier: [0, 1].map(() => shared(LEVEL_CAP * W, Uint32Array)),
    routed: [0, 1].map(() => [0, 1].map(() => shared(ROUTED_CAP * ROUTED, Uint32Array))),
    routedLength: shared(4, Int32Array),
    fresh: [0, 1].map(() => shared(ROUTED_CAP * NEW, Uint32Array)),
    freshLength: shared(2, Int32Array),
    parentOf: shared(3 << 20, Int32Array),
    actionOf: shared(3 << 20, Uint16Array),
    tables: tables.map((t) => t.view()),
    broken: shared(2 * props, Int32Array).fill(-1),
  };
  const me = new LevelThread(0, sh);
  const words = new Uint32Array(W);
  let n = 0;
  const initial = model.initialStates();
  for (let i = 0; i < initial.length; i++) {
    encodeInitialWords(model, initial[i], words);
    if (!me.addInitial(words)) continue;
    sh.parentOf[n] = -1;
    sh.actionOf[n] = i;
    sh.frontier[0].set(words, n++ * W);
  }
  const worker = threads > 1 ? new Worker(new URL(import.meta.url), { workerData: { sh, probe } }) : undefined;
  const levels = [n];
  let base = 0;
  let front = 0;
  let together = 1;
  let phase = 0;
  let joinedAtLevel: number | undefined;
  while (n > 0) {
    if (worker && together === 1 && Atomics.load(sh.ctl, STARTED) === 1) {
      together = 2;
      joinedAtLevel = levels.length - 1;
    }
    Atomics.store(sh.ctl, LEVEL_SIZE, n);
    Atomics.store(sh.ctl, FRONT, front);
    Atomics.store(sh.ctl, BASE, base);
    if (together === 2) Atomics.add(sh.ctl, GO, 1);
    phase = me.level(n, sh.frontier[front], sh.frontier[1 - front], base, together, phase);
    base += n;
    n = sh.freshLength[0] + sh.freshLength[1];
    front = 1 - front;
    if (n > 0) levels.push(n);
  }
  if (together === 2) {
    Atomics.store(sh.ctl, LEVEL_SIZE, -1);
    Atomics.add(sh.ctl, GO, 1);
    while (Atomics.load(sh.ctl, ENDED) === 0);
  }
  const seconds = (performance.now() - start) / 1000;
  const first: LevelSyncResult['first'] = {};
  model.properties.forEach((p, i) => {
    const ids = [sh.broken[i], sh.broken[props + i]].filter((x) => x >= 0);
    if (ids.length === 0) {
      first[p.name] = null;
      return;
    }
    const id = Math.min(...ids);
    const actions: number[] = [];
    let at = id;
    for (; sh.parentOf[at] >= 0; at = sh.parentOf[at]) actions.unshift(sh.actionOf[at]);
    first[p.name] = { id, initial: sh.actionOf[at], actions };
  });
  const result = (coverage: Record<string, number>, transitions: number): LevelSyncResult => ({
    distinct: base,
    transitions: me.transitions + transitions,
    levels,
    seconds,
    coverage,
    first,
    joinedAtLevel,
    bytesPerState: (tables.reduce((sum, t) => sum + t.bytes, 0) + base * (4 + 2)) / base,
  });
  if (!worker) return Promise.resolve(result(me.coverage.result(), 0));
  return new Promise((resolve, reject) => {
    worker.once('message', (c: Record<string, number>) => {
      me.coverage.add(c);
      resolve(result(me.coverage.result(), Atomics.load(sh.ctl, TRANSITIONS)));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The second thread: joins at a level once started, then does its half of every level until the end. */
function follow(sh: Shared): void {
  const me = new LevelThread(1, sh);
  const ctl = sh.ctl;
  let seen = Atomics.load(ctl, GO);
  Atomics.store(ctl, STARTED, 1);
  // No barrier is passed before the second thread joins (one thread passes none).
  let phase = 0;
  for (;;) {
    while (Atomics.load(ctl, GO) === seen);
    seen = Atomics.load(ctl, GO);
    const n = Atomics.load(ctl, LEVEL_SIZE);
    if (n < 0) break;
    const front = Atomics.load(ctl, FRONT);
    phase = me.level(n, sh.frontier[front], sh.frontier[1 - front], Atomics.load(ctl, BASE), 2, phase);
  }
  Atomics.store(ctl, TRANSITIONS, me.transitions);
  Atomics.store(ctl, ENDED, 1);
  parentPort?.postMessage(me.coverage.result());
}

const data = workerData as { sh?: Shared; probe?: boolean } | undefined;
if (!isMainThread && data?.sh) {
  model = withProbes(data.probe === true);
  follow(data.sh);
} else if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  const threads = Number(process.argv[2] ?? 2);
  if (threads !== 1 && threads !== 2) throw new RangeError('level-sync: threads must be 1 or 2');
  process.stdout.write(`${JSON.stringify(await exploreLevelSync(threads, process.argv[3] === '--probes'))}\n`);
}
