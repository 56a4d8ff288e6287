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
// Memory is what is allocated, no more: the table grows by 1.5x (not 2x) at a
// load of 3/4, so it is between 1/2 and 3/4 full; parent links grow by 1.5x.

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
const TWO_32 = 4294967296;

export class StateStore {
  readonly words: number;
  /** Uint32s per table slot: the state's words, then id + 1. */
  private readonly stride: number;
  private table: Uint32Array;
  private slots: number;
  /** slot of a hash = floor(hash * scale), scale = slots / 2^32 (any slot count, not only powers of two). */
  private scale: number;
  private limit: number;
  private parentOf: Int32Array;
  private actionOf: Uint8Array | Uint16Array;
  private n = 0;
  private readonly opts: StoreOptions;

  constructor(words: number, opts: StoreOptions) {
    this.words = words;
    this.stride = words + 1;
    this.opts = opts;
    const cap = Math.max(16, opts.initialCapacity ?? 1024);
    this.slots = Math.ceil(cap / MAX_LOAD);
    this.table = new Uint32Array(this.slots * this.stride);
    this.scale = this.slots / TWO_32;
    this.limit = Math.floor(this.slots * MAX_LOAD);
    this.parentOf = new Int32Array(cap);
    this.actionOf = new Uint8Array(cap);
  }

  get size(): number {
    return this.n;
  }

  /** Bytes allocated now by the table and the parent links. */
  get bytes(): number {
    return this.table.byteLength + this.parentOf.byteLength + this.actionOf.byteLength;
  }

  /** Bytes allocated per stored state (table plus parent links, spare capacity included). */
  bytesPerState(): number {
    return this.bytes / Math.max(1, this.n);
  }

  /**
   * Insert the packed state `src[at .. at+words)` unless present.
   * Returns the new id, or -(existing id) - 1 when it was already stored.
   */
  insert(src: Uint32Array, at: number, hash: number, parent: number, action: number): number {
    const w = this.words;
    const stride = this.stride;
    const table = this.table;
    const slots = this.slots;
    let i = (hash * this.scale) | 0;
    for (;;) {
      const base = i * stride;
      const e = table[base + w];
      if (e === 0) break;
      let k = 0;
      while (k < w && table[base + k] === src[at + k]) k++;
      if (k === w) return -e;
      if (++i === slots) i = 0;
    }
    const id = this.n;
    if (id >= this.opts.maxStates) throw new BudgetExceeded(`state budget of ${this.opts.maxStates} states reached`);
    if (id >= this.limit || id === this.parentOf.length) {
      this.grow();
      return this.insert(src, at, hash, parent, action);
    }
    if (action > 255 && this.actionOf instanceof Uint8Array) this.actionOf = Uint16Array.from(this.actionOf);
    if (action > 65535) throw new RangeError(`action index ${action} above 65535`);
    const base = i * stride;
    for (let k = 0; k < w; k++) table[base + k] = src[at + k];
    table[base + w] = id + 1;
    this.parentOf[id] = parent;
    this.actionOf[id] = action;
    this.n = id + 1;
    return id;
  }

  /** Is the packed state `src[at .. at+words)` stored? */
  has(src: Uint32Array, at: number, hash: number): boolean {
    const w = this.words;
    const stride = this.stride;
    const table = this.table;
    let i = (hash * this.scale) | 0;
    for (;;) {
      const base = i * stride;
      if (table[base + w] === 0) return false;
      let k = 0;
      while (k < w && table[base + k] === src[at + k]) k++;
      if (k === w) return true;
      if (++i === this.slots) i = 0;
    }
  }

  parent(id: number): number {
    return this.parentOf[id];
  }

  action(id: number): number {
    return this.actionOf[id];
  }

  private grow(): void {
    const needTable = this.n >= this.limit;
    const needLinks = this.n === this.parentOf.length;
    const slots = needTable ? Math.ceil(this.slots * GROWTH) : this.slots;
    const cap = needLinks ? Math.ceil(this.parentOf.length * GROWTH) : this.parentOf.length;
    const nextBytes =
      (needTable ? slots * this.stride * 4 : 0) +
      this.table.byteLength +
      (needLinks ? cap * (4 + this.actionOf.BYTES_PER_ELEMENT) : 0) +
      this.parentOf.byteLength +
      this.actionOf.byteLength;
    // While growing, the old and the new array are both held.
    if (nextBytes > this.opts.maxBytes) {
      throw new BudgetExceeded(
        `memory budget of ${showBytes(this.opts.maxBytes)} reached at ${this.n} states`,
      );
    }
    if (needLinks) {
      const parent = new Int32Array(cap);
      parent.set(this.parentOf);
      this.parentOf = parent;
      const act = this.actionOf instanceof Uint8Array ? new Uint8Array(cap) : new Uint16Array(cap);
      act.set(this.actionOf);
      this.actionOf = act;
    }
    if (needTable) this.rehash(slots);
  }

  private rehash(slots: number): void {
    const w = this.words;
    const stride = this.stride;
    const old = this.table;
    const table = new Uint32Array(slots * stride);
    const scale = slots / TWO_32;
    for (let base = 0; base < old.length; base += stride) {
      if (old[base + w] === 0) continue;
      let i = (hashWords(old, base, w) * scale) | 0;
      while (table[i * stride + w] !== 0) if (++i === slots) i = 0;
      const to = i * stride;
      for (let k = 0; k <= w; k++) table[to + k] = old[base + k];
    }
    this.table = table;
    this.slots = slots;
    this.scale = scale;
    this.limit = Math.floor(slots * MAX_LOAD);
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
    if (to + w > this.buf.length) {
      const bigger = new Uint32Array(Math.ceil((this.buf.length / w) * GROWTH + 1) * w);
      bigger.set(this.buf);
      this.buf = bigger;
    }
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
