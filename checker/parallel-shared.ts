// What the coordinator and the workers of the parallel search share: the
// layout of the control words, single-producer single-consumer rings for
// successors sent to the worker that owns them, a barrier, and the growable
// shared arrays of parent links and sort keys. Everything is on
// SharedArrayBuffers, so no message is copied through postMessage while
// the search runs.
import type { MessagePort } from 'node:worker_threads';
import { BudgetExceeded } from './store.js';

/** Indices into the shared control Int32Array. */
export const CTL = {
  /** Nonzero: stop as soon as possible (time budget from the coordinator, or a worker's error or memory budget). */
  abort: 0,
  /** Workers that finished (posted their result). */
  finished: 1,
  /** Workers that started (loaded their model). */
  started: 4,
  /** Next chunk of the frontier to claim. */
  chunk: 5,
  barrierCount: 2,
  barrierGeneration: 3,
  /** First of `workers` words: worker w's number of the last level whose successors it has all sent. */
  sent: 8,
} as const;
export const CTL_WORDS = 64;

/** Indices into a worker's row of the shared Float64Array board (progress and per-level results). */
export const BOARD = {
  generated: 0,
  /** States this worker stored in the current level (its records). */
  records: 1,
  /** Level (depth) being expanded, for progress. */
  depth: 2,
  /** 1 when the depth-bound probe found a successor not yet stored. */
  unexplored: 3,
  /** Records whose key has a parent at or before the cut (when a level is cut). */
  beforeCut: 4,
  /** States in the levels before the one being built. */
  base: 5,
  /** First of one entry per property: the smallest global id this level hit it, or -1. */
  props: 8,
} as const;

export function boardRow(properties: number): number {
  return BOARD.props + properties;
}

/** The rendezvous of all workers; waits give up when the search is aborted. */
export function barrier(ctl: Int32Array, workers: number): void {
  const gen = Atomics.load(ctl, CTL.barrierGeneration);
  if (Atomics.add(ctl, CTL.barrierCount, 1) === workers - 1) {
    Atomics.store(ctl, CTL.barrierCount, 0);
    Atomics.add(ctl, CTL.barrierGeneration, 1);
    Atomics.notify(ctl, CTL.barrierGeneration);
    return;
  }
  while (Atomics.load(ctl, CTL.barrierGeneration) === gen) {
    if (Atomics.load(ctl, CTL.abort) !== 0) throw new Aborted();
    Atomics.wait(ctl, CTL.barrierGeneration, gen, 20);
  }
}

/** Thrown inside a worker to unwind when the search was aborted. */
export class Aborted extends Error {
  override name = 'Aborted';
}

/**
 * One direction of successor traffic, from one worker to another: a ring of
 * messages of `size` Uint32s (the state's words, its hash, the parent's id,
 * the action index). The producer publishes its tail in batches; the consumer drains
 * everything published. Indices only grow (wrapping at 2^32 is harmless: the
 * capacity is a power of two and differences are taken modulo 2^32).
 */
export interface RingBuffers {
  readonly data: SharedArrayBuffer;
  /** [head at 0, tail at 16]: on separate cache lines. */
  readonly index: SharedArrayBuffer;
}

export const RING_MESSAGES = 1 << 16;

export function ringBuffers(messageWords: number): RingBuffers {
  return {
    data: new SharedArrayBuffer(RING_MESSAGES * messageWords * 4),
    index: new SharedArrayBuffer(32 * 4),
  };
}

const HEAD = 0;
const TAIL = 16;

export class RingWriter {
  private readonly data: Uint32Array;
  private readonly index: Int32Array;
  private readonly size: number;
  private tail = 0;
  private head = 0;

  constructor(b: RingBuffers, size: number) {
    this.data = new Uint32Array(b.data);
    this.index = new Int32Array(b.index);
    this.size = size;
    this.tail = Atomics.load(this.index, TAIL);
    this.head = Atomics.load(this.index, HEAD);
  }

  /** Append one message (not yet visible); false when the ring is full. */
  push(src: Uint32Array, at: number, words: number, hash: number, parent: number, action: number): boolean {
    if (((this.tail - this.head) | 0) === RING_MESSAGES) {
      this.head = Atomics.load(this.index, HEAD);
      if (((this.tail - this.head) | 0) === RING_MESSAGES) return false;
    }
    const d = this.data;
    let to = (this.tail & (RING_MESSAGES - 1)) * this.size;
    for (let k = 0; k < words; k++) d[to++] = src[at + k];
    d[to++] = hash;
    d[to++] = parent;
    d[to] = action;
    this.tail = (this.tail + 1) | 0;
    return true;
  }

