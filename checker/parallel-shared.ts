// What the store (the calling thread) and the expanders (worker threads) of
// the pipelined search share, all on SharedArrayBuffers: the control words,
// the feed of states to expand, and one ring of successors per expander.
// Nothing is copied through postMessage while the search runs.
import type { MessagePort } from 'node:worker_threads';

/**
 * Indices into the shared control Int32Array. Words written often by one
 * side sit on cache lines of their own.
 */
export const CTL = {
  /** Store -> expanders: states with a smaller id may be expanded (they are in the feed). */
  expandable: 0,
  /** Store -> expanders: 1 once the search ended; then `stopAfter` is final. */
  stop: 16,
  /** The last state whose expansion counts (generated, coverage); the expanders uncount those after it. */
  stopAfter: 17,
  /** Expanders that loaded their model. */
  started: 18,
  /** Expanders that posted their output. */
  finished: 19,
  /** Nonzero: an expander found the model's views broken (see ExpanderOutput.broken). */
  broken: 20,
  /**
   * Store -> expanders: the first state the expanders expand, -1 until the
   * store has chosen it. The store expands the states before it itself
   * while the expanders start (parallel.ts).
   */
  handoff: 21,
  /** The store's doorbell and its "asleep" flag (see Doorbell). */
  storeBell: 32,
  storeAsleep: 33,
  /**
   * Expander e's doorbell and "asleep" flag: expanderBell + 16 e, + 1; and
   * + 2, the first state it has not expanded yet, as it last said (it says
   * so when it makes its messages visible, and before it waits for states).
   */
  expanderBell: 48,
} as const;

/** The control word where expander e says which state it expands next (see expanderBell). */
export function progressWordOf(e: number): number {
  return CTL.expanderBell + 16 * e + 2;
}

export function controlWords(expanders: number): number {
  return CTL.expanderBell + 16 * expanders;
}

/**
 * How often a waiter checks its condition before it sleeps: about 0.1 ms.
 * Most waits on pinbench are shorter (the expander publishes every 64
 * successors), and a sleeper costs the thread that wakes it a system call:
 * with 256 the store slept 7,000-14,000 times a search and the expander
 * woke it 13,000-22,000 times; with 16,384, 20-50 and a few hundred, and 2
 * workers were faster in 5 of 6 paired runs (median 3.20 s against 3.52 s).
 */
const SPINS = 16_384;

/**
 * Sleeping until another thread has news. A thread spins a little on its
 * condition, then says it is asleep and waits on its bell; a thread that
 * publishes something rings the bell of a sleeper (Atomics.notify only
 * then: waking costs a system call, checking the flag does not). Either the
 * sleeper sees the news when it re-checks after raising its flag, or the
 * publisher sees the flag (sequentially consistent atomics), so no wake-up
 * is lost; the wait also times out, so the sleeper looks at its stop
 * conditions now and then.
 */
export class Doorbell {
  constructor(
    private readonly ctl: Int32Array,
    private readonly bell: number,
  ) {}

  /** Wait until `ready()` is true; `check()` (may throw) runs between naps. */
  waitUntil(ready: () => boolean, check: () => void): void {
    for (let i = 0; i < SPINS; i++) if (ready()) return;
    const ctl = this.ctl;
    for (;;) {
      const rung = Atomics.load(ctl, this.bell);
      Atomics.store(ctl, this.bell + 1, 1);
      if (ready()) break;
      check();
      Atomics.wait(ctl, this.bell, rung, 20);
      if (ready()) break;
    }
    Atomics.store(ctl, this.bell + 1, 0);
  }

  /** Wake the owner of this bell if it is asleep. */
  ring(): void {
    if (Atomics.load(this.ctl, this.bell + 1) !== 0) {
      Atomics.add(this.ctl, this.bell, 1);
      Atomics.notify(this.ctl, this.bell);
    }
  }
}

/**
 * The feed: the states to be expanded, a ring of FEED_STATES slots indexed by
 * id (slot id mod FEED_STATES). The store writes a state when it is stored
 * (or later, when the ring is full) and frees the slots of a batch's states
 * (checker/batch.ts) when it has settled the batch, so a slot is never
 * rewritten while an expander may read it, or expand it again to take back
 * its counts. A batch holds fewer than FEED_STATES / 2 states, so the state
 * the store reads next is always in the feed.
 */
export const FEED_STATES = 1 << 21;

/**
 * Runs: the ids are cut into runs of 2^RUN_BITS consecutive states (fewer
 * in tests), and each run is expanded either by the expanders or by the
 * store (which takes a run ahead of the expanders when it has caught up
 * with them: see parallel.ts).
 * Whoever comes first claims it, in its word of the claims array (run r in
 * word r mod CLAIM_WORDS): (r << 2) | BY_EXPANDERS or BY_STORE. The feed
 * holds fewer states than CLAIM_WORDS runs, so a word is reused only for a
 * run long after the last one it held.
 */
