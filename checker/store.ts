// The set of visited states: an open-addressing hash table on one typed array
// whose slots hold a state's packed words inline, followed by its id + 1
// (0 = empty slot), so a duplicate check touches one slot (one cache miss)
// and compares words. Each stored state also has a parent link (parent id and
// the index of the action, or of the initial state, that reached it).
// States are stored exactly (the hash only finds the slot; equality compares
// every word), so two different states are never merged: no fingerprint
// collisions, no silent loss of coverage.
//
// Ids are dense and assigned in insertion order, so in a breadth-first search
// the ids of one level form a contiguous range. The store keeps no copy of a
// state by id: the search keeps the frontier's words itself (WordQueue), and
// traces are replayed from parent links.
//
// Memory is what is allocated, no more: each sub-table grows by 1.5x (not 2x)
// at a load of 3/4, so it is between 1/2 and 3/4 full; parent links grow by 1.5x.

export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

/** A byte count as given: whole MiB, else whole KiB, else bytes. */
function showBytes(n: number): string {
  if (n % 2 ** 20 === 0) return `${n / 2 ** 20} MiB`;
  return n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

export function hashWords(src: Uint32Array, at: number, n: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ src[at + i], 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface StoreOptions {
  /** Hard cap on stored states (a budget). */
  readonly maxStates: number;
  /** Hard cap on bytes held by the store's arrays (a budget). */
  readonly maxBytes: number;
  /** Initial capacity in states (default 1024). */
  readonly initialCapacity?: number;
}

const MAX_LOAD = 0.75;
const GROWTH = 1.5;
/** Sub-tables: the top 8 bits of a hash pick one; each grows on its own. */
const PART_BITS = 8;
export const PARTS = 1 << PART_BITS;
const TWO_24 = 1 << 24;

/** The sub-table of a hash (the parallel search gives each worker its own sub-tables). */
export function partOf(hash: number): number {
  return hash >>> (32 - PART_BITS);
}

/** A copy of typed array `a` with `size` elements (default: 1.5x as many). */
export function grown<T extends Int32Array | Uint32Array | Uint8Array | Uint16Array | Float64Array>(
  a: T,
  size = Math.ceil(a.length * GROWTH) + 8,
): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * The hash table alone: packed states with a caller-given id each. It is
 * PARTS sub-tables, so growing one rehashes a small (cache-resident) array,
 * and the parts' load factors are staggered, which keeps the bytes per state
 * steady instead of jumping with each doubling.
 */
export class StateTable {
  readonly words: number;
  /** Uint32s per table slot: the state's words, then id + 1. */
  private readonly stride: number;
  private readonly tables: Uint32Array[] = [];
  private readonly slots = new Int32Array(PARTS);
  /** slot of a hash = floor((hash mod 2^24) * scale), scale = slots / 2^24 (any slot count, not only powers of two). */
  private readonly scale = new Float64Array(PARTS);
  private readonly used = new Int32Array(PARTS);
  private readonly limit = new Int32Array(PARTS);
  private n = 0;
  private tableBytes = 0;
  /** May the table grow by `extra` bytes? Throws BudgetExceeded when not. */
  private readonly allowGrowth: (extra: number) => void;

  constructor(words: number, initialCapacity: number, allowGrowth: (extra: number) => void) {
    this.words = words;
    this.stride = words + 1;
    this.allowGrowth = allowGrowth;
    for (let p = 0; p < PARTS; p++) {
      this.tables.push(new Uint32Array(0));
      this.resize(p, Math.max(8, Math.ceil(initialCapacity / PARTS / MAX_LOAD)));
    }
  }

  get size(): number {
    return this.n;
  }

  get bytes(): number {
    return this.tableBytes;
  }

  /**
   * Read the table slot where `hash` starts probing, and return it: the
   * search calls this for every successor of a state before inserting any,
   * so the cache misses of their lookups overlap instead of queueing.
   */
  touch(hash: number): number {
    const p = hash >>> (32 - PART_BITS);
    return this.tables[p][(((hash & 0xffffff) * this.scale[p]) | 0) * this.stride];
  }

  /**
   * Look up the packed state `src[at .. at+words)`: its id when stored;
   * otherwise store it with `id` (0 <= id < 2^32 - 1) and return -1.
   */
  findOrAdd(src: Uint32Array, at: number, hash: number, id: number): number {
    const w = this.words;
    const stride = this.stride;
    const p = hash >>> (32 - PART_BITS);
    const table = this.tables[p];
    const slots = this.slots[p];
    let i = ((hash & 0xffffff) * this.scale[p]) | 0;
    for (;;) {
      const base = i * stride;
      const e = table[base + w];
      if (e === 0) break;
      let k = 0;
      while (k < w && table[base + k] === src[at + k]) k++;
      if (k === w) return e - 1;
      if (++i === slots) i = 0;
    }
    if (this.used[p] >= this.limit[p]) {
      this.resize(p, Math.ceil(this.slots[p] * GROWTH));
      return this.findOrAdd(src, at, hash, id);
    }
    const base = i * stride;
    for (let k = 0; k < w; k++) table[base + k] = src[at + k];
    table[base + w] = id + 1;
    this.used[p]++;
    this.n++;
    return -1;
  }

  /** Is the packed state `src[at .. at+words)` stored? */
  has(src: Uint32Array, at: number, hash: number): boolean {
    const w = this.words;
    const stride = this.stride;
    const p = hash >>> (32 - PART_BITS);
    const table = this.tables[p];
    let i = ((hash & 0xffffff) * this.scale[p]) | 0;
    for (;;) {
      const base = i * stride;
      if (table[base + w] === 0) return false;
      let k = 0;
      while (k < w && table[base + k] === src[at + k]) k++;
      if (k === w) return true;
      if (++i === this.slots[p]) i = 0;
    }
  }

  private resize(p: number, slots: number): void {
    const w = this.words;
    const stride = this.stride;
    const old = this.tables[p];
    // While growing, the old and the new array are both held.
    this.allowGrowth(slots * stride * 4);
    const table = new Uint32Array(slots * stride);
    const scale = slots / TWO_24;
    for (let base = 0; base < old.length; base += stride) {
      if (old[base + w] === 0) continue;
      let i = ((hashWords(old, base, w) & 0xffffff) * scale) | 0;
      while (table[i * stride + w] !== 0) if (++i === slots) i = 0;
      const to = i * stride;
      for (let k = 0; k <= w; k++) table[to + k] = old[base + k];
    }
    this.tableBytes += table.byteLength - old.byteLength;
    this.tables[p] = table;
    this.slots[p] = slots;
    this.scale[p] = scale;
    this.limit[p] = Math.floor(slots * MAX_LOAD);
  }
}

/** The sequential search's store: the table, with dense ids and a parent link per state. */
export class StateStore {
  readonly words: number;
  private readonly table: StateTable;
  private parentOf: Int32Array;
  private actionOf: Uint8Array | Uint16Array;
  private n = 0;
  private readonly opts: StoreOptions;

  constructor(words: number, opts: StoreOptions) {
    this.words = words;
    this.opts = opts;
    const cap = Math.max(16, opts.initialCapacity ?? 1024);
    this.parentOf = new Int32Array(cap);
    this.actionOf = new Uint8Array(cap);
    this.table = new StateTable(words, cap, (extra) => this.allowGrowth(extra));
  }

  private allowGrowth(extra: number): void {
    if (this.bytes + extra > this.opts.maxBytes) {
      throw new BudgetExceeded(
        `memory budget of ${showBytes(this.opts.maxBytes)} reached at ${this.n} states`,
      );
    }
  }

  get size(): number {
    return this.n;
  }

  /** Bytes allocated now by the table and the parent links. */
  get bytes(): number {
    return (this.table?.bytes ?? 0) + this.parentOf.byteLength + this.actionOf.byteLength;
  }

  /** Bytes allocated per stored state (table plus parent links, spare capacity included). */
  bytesPerState(): number {
    return this.bytes / Math.max(1, this.n);
  }

  /** See StateTable.touch. */
  touch(hash: number): number {
    return this.table.touch(hash);
  }

  /**
   * Insert the packed state `src[at .. at+words)` unless present.
   * Returns the new id, or -(existing id) - 1 when it was already stored.
   */
  insert(src: Uint32Array, at: number, hash: number, parent: number, action: number): number {
    const id = this.n;
    if (id === this.parentOf.length) this.growLinks();
    // findOrAdd may grow the table (and throw BudgetExceeded) before adding.
    if (id >= this.opts.maxStates && this.table.has(src, at, hash) === false) {
      throw new BudgetExceeded(`state budget of ${this.opts.maxStates} states reached`);
    }
    const old = this.table.findOrAdd(src, at, hash, id);
    if (old >= 0) return -old - 1;
    if (action > 255 && this.actionOf instanceof Uint8Array) this.actionOf = Uint16Array.from(this.actionOf);
    if (action > 65535) throw new RangeError(`action index ${action} above 65535`);
    this.parentOf[id] = parent;
    this.actionOf[id] = action;
    this.n = id + 1;
    return id;
  }

  /** Is the packed state `src[at .. at+words)` stored? */
  has(src: Uint32Array, at: number, hash: number): boolean {
    return this.table.has(src, at, hash);
  }

  parent(id: number): number {
    return this.parentOf[id];
  }

  action(id: number): number {
    return this.actionOf[id];
  }

  private growLinks(): void {
    const cap = Math.ceil(this.parentOf.length * GROWTH);
    this.allowGrowth(cap * (4 + this.actionOf.BYTES_PER_ELEMENT));
    this.parentOf = grown(this.parentOf, cap);
    this.actionOf = grown(this.actionOf, cap);
  }
}

/** A growable queue of packed states (one BFS level), in insertion order. */
export class WordQueue {
  readonly words: number;
  buf: Uint32Array;
  length = 0;

  constructor(words: number, capacity = 1024) {
    this.words = words;
    this.buf = new Uint32Array(capacity * words);
  }

  push(src: Uint32Array, at: number): void {
    const w = this.words;
    let to = this.length * w;
    if (to + w > this.buf.length) this.buf = grown(this.buf, this.buf.length + Math.ceil(this.buf.length / 2 / w + 1) * w);
    for (let k = 0; k < w; k++) this.buf[to++] = src[at + k];
    this.length++;
  }

  clear(): void {
    this.length = 0;
  }

  get bytes(): number {
    return this.buf.byteLength;
  }
}