  /** Make the appended messages visible to the consumer. */
  publish(): void {
    Atomics.store(this.index, TAIL, this.tail);
  }
}

export class RingReader {
  readonly data: Uint32Array;
  private readonly index: Int32Array;
  /** Next message to read (local; published by release()). */
  head: number;

  constructor(b: RingBuffers) {
    this.data = new Uint32Array(b.data);
    this.index = new Int32Array(b.index);
    this.head = Atomics.load(this.index, HEAD);
  }

  /** End of the published messages. */
  tail(): number {
    return Atomics.load(this.index, TAIL);
  }

  /** Give the messages read so far back to the producer. */
  release(): void {
    Atomics.store(this.index, HEAD, this.head);
  }
}

/**
 * A typed array over a growable SharedArrayBuffer: every thread sees the
 * same memory, and growing (by any thread, to a size all compute alike) is
 * seen by all.
 */
export function growTo(buffer: SharedArrayBuffer, bytes: number): void {
  // (Growable SharedArrayBuffers are ES2024, in Node 20; the ES2022 typings lack them.)
  const b = buffer as unknown as { byteLength: number; maxByteLength: number; grow(n: number): void };
  if (b.byteLength >= bytes) return;
  if (bytes > b.maxByteLength) throw new BudgetExceeded(`memory budget reached: shared parent links for ${bytes} bytes`);
  b.grow(bytes);
}

/** An empty SharedArrayBuffer that can grow to `maxBytes` (at most 4 GiB, V8's limit). */
export function growableBuffer(maxBytes: number): SharedArrayBuffer {
  const Growable = SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => SharedArrayBuffer;
  return new Growable(0, { maxByteLength: Math.min(maxBytes, 2 ** 32) });
}

/** Capacity (in elements) to grow to for `need` elements: the next step of a fixed 1.5x ladder, so every thread computes the same size. */
export function ladder(need: number): number {
  let c = 4096;
  while (c < need) c = Math.ceil(c * 1.5);
  return c;
}

/** The search every worker runs: the same for the coordinator and each worker. */
export interface SharedSearch {
  readonly source: ModelSource;
  /** Names of the properties checked, in the order of the search's verdicts. */
  readonly properties: readonly string[];
  readonly maxDepth: number;
  readonly maxStates: number;
  readonly keepGoing: boolean;
}

/** What the coordinator gives each worker. */
export interface WorkerInput extends SharedSearch {
  readonly me: number;
  readonly workers: number;
  /** Memory budget of this worker's table. */
  readonly maxBytes: number;
  readonly ctl: SharedArrayBuffer;
  readonly board: SharedArrayBuffer;
  /** rings[from * workers + to] (unused when from === to). */
  readonly rings: readonly (RingBuffers | null)[];
  readonly parentOf: SharedArrayBuffer;
  readonly actionOf: SharedArrayBuffer;
  /** The frontier of the even and of the odd levels: each state's words, by id within the level. */
  readonly frontiers: readonly [SharedArrayBuffer, SharedArrayBuffer];
  /** keys[w]: worker w's sorted record keys of the current level. */
  readonly keys: readonly SharedArrayBuffer[];
  readonly port: MessagePort;
}

/** What each worker posts when it ends. */
export interface WorkerOutput {
  readonly me: number;
  readonly modelName?: string;
  readonly words?: number;
  readonly error?: string;
  /** Reason when a memory budget ended the search in this worker. */
  readonly budget?: string;
  readonly generated: number;
  readonly coverage: Record<string, number>;
  readonly tableBytes: number;
  readonly peakRss: number;
  /** Worker 0 only: the outcome, computed alike by every worker. */
  readonly outcome?: ParallelOutcome;
}

export interface ParallelOutcome {
  readonly status: 'complete' | 'decided' | 'depth-bound' | 'budget';
  readonly reason?: string;
  readonly levels: number[];
  readonly distinct: number;
  /** Per property: the global id of the first state that hit it, or -1. */
  readonly found: number[];
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
