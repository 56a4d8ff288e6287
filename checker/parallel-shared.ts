// What the threads of the partitioned search (parallel.ts) share, all on
// SharedArrayBuffers: the control words through which the calling thread
// runs the phases, each thread's results of a phase, and the growing
// arrays the threads exchange states through (shared-arrays.ts). No state
// is copied through postMessage while the search runs: a message only says
// that an array has a new, larger buffer.
import type { MessagePort } from 'node:worker_threads';
import type { ArrayKind, SharedArrays, SharedArraysInit } from './shared-arrays.js';

/** Threads of one search at most (a candidate's source thread takes 4 bits of its place in the merge: partition.ts). */
export const MAX_PARTS = 16;

/**
 * Indices into the shared control Int32Array. Words written often by one
 * side sit on cache lines of their own.
 */
export const CTL = {
  /** Calling thread -> workers: bumped to start a phase (workers wait on it). */
  gen: 0,
  /** The phase (PHASE) and its arguments. */
  phase: 1,
  /** The phase's arguments: args + 0 .. 6. */
  args: 2,
  /** Workers -> calling thread: workers done with the phase (the caller waits on it). */
  done: 16,
  /** Workers that loaded their model. */
  started: 32,
  /** Workers that posted their output. */
  finished: 33,
  /** Nonzero: a worker found the model's views broken (see WorkerOutput.broken). */
  broken: 34,
  /** expand: the next block of the chunk to take, for a chunk in slot s at nextBlockAt(s) (partition.ts). */
  nextBlock: 40,
  /** link: the next share of the chunk's parents to take. */
  nextShare: 56,
  /** Each thread's results of a phase: RESULT + 16 t + a RES field. */
  result: 64,
} as const;

/** A thread's results of a phase, at CTL.result + 16 t. */
export const RES = {
  /** expand: the state whose expansion threw (the thread expanded none after it), or -1; for a chunk in slot s at failedAtIn(s). */
  failedAt: 0,
  /** resolve: the candidates that were new; 1 if the table could not grow within the memory budget. */
  fresh: 1,
  overBudget: 2,
  /** link: a state whose property check threw, or -1. */
  checkFailedAt: 3,
  /** link: the first new state with an id past the state budget, or -1, and the state it was reached from. */
  pastBudget: 4,
  pastBudgetParent: 5,
  /** probe: 1 if a successor of the thread's states was not stored. */
  probeNew: 6,
} as const;

function controlWords(parts: number): number {
  return CTL.result + 16 * parts;
}

/** What a search worker posts on its parent port once it has loaded its modules (worker-pool.ts). */
export const LOADED = 'search worker loaded';

/** The phases, as CTL.phase (their arguments are those of the Partition methods of the same names). */
export const PHASE = {
  /** Expand this thread's blocks of the chunk [from, to) of the level that starts at lo, in frontier parity. */
  expand: 1,
  /** Look up the candidates of states before cut sent to this thread in its table; then expand blocks of the level's next chunk, if given. */
  resolve: 2,
  /** Give the new states of the shares of the chunk's parents this thread takes their ids, links and places in the next frontier, and check the properties. */
  link: 3,
  /** Take back what expanding this thread's states of the chunk after `after` counted. */
  takeBack: 4,
  /** Send the successors of this thread's share of a level to their owners, uncounted (the depth-bound probe). */
  probeExpand: 5,
  /** Are the probe's successors sent here all stored? */
  probeResolve: 6,
  /** Post the output and end. */
  finish: 7,
} as const;

/**
 * How often a waiter checks its condition before it sleeps: about 0.1 ms.
 * A sleeper costs the thread that wakes it a system call, and most waits at
 * the end of a phase are short.
 */
const SPINS = 16_384;

/**
 * Did ctl[at] change from `value` within SPINS looks? A function of its
 * own: optimised while spinning, before the wait below had called check(),
 * waitWhile's code was thrown away at each first call (up to 35 times a
 * search).
 */
function changedWhileSpinning(ctl: Int32Array, at: number, value: number): boolean {
  for (let i = 0; i < SPINS; i++) if (Atomics.load(ctl, at) !== value) return true;
  return false;
}

/**
 * Wait until ctl[at] is no longer `value`: spin a little, then sleep on it
 * (Atomics.wait), looking at `check()` (may throw) between naps. The thread
 * that changes the word notifies it.
 */
export function waitWhile(ctl: Int32Array, at: number, value: number, check: () => void): void {
  if (changedWhileSpinning(ctl, at, value)) return;
  while (Atomics.load(ctl, at) === value) {
    check();
    Atomics.wait(ctl, at, value, 20);
  }
}

/**
 * A thread expands a chunk into one of two slots (its candidates, its
 * blocks), the chunks of a level taking them in turn: so the next chunk can
 * be expanded while this one is resolved and linked (partition.ts).
 */
export const CHUNK_SLOTS = 2;

/** A growing shared array, as one thread sees it (shared-arrays.ts). */
export class Growable<T extends Uint32Array | Int32Array | Uint16Array> {
  constructor(
    private readonly arrays: SharedArrays,
    readonly id: number,
  ) {}

  /** The array as it is now (after another thread grew it, the new one). */
  refresh(): T {
    return this.arrays.view<T>(this.id);
  }

