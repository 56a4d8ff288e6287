// The states of the level being expanded and of the next one, in the
// partitioned search (partition.ts). Each thread appends the new states it
// owns, with their ids, to its own list of the next level (ids increase
// along a list); any thread reads any list. A thread expands a contiguous
// range of ids, whoever owns the states: it reads them from every list at
// once, in id order, so that states expanded one after the other are
// siblings, as in the 1-worker search, and its cache of recent states
// catches the successors they share.
import type { Growable, SharedBuffers } from './parallel-shared.js';
import { i32, u32 } from './parallel-shared.js';

export class LevelLists {
  /** After next(): the state's id, and its words at buf[at ..]. */
  id = -1;
  buf: Uint32Array = new Uint32Array(0);
  at = 0;
  private readonly words: Growable<Uint32Array>[][];
  private readonly ids: Growable<Int32Array>[][];
  /** Shared: the length of thread o's list of parity p at 16 o + p. */
  private readonly lengths: Int32Array;
  /** The parity of the level being expanded: thread o's states of it are in list [o][parity]. */
  private parity = 0;
  // The reading position in each list, and the lists as read (seek()).
  private readonly heads: Int32Array;
  private readonly ends: Int32Array;
  private wordViews: Uint32Array[] = [];
  private idViews: Int32Array[] = [];
  private end = 0;

  constructor(
    buffers: SharedBuffers,
    private readonly me: number,
    private readonly W: number,
  ) {
    this.words = buffers.levelWords.map((pair) => pair.map(u32));
    this.ids = buffers.levelIds.map((pair) => pair.map(i32));
    this.lengths = new Int32Array(buffers.levelLengths);
    this.heads = new Int32Array(this.words.length);
    this.ends = new Int32Array(this.words.length);
  }

  /** Append the state `src[at ..]`, stored as `id`, to this thread's list of the next level (of the current one for `current`). */
  append(src: Uint32Array, at: number, id: number, current = false): void {
    const p = current ? this.parity : this.parity ^ 1;
    const slot = 16 * this.me + p;
    const n = this.lengths[slot];
    const W = this.W;
    const words = this.words[this.me][p].ensure((n + 1) * W);
    for (let q = 0; q < W; q++) words[n * W + q] = src[at + q];
    this.ids[this.me][p].ensure(n + 1)[n] = id;
    this.lengths[slot] = n + 1;
  }

  /** States in this thread's list of the next level. */
  get nextLength(): number {
    return this.lengths[16 * this.me + (this.parity ^ 1)];
  }

  /** The id and words of the `k`th state of this thread's list of the next level, into `to`. */
  nextState(k: number, to: Uint32Array, at: number): number {
    const p = this.parity ^ 1;
    const W = this.W;
    const words = this.words[this.me][p].view;
    for (let q = 0; q < W; q++) to[at + q] = words[k * W + q];
    return this.ids[this.me][p].view[k];
  }

  /** The next level becomes the one expanded (every thread at once); this thread's old list is emptied for the level after. */
  startLevel(): void {
    this.parity ^= 1;
    this.lengths[16 * this.me + (this.parity ^ 1)] = 0;
  }

  /** A thread that joins the search: the level being expanded has parity `parity`. */
  join(parity: number): void {
    this.parity = parity;
  }

  get levelParity(): number {
    return this.parity;
  }

  /** Read the current level's states with ids in [a, b), in id order, by next(). */
  seek(a: number, b: number): void {
    const p = this.parity;
    this.wordViews = this.words.map((pair) => pair[p].refresh());
    this.idViews = this.ids.map((pair) => pair[p].refresh());
    for (let o = 0; o < this.words.length; o++) {
      const ids = this.idViews[o];
      let lo = 0;
      let hi = this.lengths[16 * o + p];
      this.ends[o] = hi;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid] < a) lo = mid + 1;
        else hi = mid;
      }
      this.heads[o] = lo;
    }
    this.end = b;
  }

  /** Move to the next state of the range (id, buf, at); false after the last. */
  next(): boolean {
    const { heads, ends, idViews } = this;
    let best = -1;
    let id = this.end;
    for (let o = 0; o < heads.length; o++) {
      const k = heads[o];
      if (k < ends[o] && idViews[o][k] < id) {
        id = idViews[o][k];
        best = o;
      }
    }
    if (best < 0) return false;
    this.id = id;
    this.buf = this.wordViews[best];
    this.at = heads[best]++ * this.W;
    return true;
  }
}
