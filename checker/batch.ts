// Delayed duplicate detection: the successors of consecutive states of one
// BFS level (the candidates) are gathered, in the order the search generates
// them, and looked up in the state table together, in the order of the top
// bits of their hashes, which is the order of their table slots: the lookups
// sweep the table from one end to the other instead of jumping about it, so
// most of their cache and TLB misses go. Then the new ones are given their
// ids in generation order, so every id and parent link is the one the
// search gives state by state (the first discovery of a state is its first
// candidate; a stable sort keeps equal states in generation order, and the
// first one added makes the others duplicates).
//
// On pinbench (about 1.2 M candidates in its largest level, a 32 MB table),
// bench/README.md has the figures: the batch made the 1-worker search
// 15-20% faster than looking each state's successors up in turn.
import { HASH_BITS, grown, type StateStore } from './store.js';

/** Hash bits (of HASH_BITS) the sort orders by at most: the top ones, which pick the table's region and the slot in it. */
export const MAX_SORT_BITS = 16;

/** The hash bits to sort `n` candidates by (fewer for fewer: clearing the buckets would cost more than the sort). */
export function sortBits(n: number): number {
  return Math.min(MAX_SORT_BITS, Math.max(8, Math.ceil(Math.log2(n + 1)) - 4));
}

/** A batch is resolved once it holds this many candidates, or a quarter of the table's slots if more. */
export const MIN_BATCH = 4096;

export class SuccessorBatch {
  readonly words: number;
  /** The candidates in generation order: words, hash and action index. */
  buf: Uint32Array;
  hash: Uint32Array;
  action: Int32Array;
  length = 0;
  /** The states expanded into the batch, in order: their ids, and where their candidates end. */
  parentId: Int32Array;
  parentEnd: Int32Array;
  parents = 0;
  /** After resolve(): 1 where the candidate was new (added to the table), by generation order. */
  fresh: Uint8Array;
  /**
   * The candidates as sorted, as records: hash, generation index, words.
   * A sort that moves whole records writes them in runs and the lookups
   * read them in order; one that moves indices reads the candidates at
   * random (5 times slower on a million).
   */
  private sorted: Uint32Array;
  private readonly counts = new Int32Array(1 << MAX_SORT_BITS);

  constructor(words: number, capacity = MIN_BATCH) {
    this.words = words;
    this.buf = new Uint32Array(capacity * words);
    this.hash = new Uint32Array(capacity);
    this.action = new Int32Array(capacity);
    this.fresh = new Uint8Array(capacity);
    this.sorted = new Uint32Array(capacity * (words + 2));
    this.parentId = new Int32Array(1024);
    this.parentEnd = new Int32Array(1024);
  }

  /** Add a candidate: `src[at .. at+words)`, its hash, and the index of the action that generated it. */
  push(src: Uint32Array, at: number, hash: number, action: number): void {
    const j = this.length;
    if (j === this.hash.length) this.grow();
    const w = this.words;
    const buf = this.buf;
    for (let q = 0, to = j * w; q < w; q++) buf[to + q] = src[at + q];
    this.hash[j] = hash;
    this.action[j] = action;
    this.length = j + 1;
  }

  /** The candidates pushed since the last call are the successors of state `id`. */
  endParent(id: number): void {
    const p = this.parents;
    if (p === this.parentId.length) {
      this.parentId = grown(this.parentId);
      this.parentEnd = grown(this.parentEnd);
    }
    this.parentId[p] = id;
    this.parentEnd[p] = this.length;
    this.parents = p + 1;
  }

  /** Forget the candidates pushed since the last endParent() (their state's expansion failed). */
  dropOpen(): void {
    this.length = this.parents === 0 ? 0 : this.parentEnd[this.parents - 1];
  }

  /** Should the batch be resolved now, with the table as it is? */
  full(store: StateStore): boolean {
    return this.length >= MIN_BATCH && this.length >= store.capacity >>> 2;
  }

  /**
   * Look every candidate up in the store's table, in hash order, adding
   * those it does not hold: fresh[j] says which were added. May throw
   * BudgetExceeded when the table must grow past the memory budget.
   */
  resolve(store: StateStore): void {
    const n = this.length;
    const w = this.words;
    const r = w + 2;
    const { hash, buf, counts, sorted, fresh } = this;
    // A counting sort on the top bits, one pass: stable, and fine enough
    // that the lookups between two buckets' runs stay within a few cache
    // lines of the table (16 bits: 64 slots of pinbench's 4 M). Two passes
    // of 11 bits, to sort on 22, took 15% longer, sort and lookups (4 paired
    // runs); a small batch takes fewer buckets, as clearing them would cost
    // more than its sort.
    const bits = sortBits(n);
    const shift = HASH_BITS - bits;
    const buckets = 1 << bits;
    counts.fill(0, 0, buckets);
    for (let j = 0; j < n; j++) counts[hash[j] >>> shift]++;
    for (let b = 0, sum = 0; b < buckets; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const h = hash[j];
      const d = counts[h >>> shift]++ * r;
      sorted[d] = h;
      sorted[d + 1] = j;
      for (let q = 0; q < w; q++) sorted[d + 2 + q] = buf[j * w + q];
    }
    for (let s = 0; s < n * r; s += r) fresh[sorted[s + 1]] = store.add(sorted, s + 2, sorted[s]) ? 1 : 0;
  }

  clear(): void {
    this.length = 0;
    this.parents = 0;
  }

  private grow(): void {
    const cap = Math.ceil(this.hash.length * 1.5);
    this.buf = grown(this.buf, cap * this.words);
    this.hash = grown(this.hash, cap);
    this.action = grown(this.action, cap);
    this.fresh = new Uint8Array(cap);
    this.sorted = new Uint32Array(cap * (this.words + 2));
  }
}