  /** Room for `n` elements (only the array's grower calls this). */
  ensure(n: number): T {
    return this.arrays.ensure<T>(this.id, n);
  }
}

/**
 * The growing arrays of a search on `parts` threads, by id, and which
 * thread grows each: thread t its candidates for each owner o (out(t, o))
 * and its new states (fresh(t)); the calling thread the rest, between
 * phases (the blocks of a chunk, the frontiers, the parent links, the
 * states handed to the workers).
 */
export function arrayIds(parts: number) {
  const P = parts;
  const Q = CHUNK_SLOTS * P * P;
  return {
    out: (t: number, o: number, slot: number): number => slot * P * P + t * P + o,
    fresh: (o: number): number => Q + o,
    frontier: (parity: number): number => Q + P + parity,
    parentOf: Q + P + 2,
    actionOf: Q + P + 3,
    blocks: (slot: number): number => Q + P + 4 + slot,
    /** The calling thread's states each worker takes at the handoff, by owner (partition.ts handOff). */
    handed: Q + P + 6,
    kinds: [...Array<ArrayKind>(Q + P + 2).fill('u32'), 'i32', 'u16', 'i32', 'i32', 'u32'] as ArrayKind[],
    /**
     * Room for a long search (one still running when its workers are
     * started), so that its arrays seldom grow: pinbench's largest chunk
     * needs about 2^20 Uint32s in each out array on 2 workers.
     */
    room: [
      ...Array<number>(Q).fill(Math.ceil(2 ** 23 / (P * P))),
      ...Array<number>(P).fill(Math.ceil(2 ** 22 / P)),
      ...[2 ** 22, 2 ** 22, 2 ** 22, 2 ** 22, 2 ** 16, 2 ** 16, 2 ** 16],
    ],
  };
}

/** Where SharedBuffers.counts holds how many records thread t sent to owner o in out(t, o, slot). */
export const countAt = (slot: number, t: number, o: number): number => slot * MAX_PARTS * MAX_PARTS + MAX_PARTS * t + o;

/** The CTL word of the next block to take of the chunk in `slot`. */
export const nextBlockAt = (slot: number): number => CTL.nextBlock + 8 * slot;

/** The RES field of the state whose expansion threw in the chunk in `slot`. */
export const failedAtIn = (slot: number): number => RES.failedAt + 8 * slot;

/** Where the handed states' offsets start in SharedBuffers.counts. */
export const HANDED_AT = CHUNK_SLOTS * MAX_PARTS * MAX_PARTS;

/** The fixed-size buffers of a search on `parts` threads. */
export interface SharedBuffers {
  readonly ctl: SharedArrayBuffer;
  /**
   * Int32 per chunk slot and thread pair: counts[countAt(s, t, o)]
   * records in out(t, o, s); then, from
   * HANDED_AT, where each owner's records start in the handed array, and
   * where the last ends.
   */
  readonly counts: SharedArrayBuffer;
  /** Int32 per thread and property: the first state of the chunk that thread found hitting it, or -1. */
  readonly hits: SharedArrayBuffer;
  /** Int32 per property: the first state hitting it, or -1 (the calling thread's, as of the chunk's start). */
  readonly found: SharedArrayBuffer;
  /** Float64 per thread: transitions generated, and bytes of its table. */
  readonly generated: SharedArrayBuffer;
  readonly tableBytes: SharedArrayBuffer;
  /** The words of the state whose expansion threw, per thread. */
  readonly failedWords: SharedArrayBuffer;
}

export function sharedBuffers(parts: number, words: number, properties: number): SharedBuffers {
  return {
    ctl: new SharedArrayBuffer(controlWords(parts) * 4),
    counts: new SharedArrayBuffer((HANDED_AT + MAX_PARTS + 1) * 4),
    hits: new SharedArrayBuffer(Math.max(1, parts * properties) * 4),
    found: new SharedArrayBuffer(Math.max(1, properties) * 4),
    generated: new SharedArrayBuffer(parts * 8 * 8),
    tableBytes: new SharedArrayBuffer(parts * 8 * 8),
    failedWords: new SharedArrayBuffer(parts * words * 4),
  };
}

/** What the calling thread gives each worker. */
export interface WorkerInput {
  /** This worker's thread index (the calling thread is 0) and the number of threads. */
  readonly me: number;
  readonly parts: number;
  readonly source: ModelSource;
  /** The model the calling thread runs: the source must build the same. */
  readonly modelName: string;
  readonly words: number;
  /** The properties checked, by name, in order. */
  readonly properties: readonly string[];
  /** This thread's share of the memory budget. */
  readonly maxBytes: number;
  readonly buffers: SharedBuffers;
  /** The growing arrays as they were when the worker was started, and the ports through which the threads say they grew: from (inboxes) and to (outboxes) every other thread. */
  readonly arrays: SharedArraysInit;
  readonly inboxes: MessagePort[];
  readonly outboxes: MessagePort[];
  readonly port: MessagePort;
}

/** What each worker posts when it ends. */
export interface WorkerOutput {
  readonly me: number;
  /** Why it could not take part (the model source failed or gave another model). */
  readonly error?: string;
  /** The error a state's expansion threw, for when the calling thread cannot reproduce it. */
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
