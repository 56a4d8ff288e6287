// Typed arrays that the threads of the partitioned search share and that
// grow, each grown by one thread at a time (parallel-shared.ts says which;
// the calling thread also grows them all when it gives a long search to
// the workers). They
// live on plain SharedArrayBuffers: a growable SharedArrayBuffer's views
// are slower to use in V8 (pinbench on 2 workers took 3-10% longer, 6
// alternating pairs), so a growing array gets a new, larger buffer instead,
// and the thread that grew it tells the others through MessagePorts. A
// thread reads the new buffer when it next asks for the view and sees the
// array's generation (a shared word) ahead of its own; the phases'
// barriers order the growth before that read.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export type ArrayKind = 'u32' | 'i32' | 'u16';
type Typed = Uint32Array | Int32Array | Uint16Array;
const BYTES: Record<ArrayKind, number> = { u32: 4, i32: 4, u16: 2 };
const make: Record<ArrayKind, (sab: SharedArrayBuffer) => Typed> = {
  u32: (sab) => new Uint32Array(sab),
  i32: (sab) => new Int32Array(sab),
  u16: (sab) => new Uint16Array(sab),
};

/** The arrays as one thread has them now: what another thread starts from. */
export interface SharedArraysInit {
  readonly kinds: readonly ArrayKind[];
  readonly buffers: readonly SharedArrayBuffer[];
  /** The generation of each of those buffers (the array may have grown since). */
  readonly of: readonly number[];
  /** Int32 per array: its generation now (how often it has grown). */
  readonly generations: SharedArrayBuffer;
}

/** A message: array `id` has grown into `buffer` (its `generation`). */
interface Grown {
  readonly id: number;
  readonly generation: number;
  readonly buffer: SharedArrayBuffer;
}

/**
 * An array's first room, in elements, and how much larger it gets when it
 * must grow: much larger, as a new buffer's memory is mapped only when it is
 * written (so room costs address space, not memory) while growing costs a
 * copy, and the other threads' mapping of the new buffer. Not larger at the
 * start: V8 counts a buffer's whole length as external memory, and collects
 * garbage the more often (the parallel tests, hundreds of small searches,
 * took 50% longer with room for 2^22 elements).
 */
const FIRST_ROOM = 2 ** 16;
const GROWTH = 4;

/** How long a thread waits for the message that an array grew before it gives up (the message is sent before the phase ends, so this is a bug). */
const ANNOUNCE_TIMEOUT_MS = 10_000;

export class SharedArrays {
  private readonly kinds: readonly ArrayKind[];
  private readonly views: Typed[];
  /** The generation of each array this thread's view is of. */
  private readonly seen: Int32Array;
  private readonly generations: Int32Array;
  private inboxes: MessagePort[] = [];
  private outboxes: MessagePort[] = [];

  constructor(
    init: SharedArraysInit,
    private readonly timeoutMs = ANNOUNCE_TIMEOUT_MS,
  ) {
    this.kinds = init.kinds;
    this.views = init.buffers.map((b, id) => make[init.kinds[id]](b));
    this.generations = new Int32Array(init.generations);
    this.seen = Int32Array.from(init.of);
  }

  /** New arrays of these kinds, each with room for FIRST_ROOM elements. */
  static create(kinds: readonly ArrayKind[]): SharedArrays {
    const buffers = kinds.map((k) => new SharedArrayBuffer(FIRST_ROOM * BYTES[k]));
    return new SharedArrays({ kinds, buffers, of: kinds.map(() => 0), generations: new SharedArrayBuffer(kinds.length * 4) });
  }

  /** The arrays as they are now (for a thread that starts now). */
  snapshot(): SharedArraysInit {
    return {
      kinds: this.kinds,
      buffers: this.views.map((v) => v.buffer as SharedArrayBuffer),
      of: [...this.seen],
      generations: this.generations.buffer as SharedArrayBuffer,
    };
  }

  /** Talk to the other threads: where their news comes in, and where this thread's goes out. */
  connect(inboxes: MessagePort[], outboxes: MessagePort[]): void {
    this.inboxes = inboxes;
    this.outboxes = outboxes;
  }

  /** Array `id` as it is now. */
  view<T extends Typed>(id: number): T {
    if (Atomics.load(this.generations, id) !== this.seen[id]) this.collect(id);
    return this.views[id] as T;
  }

  /** Room for `n` elements in array `id` (GROWTH times as many at least; only the thread that may grow it now calls this). */
  ensure<T extends Typed>(id: number, n: number): T {
    const old = this.view<T>(id);
    if (n <= old.length) return old;
    const length = Math.max(n, old.length * GROWTH);
    const buffer = new SharedArrayBuffer(length * old.BYTES_PER_ELEMENT);
    const grown = make[this.kinds[id]](buffer);
    grown.set(old);
    this.views[id] = grown;
    const generation = this.seen[id] + 1;
    this.seen[id] = generation;
    Atomics.store(this.generations, id, generation);
    const news: Grown = { id, generation, buffer };
    for (const port of this.outboxes) port.postMessage(news);
    return grown as T;
  }

  close(): void {
    for (const port of [...this.inboxes, ...this.outboxes]) port.close();
  }

  /** Take the news of grown arrays until array `id` is at its current generation. */
  private collect(id: number): void {
    const until = performance.now() + this.timeoutMs;
    while (this.seen[id] !== Atomics.load(this.generations, id)) {
      for (const port of this.inboxes) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const news = m.message as Grown;
          if (news.generation > this.seen[news.id]) {
            this.views[news.id] = make[this.kinds[news.id]](news.buffer);
            this.seen[news.id] = news.generation;
          }
        }
      }
      if (performance.now() > until) throw new Error(`parallel search: array ${id} grew, but no thread said so`);
    }
  }
}
