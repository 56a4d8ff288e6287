// The set of visited states: an open-addressing hash table on one typed array
// whose slots hold a state's packed words inline, then a mark word (0 = empty
// slot) or, when the layout leaves the top bit of the last word unused, no
// mark word but that bit set; so a duplicate check touches one slot (one
// cache miss) and compares words. Each stored state also has a parent link
// (parent id and the index of the action, or of the initial state, that
// reached it).
// States are stored exactly (the hash only finds the slot; equality compares
// every word), so two different states are never merged: no fingerprint
// collisions, no silent loss of coverage.
//
// Ids are dense and assigned in insertion order, so in a breadth-first search
// the ids of one level form a contiguous range. The store keeps no copy of a
// state by id: the search keeps the frontier's words itself (WordQueue), and
// traces are replayed from parent links.
//
// Memory is what is allocated, no more: the table doubles when one region is
// 3/4 full; parent links grow by 1.5x.

import { RECENT_BYTES, recentStates, type RecentStates } from './recent-states.js';

export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

/** A byte count as given: whole MiB, else whole KiB, else bytes. */
export function showBytes(n: number): string {
  if (n % 2 ** 20 === 0) return `${n / 2 ** 20} MiB`;
  return n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

/**
 * Hashes are 30 bits: a small integer in V8 (a Smi), so passing one to a
 * function that is not inlined allocates nothing (a 32-bit hash above 2^30
 * would be boxed as a heap number on every call).
 */
export const HASH_BITS = 30;

const hashers = new Map<number, (src: Uint32Array, at: number) => number>();

/**
 * The hash of `n` packed words, compiled with the loop over the words
 * unrolled (the search's hot path): per word a multiply-xorshift step, then
 * murmur3's finalizer, keeping the top HASH_BITS bits. A plain loop version
 * in test/checker/store.test.ts is the reference it is checked against.
 */
export function hasherFor(n: number): (src: Uint32Array, at: number) => number {
  let f = hashers.get(n);
  if (!f) {
    f = new Function('src', 'at', `${hashCode(n, (i) => `src[at + ${i}]`)} return h;`) as (src: Uint32Array, at: number) => number;
    hashers.set(n, f);
  }
  return f;
}

/** hasherFor's computation as code leaving the hash of words `word(0) .. word(n - 1)` in `h`. */
function hashCode(n: number, word: (i: number) => string): string {
  const lines = [`let h = ${(0x811c9dc5 ^ n) | 0};`];
  for (let i = 0; i < n; i++) lines.push(`h = Math.imul(h ^ ${word(i)}, 0x9e3779b1); h ^= h >>> 15;`);
  lines.push('h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);', 'h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);', `h = (h ^ (h >>> 16)) >>> ${32 - HASH_BITS};`);
  return lines.join('\n');
}

export interface StoreOptions {
  /** Hard cap on stored states (a budget). */
  readonly maxStates: number;
  /** The layout never uses the top bit of its last packed word (see TableOptions). */
  readonly spareTopBit?: boolean;
  /** Hard cap on bytes held by the store's arrays (a budget). */
  readonly maxBytes: number;
  /** Initial capacity in states (default 1024). */
  readonly initialCapacity?: number;
}

const MAX_LOAD = 0.75;
const GROWTH = 1.5;
/** Parts of the hash space: the top 8 bits of a hash pick its part, and each part is a region of the table. */
const PART_BITS = 8;
const PARTS = 1 << PART_BITS;
/** Hash bits below the part bits: where in its region a state's probe starts. */
const SLOT_BITS = HASH_BITS - PART_BITS;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
/** A copy of typed array `a` with `size` elements (default: 1.5x as many). */
export function grown<T extends Int32Array | Uint32Array | Uint8Array | Uint16Array | Float64Array>(
  a: T,
  size = Math.ceil(a.length * GROWTH) + 8,
): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

export interface TableOptions {
  /** The top bit of the last packed word is never used by the layout (then a slot needs no extra word). */
  readonly spareTopBit: boolean;
  /** Bytes of the cache of recent states (default and at most RECENT_BYTES). */
  readonly cacheBytes?: number;
}

const FLAG = 0x80000000 | 0;

/** How a table lays out a slot (what its compiled lookups depend on). */
interface SlotShape {
  readonly words: number;
  readonly flagged: boolean;
  /** Uint32s per slot. */
  readonly stride: number;
  /** The word of a slot that is 0 when the slot is empty: the mark word (1 when full), or the last word (flagged). */
  readonly mark: number;
}

/**
 * The hash table alone: a set of packed states. A slot is the state's words
 * and then a mark word holding 1 (0: empty); when the layout leaves the top
 * bit of its last word unused, a slot is just the words with that bit set
 * (a slot without it is empty), so pinbench's states take 8 bytes a slot.
 *
 * The table is one array of PARTS equal regions, one per part of the hash
 * space; a state's part (the top bits of its hash) picks its region and it
 * is probed within it. One contiguous array, not an array per part: on the
 * project's VM random reads into one 32 MB array cost about 60% of what they
 * cost spread over 256 separately allocated ones (bench/README.md). When one
 * region is 3/4 full every region grows, and the rehash goes region by
 * region, each a small (cache-resident) run of both arrays.
 */
export class StateTable {
  readonly words: number;
  /** Uint32s per table slot. */
  private readonly stride: number;
  /** The word of a slot that is 0 when the slot is empty: the mark word (1 when full), or the last word (flagged). */
  private readonly mark: number;
  private readonly flagged: boolean;
  private table: Uint32Array;
  /** Slots per region: a power of two, at most 2^SLOT_BITS. */
  private slots = 0;
  /** Where a hash starts probing in its region: (hash mod 2^SLOT_BITS) >>> shift, shift = SLOT_BITS - log2(slots) (integer work only, on the hot path). */
  private shift = 0;
  /** States per region, and the count at which every region grows. */
  private readonly used = new Int32Array(PARTS);
  private limit = 0;
  private n = 0;
  /** The cache of recent states in front of the table (recent-states.ts). */
  private readonly recent: RecentStates;
  /** May the table grow by `extra` bytes? Throws BudgetExceeded when not. */
  private allowGrowth: (extra: number) => void;

  constructor(words: number, initialCapacity: number, allowGrowth: (extra: number) => void, opts: TableOptions) {
    this.words = words;
    this.flagged = opts.spareTopBit;
    this.stride = this.flagged ? words : words + 1;
    this.mark = this.flagged ? words - 1 : words;
    this.recent = recentStates(words, Math.min(RECENT_BYTES, opts.cacheBytes ?? RECENT_BYTES), this.flagged);
    this.seenElseCache = this.recent.seenElseCache;
    const ops = compileTableOps({ words, flagged: this.flagged, stride: this.stride, mark: this.mark });
    this.add = ops.add;
    this.has = ops.has;
    this.rehash = ops.rehash;
    this.table = new Uint32Array(0);
    this.allowGrowth = allowGrowth;
    this.clear(initialCapacity);
  }

  /**
   * Forget every state, leaving room for `capacity` (the parallel search's
   * handoff refills a table with its own part). The same table object, so
   * the code that calls its compiled lookups stays as optimised.
   */
  clear(capacity: number): void {
    const allowGrowth = this.allowGrowth;
    this.table = new Uint32Array(0);
    this.slots = 0;
    this.used.fill(0);
    this.n = 0;
    this.allowGrowth = () => {}; // the first, small allocation is not a growth
    this.resize(2 ** Math.max(3, Math.ceil(Math.log2(Math.max(1, capacity) / PARTS / MAX_LOAD))));
    this.allowGrowth = allowGrowth;
  }

  get size(): number {
    return this.n;
  }

  get bytes(): number {
    return this.table.byteLength + this.recent.bytes;
  }

  /** Slots in the table (every region's). */
  get capacity(): number {
    return this.slots * PARTS;
  }

  /**
   * Does the cache of recent states hold the packed state `src[at .. at+words)`?
   * If it does, the state is stored, or is a candidate of the batch being
   * gathered (checker/batch.ts) that will be stored or found stored first.
   * If not, it is put there, and false says nothing: the caller makes the
   * state a candidate.
   */
  readonly seenElseCache: (src: Uint32Array, at: number, hash: number) => boolean;

  /**
   * Store the packed state `src[at .. at+words)` unless present: true when
   * it was added, false when it was already stored.
   */
  readonly add: (src: Uint32Array, at: number, hash: number) => boolean;

  /** Is the packed state `src[at .. at+words)` stored? */
  readonly has: (src: Uint32Array, at: number, hash: number) => boolean;

  /** Move every state of `old` (regions of `oldSlots` slots) into `table` (regions of `slots`, probes starting at hash bits >>> shift). */
  private readonly rehash: (old: Uint32Array, oldSlots: number, table: Uint32Array, slots: number, shift: number) => void;

  /** Every stored state's words, one after another (the parallel search's handoff splits a table between threads). */
  states(): Uint32Array {
    const { table, stride, mark, words } = this;
    const out = new Uint32Array(this.n * words);
    let to = 0;
    for (let base = 0; base < table.length; base += stride) {
      if (table[base + mark] === 0) continue;
      for (let k = 0; k < words; k++) out[to++] = table[base + k];
      if (this.flagged) out[to - 1] &= ~FLAG;
    }
    return out;
  }

  /** Give every region `slots` slots, a power of two (the compiled add doubles them when a region is 3/4 full). */
  resize(slots: number): void {
    if (slots > 2 ** SLOT_BITS) {
      throw new BudgetExceeded(`state table full at ${this.n} states (it holds at most ${Math.floor(MAX_LOAD * 2 ** SLOT_BITS)} in each of its ${PARTS} regions)`);
    }
    const old = this.table;
    const oldSlots = this.slots;
    // While growing, the old and the new array are both held.
    this.allowGrowth(PARTS * slots * this.stride * 4);
    const table = new Uint32Array(PARTS * slots * this.stride);
    writeEveryPage(table);
    const shift = SLOT_BITS - Math.log2(slots);
    this.rehash(old, oldSlots, table, slots, shift);
    this.table = table;
    this.slots = slots;
    this.shift = shift;
    this.limit = Math.floor(slots * MAX_LOAD);
  }
}

/**
 * Fault in every page of a new array by writing it. The rehash and the
 * lookups read a slot before writing it; a first read of an untouched
 * anonymous page maps the shared zero page, and the write after it replaces
 * that mapping (wp_page_copy()), which must flush the TLB of every CPU that
 * runs this mm: with two workers, an IPI per page, each stopping the other
 * worker (measured here: 15,441 shootdowns and 7x slower faulting of 64 MiB).
 * A first write allocates the page directly (do_anonymous_page()).
 */
function writeEveryPage(a: Uint32Array): void {
  for (let i = 0; i < a.length; i += 1024) a[i] = 0;
}

/**
 * The table's lookups, compiled for one slot shape (the number of words, a
 * mark word or a flag bit) with the key loaded into locals and every compare
 * and copy unrolled: the search's hot path. The compiled functions run with
 * `this` the StateTable; test/checker/store.test.ts checks them against a
 * plain Set on random keys.
 */
function compileTableOps(slot: SlotShape): Pick<StateTable, 'add' | 'has'> & { rehash: StateTable['rehash'] } {
  const { words: W, flagged, stride, mark } = slot;
  const idx = [...Array(W).keys()];
  const load = idx.map((k) => `const s${k} = src[at + ${k}];`).join(' ');
  // The flagged last word of a slot holding this key (unflagged, a full slot's mark word is 1).
  const markOf = flagged ? `const mk = (s${W - 1} | ${FLAG}) >>> 0;` : '';
  const keyWords = flagged ? idx.slice(0, W - 1) : idx;
  // Does the slot (or cache entry) at a[b ..], whose mark word is e, hold this key?
  const sameKey = (a: string, b: string): string =>
    [flagged ? 'e === mk' : 'true', ...keyWords.map((k) => `${a}[${b} + ${k}] === s${k}`)].join(' && ');
  const store = (a: string, b: string): string =>
    `${keyWords.map((k) => `${a}[${b} + ${k}] = s${k};`).join(' ')} ${a}[${b} + ${mark}] = ${flagged ? 'mk' : '1'};`;
  // The region's first slot, and where in it the probe starts (i wraps at the region's end).
  const locate = `const r = hash >>> ${SLOT_BITS}; const table = this.table; const slots = this.slots; const first = r * slots; let i = (hash & ${SLOT_MASK}) >>> this.shift;`;
  const add = `${load} ${markOf}
    for (;;) {
      ${locate}
      for (;;) {
        const base = (first + i) * ${stride};
        const e = table[base + ${mark}];
        if (e === 0) break;
        if (${sameKey('table', 'base')}) return false;
        if (++i === slots) i = 0;
      }
      if (this.used[r] >= this.limit) {
        this.resize(slots * 2);
        continue;
      }
      const base = (first + i) * ${stride};
      ${store('table', 'base')}
      this.used[r]++;
      this.n++;
      return true;
    }`;
  const has = `${load} ${markOf}
    ${locate}
    for (;;) {
      const base = (first + i) * ${stride};
      const e = table[base + ${mark}];
      if (e === 0) return false;
      if (${sameKey('table', 'base')}) return true;
      if (++i === slots) i = 0;
    }`;
  // The rehash of a growing table, region by region (each a small, cache-resident run of both arrays).
  const rehash = `
    for (let r = 0; r < ${PARTS}; r++) {
      const first = r * slots;
      for (let base = r * oldSlots * ${stride}, end = base + oldSlots * ${stride}; base < end; base += ${stride}) {
        if (old[base + ${mark}] === 0) continue;
        ${hashCode(W, (k) => (flagged && k === W - 1 ? `(old[base + ${k}] & ${~FLAG})` : `old[base + ${k}]`))}
        let i = (h & ${SLOT_MASK}) >>> shift;
        while (table[(first + i) * ${stride} + ${mark}] !== 0) if (++i === slots) i = 0;
        const to = (first + i) * ${stride};
        ${[...Array(stride).keys()].map((k) => `table[to + ${k}] = old[base + ${k}];`).join(' ')}
      }
    }`;
  const fn = (params: string, body: string): never => new Function(...params.split(','), body) as never;
  return {
    add: fn('src,at,hash', add),
    has: fn('src,at,hash', has),
    rehash: fn('old,oldSlots,table,slots,shift', rehash),
  };
}

/** The searches' store: the table, with dense ids and a parent link per state. */
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
    this.table = new StateTable(words, cap, (extra) => this.allowGrowth(extra), {
      spareTopBit: opts.spareTopBit ?? false,
      cacheBytes: opts.maxBytes / 16,
    });
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

  /** See StateTable.seenElseCache: true when the state is stored or already a candidate; else it becomes one. */
  seenElseCache(src: Uint32Array, at: number, hash: number): boolean {
    return this.table.seenElseCache(src, at, hash);
  }

  /** Slots in the table. */
  get capacity(): number {
    return this.table.capacity;
  }

  /**
   * Add the packed state to the table, without an id yet, unless present:
   * true when it was added. A state added so must then be given its id by
   * link(), in the order of discovery (checker/batch.ts).
   */
  add(src: Uint32Array, at: number, hash: number): boolean {
    return this.table.add(src, at, hash);
  }

  /** The next id, for a state add() added, reached from `parent` by action index `action`. */
  link(parent: number, action: number): number {
    const id = this.n;
    if (id >= this.opts.maxStates) throw new BudgetExceeded(`state budget of ${this.opts.maxStates} states reached`);
    if (id === this.parentOf.length) this.growLinks();
    if (action > 255 && this.actionOf instanceof Uint8Array) this.actionOf = Uint16Array.from(this.actionOf);
    if (action > 65535) throw new RangeError(`action index ${action} above 65535`);
    this.parentOf[id] = parent;
    this.actionOf[id] = action;
    this.n = id + 1;
    return id;
  }

  /** Insert the packed state `src[at .. at+words)` unless present: its new id, or -1 when it was already stored. */
  insert(src: Uint32Array, at: number, hash: number, parent: number, action: number): number {
    // Links grow (and may throw BudgetExceeded) before the table holds a state without an id.
    if (this.n === this.parentOf.length) this.growLinks();
    if (this.n >= this.opts.maxStates && this.table.has(src, at, hash) === false) {
      throw new BudgetExceeded(`state budget of ${this.opts.maxStates} states reached`);
    }
    return this.table.add(src, at, hash) ? this.link(parent, action) : -1;
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
