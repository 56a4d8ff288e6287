// The set of visited states: packed encodings in one arena, indexed by an
// open-addressing hash table on typed arrays, with a parent link per state.
// States are stored exactly (the hash only finds the bucket; equality compares
// the words), so two different states are never merged: no fingerprint
// collisions, no silent loss of coverage.
//
// State ids are dense and assigned in discovery order, so in a breadth-first
// search the ids of one level form a contiguous range: the frontier is an id
// range, not a separate queue, and a state's depth is found from level bounds.

export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

/** A byte count as given: whole MiB, else whole KiB, else bytes. */
function showBytes(n: number): string {
  if (n % 2 ** 20 === 0) return `${n / 2 ** 20} MiB`;
  return n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

const EMPTY = 0; // table slots hold id + 1

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
  readonly initialCapacity?: number;
}

export class StateStore {
  readonly words: number;
  private arena: Uint32Array;
  private table: Int32Array;
  private mask: number;
  private parentOf: Int32Array;
  private actionOf: Uint8Array | Uint16Array;
  private n = 0;
  private readonly opts: StoreOptions;

  constructor(words: number, opts: StoreOptions) {
    this.words = words;
    this.opts = opts;
    const cap = Math.max(1024, opts.initialCapacity ?? 1 << 16);
    this.arena = new Uint32Array(cap * words);
    this.parentOf = new Int32Array(cap);
    this.actionOf = new Uint8Array(cap);
    this.table = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
  }

  get size(): number {
    return this.n;
  }

  /** Bytes held now by the arena, table and parent links. */
  get bytes(): number {
    return this.arena.byteLength + this.table.byteLength + this.parentOf.byteLength + this.actionOf.byteLength;
  }

  /** Bytes per state actually needed by the stored data (excludes spare capacity). */
  bytesPerState(): number {
    const tablePerState = this.table.byteLength / Math.max(1, this.n);
    return this.words * 4 + 4 + this.actionOf.BYTES_PER_ELEMENT + tablePerState;
  }

  /**
   * Insert the packed state `src[at .. at+words)` unless present.
   * Returns the new id, or -(existing id) - 1 when it was already stored.
   */
  insert(src: Uint32Array, at: number, hash: number, parent: number, action: number): number {
    const w = this.words;
    const arena = this.arena;
    const table = this.table;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const e = table[i];
      if (e === EMPTY) break;
      const base = (e - 1) * w;
      let same = true;
      for (let k = 0; k < w; k++) {
        if (arena[base + k] !== src[at + k]) {
          same = false;
          break;
        }
      }
      if (same) return -e;
      i = (i + 1) & mask;
    }
    const id = this.n;
    if (id >= this.opts.maxStates) throw new BudgetExceeded(`state budget of ${this.opts.maxStates} states reached`);
    if (id === this.parentOf.length) {
      this.grow();
      return this.insert(src, at, hash, parent, action);
    }
    if (action > 255 && this.actionOf instanceof Uint8Array) {
      const wide = new Uint16Array(this.actionOf.length);
      wide.set(this.actionOf);
      this.actionOf = wide;
    }
    if (action > 65535) throw new RangeError(`action index ${action} above 65535`);
    this.arena.set(src.subarray(at, at + w), id * w);
    this.parentOf[id] = parent;
    this.actionOf[id] = action;
    table[i] = id + 1;
    this.n = id + 1;
    return id;
  }

  /** Is the packed state `src[at .. at+words)` stored? */
  has(src: Uint32Array, at: number, hash: number): boolean {
    const w = this.words;
    let i = hash & this.mask;
    for (;;) {
      const e = this.table[i];
      if (e === EMPTY) return false;
      const base = (e - 1) * w;
      let k = 0;
      while (k < w && this.arena[base + k] === src[at + k]) k++;
      if (k === w) return true;
      i = (i + 1) & this.mask;
    }
  }

  /** Copy the packed words of state `id` into `out[at ..]`. */
  read(id: number, out: Uint32Array, at: number): void {
    const w = this.words;
    out.set(this.arena.subarray(id * w, id * w + w), at);
  }

  /** The arena itself, for unpacking state `id` at offset id * words without a copy. */
  get words32(): Uint32Array {
    return this.arena;
  }

  parent(id: number): number {
    return this.parentOf[id];
  }

  action(id: number): number {
    return this.actionOf[id];
  }

  private grow(): void {
    const cap = this.parentOf.length * 2;
    const nextBytes =
      cap * this.words * 4 + cap * 2 * 4 + cap * 4 + cap * this.actionOf.BYTES_PER_ELEMENT;
    if (nextBytes > this.opts.maxBytes) {
      throw new BudgetExceeded(
        `memory budget of ${showBytes(this.opts.maxBytes)} reached at ${this.n} states`,
      );
    }
    const arena = new Uint32Array(cap * this.words);
    arena.set(this.arena);
    this.arena = arena;
    const parent = new Int32Array(cap);
    parent.set(this.parentOf);
    this.parentOf = parent;
    const act = this.actionOf instanceof Uint8Array ? new Uint8Array(cap) : new Uint16Array(cap);
    act.set(this.actionOf);
    this.actionOf = act;
    this.table = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    for (let id = 0; id < this.n; id++) {
      let i = hashWords(this.arena, id * this.words, this.words) & this.mask;
      while (this.table[i] !== EMPTY) i = (i + 1) & this.mask;
      this.table[i] = id + 1;
    }
  }
}