export const RUN_BITS = 10;
const CLAIM_WORDS = 1 << 12;
const BY_EXPANDERS = 1;
const BY_STORE = 2;

/** The claims array, no run claimed. */
export function claimWords(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CLAIM_WORDS * 4)).fill(-1);
}

/** An expander is about to expand a state of run `r`: claim it unless the store has. True if the expanders have it. */
export function expandersTake(claims: Int32Array, r: number): boolean {
  const i = r & (CLAIM_WORDS - 1);
  for (;;) {
    const old = Atomics.load(claims, i);
    if (old >>> 2 === r) return (old & 3) === BY_EXPANDERS;
    if (Atomics.compareExchange(claims, i, old, (r << 2) | BY_EXPANDERS) === old) return true;
  }
}

/** The store claims run `r`: true unless an expander has begun it. */
export function storeTakes(claims: Int32Array, r: number): boolean {
  const i = r & (CLAIM_WORDS - 1);
  const old = Atomics.load(claims, i);
  return old >>> 2 !== r && Atomics.compareExchange(claims, i, old, (r << 2) | BY_STORE) === old;
}

/** Did the store claim run `r`? */
export function storeHas(claims: Int32Array, r: number): boolean {
  return Atomics.load(claims, r & (CLAIM_WORDS - 1)) === ((r << 2) | BY_STORE);
}

/**
 * A ring of successors from one expander to the store, single producer,
 * single consumer. A message is MESSAGE_EXTRA + words Uint32s: the state's
 * words, its hash and the action word: the index of the action that gave
 * it, with LAST set on the last successor of a state. A state whose last
 * successor was already visible to the store when it ended (or that sent
 * none) ends with a message whose action word is END instead; FAILED says
 * its expansion threw (the store reproduces the error on its own copy of
 * the model). Indices only grow (they wrap at 2^32 harmlessly: the capacity
 * is a power of two and differences are taken modulo 2^32).
 */
export const RING_MESSAGES = 1 << 20;
export const MESSAGE_EXTRA = 2;
export const LAST = 0x80000000;
export const END = 0xffffffff;
export const FAILED = 0xfffffffe;

export interface RingBuffers {
  readonly data: SharedArrayBuffer;
  /** [head at 0, tail at 16]: on separate cache lines. */
  readonly index: SharedArrayBuffer;
}

export function ringBuffers(words: number): RingBuffers {
  return {
    data: new SharedArrayBuffer(RING_MESSAGES * (words + MESSAGE_EXTRA) * 4),
    index: new SharedArrayBuffer(32 * 4),
  };
}

export const HEAD = 0;
export const TAIL = 16;

/** What the store gives each expander. */
export interface ExpanderInput {
  /** This expander expands the states whose id is `me` modulo `expanders`. */
  readonly me: number;
  readonly expanders: number;
  readonly source: ModelSource;
  /** The model the store runs: the source must build the same. */
  readonly modelName: string;
  readonly words: number;
  readonly ctl: SharedArrayBuffer;
  readonly feed: SharedArrayBuffer;
  /** Who expands which run of 2^runBits states (claimWords()). */
  readonly claims: SharedArrayBuffer;
  readonly runBits: number;
  readonly ring: RingBuffers;
  /** Float64 per expander: what it has generated so far (for progress reports). */
  readonly generated: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** What each expander posts when it ends. */
export interface ExpanderOutput {
  readonly me: number;
  /** Why it could not take part (the model source failed or gave another model). */
  readonly error?: string;
  /** The error a state's expansion threw, for when the store cannot reproduce it. */
  readonly failure?: string;
  /**
   * The ModelError message when the model replaced an element of a state
   * array (WordStepper.verify): a bug in the model, reported whatever the
   * search found, as on 1 worker.
   */
  readonly broken?: string;
  readonly generated: number;
  readonly coverage: Record<string, number>;
}

/**
 * Where a worker finds the model: an ES module and one of its exports,
 * either a Model or a function returning one when called with `args`
 * (JSON-serialisable). For example pinbench is
 * `{ module: new URL('../bench/pinbench.js', import.meta.url).href, export: 'pinbench' }`
 * and a kernel model is `{ module: <models/index.js URL>, export: 'buildModel', args: [design, scope] }`.
 */
export interface ModelSource {
  readonly module: string;
  readonly export: string;
  readonly args?: readonly unknown[];
}

/** A ModelSource for `exportName` of the module at `moduleUrl`, called with `args` when it is a function. */
export function modelSource(moduleUrl: string | URL, exportName: string, ...args: unknown[]): ModelSource {
  JSON.stringify(args); // must be serialisable
  return { module: String(moduleUrl), export: exportName, args };
}
