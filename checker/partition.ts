// One thread's part of the partitioned search (parallel.ts). The hash space
// is split between the threads: thread o owns the states whose hash is o
// modulo their number, and stores them in a table of its own. A level's
// states are in one shared array in id order (the frontier), written as
// they are given their ids.
// A chunk of a level (the states with ids in [x, y)) goes in three steps,
// each run by every thread at once:
// - expand: the threads take blocks of consecutive ids of the chunk in
//   turn, expand each block's states in id order, and send each successor
//   not recently seen (a candidate) to its owner: the record (hash, parent
//   id, action index, words) appended to out[t][owner] of the chunk's slot.
//   The chunks of a level take two slots in turn: a chunk is expanded in
//   the phase that resolves the one before it, each thread taking its
//   blocks once done with its own part of that resolve (so a level's
//   chunks take two phases each, and its first one three).
// - resolve: each owner reads the candidates sent to it in generation order
//   (the blocks in order: by parent id, then action index, what the
//   1-worker search generates), looks them up in its table in hash order
//   (batch.ts's sort), adding the new ones, and lists the new ones in
//   generation order (fresh[owner]: parent, action index, and where its
//   candidate's record is, whose words the link phase copies).
// - link: the threads take shares (consecutive ranges) of the chunk's
//   parents in turn; for each, a thread merges every owner's new states of
//   those parents by (parent, action index): their order is the 1-worker
//   search's, so a state's id is the chunk's first id plus its place in
//   that order. It writes each one's parent link and its words to the next
//   level's frontier, and checks the properties on it.
// Where the search must stop inside a chunk, the calling thread decides
// from what every thread found, and each thread takes back what it counted
// for the states expanded after the stop (takeBack).
import { type Model, type Property, labelOf } from './model.js';
import { CHUNK_SLOTS, CTL, Growable, HANDED_AT, MAX_PARTS, RES, arrayIds, countAt, failedAtIn, nextBlockAt, type SharedBuffers } from './parallel-shared.js';
import type { SharedArrays } from './shared-arrays.js';
import { Findings, spareTopBit, takeBackExpansion } from './search-parts.js';
import { RECENT_BYTES, recentStates, type RecentStates } from './recent-states.js';
import { Coverage } from './stats.js';
import { BudgetExceeded, HASH_BITS, StateTable, grown, hasherFor } from './store.js';
import { WordStepper } from './step.js';
import { MAX_SORT_BITS, sortBits } from './batch.js';

/** Uint32s of a candidate's record before the state's words: hash, parent id, action index. */
const REC_HEAD = 3;
/** Uint32s of a new state's record: parent id, action index, its candidate's record (its index << SOURCE_BITS | the thread that sent it). */
const FRESH = 3;
/** A merged candidate is its source thread (4 bits: MAX_PARTS) and its record's index there. */
const SOURCE_BITS = 4;
const SOURCE_MASK = (1 << SOURCE_BITS) - 1;
/** Int32s of a block's record: the thread that expanded it, then where its candidates for each owner start, and end. */
const BLOCK_STRIDE = 1 + 2 * MAX_PARTS;
/** Above every state id (they are below 2^31 - 1: parallel.ts NO_CUT). */
const NO_PARENT = 0x7fffffff;
/** Expanded states between two looks at the views' integrity (as search.ts). */
const VERIFY_EVERY = 1024;

/** The owner of a state with hash `h` among `parts` threads. */
function ownerOf(h: number, parts: number): number {
  return (parts & (parts - 1)) === 0 ? h & (parts - 1) : h % parts;
}

/**
 * Where the blocks of the chunk [from, to) start, and where the last ends
 * (into `bounds`, grown if need be): the count of blocks. Guided: a block
 * is a quarter of each thread's share of the ids left (at most 4,096, and
 * a sixteenth of the chunk's share, at least 64), so most blocks are large,
 * keeping siblings together, and the last are small, so the threads end
 * the expand phase close together. Every thread computes the same.
 */
export function blockBounds(from: number, to: number, parts: number, bounds: { at: Int32Array }): number {
  const most = Math.max(64, Math.min(4096, Math.ceil((to - from) / (16 * parts))));
  let count = 0;
  for (let x = from; ; count++) {
    if (count === bounds.at.length) bounds.at = grown(bounds.at);
    bounds.at[count] = x;
    if (x === to) return count;
    x = Math.min(to, x + Math.max(64, Math.min(most, Math.ceil((to - x) / (4 * parts)))));
  }
}

/** The t-th of `parts` consecutive, equal shares of [from, to). */
function shareOf(from: number, to: number, t: number, parts: number): [number, number] {
  const len = to - from;
  return [from + Math.floor((len * t) / parts), from + Math.floor((len * (t + 1)) / parts)];
}

/** Shares of a chunk's parents [from, to) in the link phase: up to 8 a thread, of 16 parents or more. */
function linkShares(from: number, to: number, parts: number): number {
  return Math.max(1, Math.min(8 * parts, Math.floor((to - from) / 16)));
}

/** The first of the `n` records (`stride` Uint32s, the parent id first) of `buf` whose parent is `parent` or later. */
function firstFrom(buf: Uint32Array, n: number, stride: number, parent: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (buf[mid * stride] < parent) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A chunk as a thread expanded it into one of the two slots: the
 * candidates every thread sent to every owner (out[t][o]), the chunk's
 * blocks, and this thread's: ids [mineFrom[k], mineTo[k]) (to the state
 * whose expansion threw).
 */
interface ChunkSlot {
  readonly out: Growable<Uint32Array>[][];
  readonly blocks: Growable<Int32Array>;
  readonly bounds: { at: Int32Array };
  blockCount: number;
  mine: number;
  mineFrom: Int32Array;
  mineTo: Int32Array;
}

export class Partition<S, A> {
  readonly st: WordStepper<S, A>;
  /** The threads the hash space is split between (1 on the calling thread until the handoff). */
  parts: number;
  readonly table: StateTable;
  generated = 0;
  readonly coverage: Coverage<A>;
  /** The error the expansion of a state threw (the state is in failedWords). */
  failure: string | undefined;
  private readonly W: number;
  private readonly R: number;
  private readonly hashOf: (src: Uint32Array, at: number) => number;
  private readonly checked: S;
  private readonly findings: Findings<S>;
  /** The frontiers: a level's states, by id minus the level's first id (levels alternate between the two). */
  private readonly frontiers: Growable<Uint32Array>[];
  /** The level being expanded: its frontier, and its first id. */
  private front: Uint32Array = new Uint32Array(0);
  private lo = 0;
  /** The chunks expanded into each slot (CHUNK_SLOTS), their candidates and blocks. */
  private readonly slots: ChunkSlot[];
  private sinceVerify = 0;
  // The shared memory (parallel-shared.ts).
  private readonly ctl: Int32Array;
  private readonly counts: Int32Array;
  private readonly hits: Int32Array;
  /** Each property's first hit as of the chunk's start, or -1 (written by the calling thread). */
  private readonly sharedFound: Int32Array;
  private readonly generatedOut: Float64Array;
  private readonly tableBytesOut: Float64Array;
  private readonly failedWords: Uint32Array;
  private readonly fresh: Growable<Uint32Array>[];
  private readonly parentOf: Growable<Int32Array>;
  private readonly actionOf: Growable<Uint16Array>;
  private readonly handed: Growable<Uint32Array>;
  // resolve()'s candidates in generation order (source << SOURCE_BITS | index), which were new, and the sort's records.
  private order = new Int32Array(1024);
  private isNew = new Uint8Array(1024);
  private sorted: Uint32Array;
  private readonly buckets = new Int32Array(1 << MAX_SORT_BITS);
  /** The candidates this thread owns, recently seen in generation order (resolve()). */
  private readonly ownRecent: RecentStates;

  constructor(
    private readonly model: Model<S, A>,
    readonly me: number,
    parts: number,
    buffers: SharedBuffers,
    arrays: SharedArrays,
    /** The threads of the search (parts is 1 until the handoff). */
    threads: number,
    props: readonly Property<S>[],
    /** This thread's share of the memory budget (its table). */
    private maxBytes: number,
  ) {
    this.parts = parts;
    const W = model.layout.words;
    this.W = W;
    this.R = W + REC_HEAD;
    this.st = new WordStepper(model);
    this.hashOf = hasherFor(W);
    const { props: checkedProps, checked } = this.st.checkedProperties(props);
    this.checked = checked;
    this.findings = new Findings(checkedProps);
    this.coverage = new Coverage<A>((a) => labelOf(model, a));
    this.sorted = new Uint32Array(1024 * (W + 2));
    this.ctl = new Int32Array(buffers.ctl);
    this.counts = new Int32Array(buffers.counts);
    this.hits = new Int32Array(buffers.hits);
    this.sharedFound = new Int32Array(buffers.found);
    this.generatedOut = new Float64Array(buffers.generated);
    this.tableBytesOut = new Float64Array(buffers.tableBytes);
    this.failedWords = new Uint32Array(buffers.failedWords);
    const ids = arrayIds(threads);
    const each = <T>(f: (t: number) => T): T[] => Array.from({ length: threads }, (_, t) => f(t));
    this.slots = Array.from({ length: CHUNK_SLOTS }, (_, slot) => ({
      out: each((t) => each((o) => new Growable<Uint32Array>(arrays, ids.out(t, o, slot)))),
      blocks: new Growable<Int32Array>(arrays, ids.blocks(slot)),
      bounds: { at: new Int32Array(256) },
      blockCount: 0,
      mine: 0,
      mineFrom: new Int32Array(64),
      mineTo: new Int32Array(64),
    }));
    this.fresh = each((o) => new Growable<Uint32Array>(arrays, ids.fresh(o)));
    this.frontiers = [0, 1].map((p) => new Growable<Uint32Array>(arrays, ids.frontier(p)));
    this.parentOf = new Growable(arrays, ids.parentOf);
    this.actionOf = new Growable(arrays, ids.actionOf);
    this.handed = new Growable(arrays, ids.handed);
    this.table = new StateTable(W, 1024, (extra) => this.allowGrowth(extra), {
      spareTopBit: spareTopBit(model.layout),
      cacheBytes: maxBytes / 16,
    });
    this.ownRecent = recentStates(W, RECENT_BYTES, spareTopBit(model.layout));
  }

  private allowGrowth(extra: number): void {
    if (this.table.bytes + extra > this.maxBytes) throw new BudgetExceeded('memory budget');
  }

  /** Bytes of this thread's table. */
  get bytes(): number {
    return this.table.bytes;
  }

  private res(field: number, value: number): void {
    this.ctl[CTL.result + 16 * this.me + field] = value;
  }

  /** The level being expanded is in frontier `parity`, its first id `lo`. */
  private level(lo: number, parity: number): void {
    this.front = this.frontiers[parity].refresh();
    this.lo = lo;
  }

  /** Store an initial state (the calling thread, before any chunk) as `id`, reached by initial index `index`: false if it is a repeat. */
  addInitial(words: Uint32Array, index: number, id: number): boolean {
    if (!this.table.add(words, 0, this.hashOf(words, 0))) return false;
    this.parentOf.ensure(id + 1)[id] = -1;
    this.actionOf.ensure(id + 1)[id] = index;
    this.frontiers[0].ensure((id + 1) * this.W).set(words.subarray(0, this.W), id * this.W);
    return true;
  }

  /** The leader, before a chunk's link phase: the first share is the next to take, and room for the links of states up to `end` and their words in the next frontier (`nextParity`, from `nextLo` on). */
  prepareLink(end: number, nextLo: number, nextParity: number): void {
    Atomics.store(this.ctl, CTL.nextShare, 0);
    this.parentOf.ensure(end);
    this.actionOf.ensure(end);
    this.frontiers[nextParity].ensure((end - nextLo) * this.W);
  }

  /** The parent links, for traces and errors' paths. */
  get links(): { parent(id: number): number; action(id: number): number } {
    return {
      parent: (id) => this.parentOf.refresh()[id],
      action: (id) => this.actionOf.refresh()[id],
    };
  }

  /** The words of state `id` of the level in frontier `parity` that starts at `lo`. */
  stateOf(id: number, lo: number, parity: number): Uint32Array {
    const f = this.frontiers[parity].refresh();
    return f.subarray((id - lo) * this.W, (id - lo + 1) * this.W);
  }

  /** The leader, before a chunk's expand phase: room for its blocks in slot `slot`, the first of which is the next to take. */
  prepareChunk(from: number, to: number, slot: number): void {
    const c = this.slots[slot];
    c.blocks.ensure(blockBounds(from, to, this.parts, c.bounds) * BLOCK_STRIDE);
    Atomics.store(this.ctl, nextBlockAt(slot), 0);
  }

  /**
   * Expand states of the chunk [from, to) of the level that starts at id
   * `lo` (in frontier `parity`) into the owners' candidates: blocks of
   * consecutive ids, taken in turn by whichever thread is free, so the
   * threads end the phase together. Within a block, states expanded one
   * after the other are siblings, as in the 1-worker search, and the cache
   * of recent states catches the successors they share. The blocks' records
   * say which thread expanded each, and where its candidates for each owner
   * are.
   */
  expand(from: number, to: number, lo: number, parity: number, slot: number): void {
    this.level(lo, parity);
    const { W, R, st, model, ctl, me, front } = this;
    const parts = this.parts;
    const mask = (parts & (parts - 1)) === 0 ? parts - 1 : -1;
    const c = this.slots[slot];
    const outs = c.out[me];
    // (Filled by push, so that the array is packed: one made by map() is
    // holey, and the optimised code's loads from it were thrown away at the
    // first chunks, 2-3 times a search, each costing a new compile.)
    const views: Uint32Array[] = [];
    for (const g of outs) views.push(g.refresh());
    const n = new Int32Array(parts);
    const nxt = st.nxt;
    const nxtRead = st.nxtRead;
    const within = model.within;
    const hashOf = this.hashOf;
    const table = this.table;
    const coverage = this.coverage;
    const blockCount = blockBounds(from, to, parts, c.bounds);
    const bounds = c.bounds.at;
    const blocks = c.blocks.refresh();
    c.blockCount = blockCount;
    c.mine = 0;
    let failedAt = -1;
    while (failedAt < 0) {
      const b = Atomics.add(ctl, nextBlockAt(slot), 1);
      if (b >= blockCount) break;
      const first = bounds[b];
      let end = bounds[b + 1];
      const rec = b * BLOCK_STRIDE;
      blocks[rec] = me;
      for (let o = 0; o < parts; o++) blocks[rec + 1 + o] = n[o];
      for (let id = first; id < end; id++) {
        try {
          st.load(front, (id - lo) * W);
          const acts = st.enabled();
          for (let i = 0; i < acts.length; i++) {
            const a = acts[i];
            if (!st.step(a)) continue;
            this.generated++;
            coverage.countAt(a, i);
            if (within && !within(nxtRead)) continue;
            const h = hashOf(nxt, 0);
            if (table.seenElseCache(nxt, 0, h)) continue;
            const o = mask >= 0 ? h & mask : h % parts;
            let v = views[o];
            const at = n[o] * R;
            if (at + R > v.length) v = views[o] = outs[o].ensure(at + R);
            v[at] = h;
            v[at + 1] = id;
            v[at + 2] = i;
            for (let q = 0; q < W; q++) v[at + REC_HEAD + q] = nxt[q];
            n[o]++;
          }
        } catch (e) {
          // The model's code threw: expand nothing after this state (the leader decides).
          failedAt = id;
          end = id + 1;
          this.failure = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          for (let q = 0; q < W; q++) this.failedWords[me * W + q] = front[(id - lo) * W + q];
          break;
        }
        if (++this.sinceVerify === VERIFY_EVERY) {
          this.sinceVerify = 0;
          st.verify();
        }
      }
      for (let o = 0; o < parts; o++) blocks[rec + 1 + MAX_PARTS + o] = n[o];
      if (c.mine === c.mineFrom.length) {
        c.mineFrom = grown(c.mineFrom);
        c.mineTo = grown(c.mineTo);
      }
      c.mineFrom[c.mine] = first;
      c.mineTo[c.mine++] = end;
    }
    for (let o = 0; o < parts; o++) this.counts[countAt(slot, me, o)] = n[o];
    this.res(failedAtIn(slot), failedAt);
    this.generatedOut[8 * me] = this.generated;
  }

  /**
   * Merge the candidates of the chunk in `slot` sent to this thread by
   * states before `cut` into generation order, look them up in hash order,
   * adding the new ones, and
   * list the new ones in generation order (fresh). Sets RES.overBudget when
   * the table could not grow within this thread's share of the memory
   * budget.
   */
  resolve(cut: number, slot: number): void {
    const { W, me, parts } = this;
    const c = this.slots[slot];
    const sources: Uint32Array[] = [];
    let total = 0;
    for (let t = 0; t < parts; t++) {
      sources.push(c.out[t][me].refresh());
      total += this.counts[countAt(slot, t, me)];
    }
    if (total > this.order.length) {
      // Twice as large at least: a new array's pages are faulted in as it is
      // first written, which costs more than the writes on the project's VM
      // (about 3 ms a MB), so growing by 1.25 at a time faulted in about 5
      // times the last size.
      const cap = Math.max(2 * this.order.length, Math.ceil(total * 1.25));
      this.order = new Int32Array(cap);
      this.isNew = new Uint8Array(cap);
      this.sorted = new Uint32Array(cap * (W + 2));
    }
    // One method per pass, each optimised on its own: as one function,
    // resolve was compiled 6-8 times a search on the two threads (each loop
    // entered optimised on its own, and again after a deoptimisation), at
    // 30-90 ms each, on the cores the search runs on.
    const bits = sortBits(total);
    const taken = Math.min(this.ctl[nextBlockAt(slot)], c.blockCount);
    const n = this.gather(sources, c.blocks.refresh(), taken, cut, bits);
    this.scatter(sources, n, bits);
    try {
      this.addSorted(n);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.res(RES.overBudget, 1);
      return;
    }
    this.res(RES.fresh, this.listFresh(sources, n));
    this.res(RES.overBudget, 0);
    this.tableBytesOut[8 * me] = this.bytes;
  }

  /**
   * resolve(), first: the candidates sent to this thread by the states
   * before `cut`, in generation order (into order: each one's record and
   * the thread that sent it), and the counts of the sort's buckets, on the
   * top `bits` of the hash (batch.ts's counting sort). Generation order:
   * the blocks in order, each block's records in the order they were
   * generated (up to the state whose expansion threw). In that order, a
   * candidate this thread's cache of recent states holds is stored or an
   * earlier candidate (recent-states.ts): it is dropped, as the 1-worker
   * search drops it (a sender's cache does not see the other senders'
   * successors). Looked up before the handoff too, alone, where this
   * thread's cache as a sender saw every candidate already: so that the
   * lookup has run before V8 optimises gather (else, first run after the
   * handoff, it threw the optimised code away).
   */
  private gather(sources: readonly Uint32Array[], blocks: Int32Array, taken: number, cut: number, bits: number): number {
    const { R, me, order, buckets } = this;
    const seen = this.ownRecent.seenElseCache;
    const shift = HASH_BITS - bits;
    buckets.fill(0, 0, 1 << bits);
    let n = 0;
    blocks: for (let b = 0; b < taken; b++) {
      const rec = b * BLOCK_STRIDE;
      const src = sources[blocks[rec]];
      for (let k = blocks[rec + 1 + me], end = blocks[rec + 1 + MAX_PARTS + me], at = k * R; k < end; k++, at += R) {
        if (src[at + 1] >= cut) break blocks;
        const h = src[at];
        // (The owner's states share their low hash bits: the cache is indexed above them.)
        if (seen(src, at + REC_HEAD, h >>> SOURCE_BITS)) continue;
        order[n++] = (k << SOURCE_BITS) | blocks[rec];
        buckets[h >>> shift]++;
      }
    }
    return n;
  }

  /** resolve(), second: the `n` candidates gathered, as records (hash, place in order, words), sorted by the top `bits` of their hash into sorted. */
  private scatter(sources: readonly Uint32Array[], n: number, bits: number): void {
    const { W, R, order, buckets, sorted } = this;
    const shift = HASH_BITS - bits;
    const r = W + 2;
    for (let b = 0, sum = 0; b < 1 << bits; b++) {
      const count = buckets[b];
      buckets[b] = sum;
      sum += count;
    }
    for (let j = 0; j < n; j++) {
      const c = order[j];
      const src = sources[c & SOURCE_MASK];
      const at = (c >>> SOURCE_BITS) * R;
      const h = src[at];
      const d = buckets[h >>> shift]++ * r;
      sorted[d] = h;
      sorted[d + 1] = j;
      for (let q = 0; q < W; q++) sorted[d + 2 + q] = src[at + REC_HEAD + q];
    }
  }

  /** resolve(), third: the `n` sorted candidates looked up in the table, in hash order, adding the new ones (isNew, by place in order). May throw BudgetExceeded. */
  private addSorted(n: number): void {
    const { table, sorted, isNew } = this;
    const r = this.W + 2;
    for (let s = 0; s < n * r; s += r) isNew[sorted[s + 1]] = table.add(sorted, s + 2, sorted[s]) ? 1 : 0;
  }

  /** resolve(), last: the new ones of the `n` candidates, in generation order, into this thread's fresh list; how many. */
  private listFresh(sources: readonly Uint32Array[], n: number): number {
    const { R, order, isNew } = this;
    let f = 0;
    for (let j = 0; j < n; j++) f += isNew[j];
    const fresh = this.fresh[this.me].ensure(f * FRESH);
    for (let j = 0, to = 0; j < n; j++) {
      if (isNew[j] === 0) continue;
      const c = order[j];
      const src = sources[c & SOURCE_MASK];
      const at = (c >>> SOURCE_BITS) * R;
      fresh[to++] = src[at + 1];
      fresh[to++] = src[at + 2];
      fresh[to++] = c;
    }
    return f;
  }

  /**
   * resolve() of the chunk in `slot`, then, unless `from` is `to`, expand()
   * of the level's next chunk [from, to) into the other slot: the owners'
   * parts of a resolve are fixed, and may take one thread longer than the
   * other (the vCPUs' speeds differ by up to half within a run on the
   * project's VM); the next chunk's blocks, taken in turn, fill the
   * difference.
   */
  resolveThenExpand(cut: number, slot: number, from: number, to: number, lo: number, parity: number): void {
    this.resolve(cut, slot);
    if (from < to) this.expand(from, to, lo, parity, slot ^ 1);
  }

  /**
   * Give the new states of the chunk's parents [x, y) their ids (the
   * chunk's first is `base`; none from `maxStates` on: the first such is
   * RES.pastBudget), write their links and their words to the next level's
   * frontier (`nextParity`, whose first id is `nextLo`), and check the
   * properties still undecided (the shared `found`) on them: the first hit
   * of each in `hits`, a state whose check threw in RES.checkFailedAt (no
   * check after it in its share: the calling thread checks the chunk again,
   * in id order). The parents are cut into shares that the
   * threads take in turn, so that they end the phase together: a share's
   * first id is the chunk's first plus the new states of the parents before
   * it, which each owner's list tells by a binary search.
   */
  link(base: number, maxStates: number, x: number, y: number, nextLo: number, nextParity: number, slot: number): void {
    const { me, parts } = this;
    const chunkOut = this.slots[slot].out;
    const nProps = this.findings.found.length;
    const hits = this.hits;
    for (let p = 0; p < nProps; p++) hits[me * nProps + p] = -1;
    const lists: Uint32Array[] = [];
    const counts = new Int32Array(parts);
    // The candidates' records, by owner, then by the thread that sent them.
    const records: Uint32Array[][] = [];
    for (let o = 0; o < parts; o++) {
      lists.push(this.fresh[o].refresh());
      counts[o] = this.ctl[CTL.result + 16 * o + RES.fresh];
      records.push(chunkOut.map((byOwner) => byOwner[o].refresh()));
    }
    const next = this.frontiers[nextParity].refresh();
    const parentOf = this.parentOf.refresh();
    const actionOf = this.actionOf.refresh();
    const shares = linkShares(x, y, parts);
    const out = { checkFailedAt: -1, pastBudget: -1, pastBudgetParent: -1 };
    for (;;) {
      const k = Atomics.add(this.ctl, CTL.nextShare, 1);
      if (k >= shares) break;
      const [lo, hi] = shareOf(x, y, k, shares);
      this.linkShare(lo, hi, base, maxStates, nextLo, lists, counts, records, next, parentOf, actionOf, out);
    }
    this.res(RES.checkFailedAt, out.checkFailedAt);
    this.res(RES.pastBudget, out.pastBudget);
    this.res(RES.pastBudgetParent, out.pastBudgetParent);
  }

  /** link() for the parents [lo, hi): its results go in `out` and `hits` (the first past the budget, each property's first hit, of all the shares the thread took). */
  private linkShare(
    lo: number,
    hi: number,
    base: number,
    maxStates: number,
    nextLo: number,
    lists: readonly Uint32Array[],
    counts: Int32Array,
    records: readonly (readonly Uint32Array[])[],
    next: Uint32Array,
    parentOf: Int32Array,
    actionOf: Uint16Array,
    out: { checkFailedAt: number; pastBudget: number; pastBudgetParent: number },
  ): void {
    const { W, R, me, parts } = this;
    // Each owner's new states of the share, and how many come before it.
    const heads = new Int32Array(parts);
    const ends = new Int32Array(parts);
    let id = base;
    for (let o = 0; o < parts; o++) {
      heads[o] = firstFrom(lists[o], counts[o], FRESH, lo);
      ends[o] = firstFrom(lists[o], counts[o], FRESH, hi);
      id += heads[o];
    }
    const findings = this.findings;
    const found = findings.found;
    const nProps = found.length;
    findings.undecided = 0;
    for (let p = 0; p < nProps; p++) {
      const at = this.sharedFound[p];
      found[p] = at >= 0 ? at : undefined;
      if (at < 0) findings.undecided++;
    }
    const nxt = this.st.nxt;
    let checkFailed = false;
    for (;;) {
      // The owner whose next new state comes first in generation order.
      // Every compare runs for every owner, none cut short, from the first
      // one (bestParent above every id), so that they have run before the
      // handoff too: else they first ran after it, in optimised code that
      // had never seen them, which V8 threw away and compiled again.
      let best = -1;
      let bestParent = NO_PARENT;
      let bestAction = 0;
      for (let o = 0; o < parts; o++) {
        if (heads[o] === ends[o]) continue;
        const at = heads[o] * FRESH;
        const parent = lists[o][at];
        const action = lists[o][at + 1];
        const before = parent < bestParent;
        const same = parent === bestParent;
        const lower = action < bestAction;
        if (before || (same && lower)) {
          best = o;
          bestParent = parent;
          bestAction = action;
        }
      }
      if (best < 0) break;
      const src = lists[best];
      const at = heads[best]++ * FRESH;
      if (id >= maxStates) {
        if (out.pastBudget < 0 || id < out.pastBudget) [out.pastBudget, out.pastBudgetParent] = [id, bestParent];
        break;
      }
      if (bestAction > 65535) throw new RangeError(`action index ${bestAction} above 65535`);
      parentOf[id] = bestParent;
      actionOf[id] = bestAction;
      const c = src[at + 2];
      const rec = records[best][c & SOURCE_MASK];
      const from = (c >>> SOURCE_BITS) * R + REC_HEAD;
      for (let q = 0, to = (id - nextLo) * W; q < W; q++) next[to + q] = nxt[q] = rec[from + q];
      if (findings.undecided > 0 && !checkFailed) {
        try {
          findings.check(this.checked, id);
        } catch {
          checkFailed = true;
          out.checkFailedAt = id;
        }
      }
      id++;
    }
    for (let p = 0; p < nProps; p++) {
      const hit = this.sharedFound[p] < 0 ? (found[p] ?? -1) : -1;
      const h = me * nProps + p;
      if (hit >= 0 && (this.hits[h] < 0 || hit < this.hits[h])) this.hits[h] = hit;
    }
  }

  /**
   * Take back what expanding this thread's states after state `after`
   * counted: of the chunk being decided, and of the next one when it was
   * expanded already (the other slot; what that slot holds of an earlier
   * chunk, linked already, has ids up to `after`).
   */
  takeBack(after: number): void {
    const { W, front, lo } = this;
    for (const c of this.slots) {
      for (let k = 0; k < c.mine; k++) {
        for (let id = Math.max(c.mineFrom[k], after + 1); id < c.mineTo[k]; id++) {
          takeBackExpansion(this.model, this.st, front, (id - lo) * W, this, this.coverage);
        }
      }
    }
    this.generatedOut[8 * this.me] = this.generated;
  }

  /** The depth-bound probe: send every successor of this thread's share of the level [from, to) (frontier `parity`) to its owner, uncounted. */
  probeExpand(from: number, to: number, parity: number): void {
    this.level(from, parity);
    const { W, R, st, model, front } = this;
    // (In slot 0: the level's chunks are all linked.)
    const outs = this.slots[0].out[this.me];
    const n = new Int32Array(this.parts);
    const acts: A[] = [];
    const [a, b] = shareOf(from, to, this.me, this.parts);
    for (let id = a; id < b; id++) {
      st.load(front, (id - from) * W);
      st.actions(acts);
      for (const act of acts) {
        if (!st.step(act)) continue;
        if (model.within && !model.within(st.nxtRead)) continue;
        const h = this.hashOf(st.nxt, 0);
        const o = ownerOf(h, this.parts);
        const v = outs[o].ensure((n[o] + 1) * R);
        const at = n[o]++ * R;
        v[at] = h;
        for (let q = 0; q < W; q++) v[at + REC_HEAD + q] = st.nxt[q];
      }
    }
    for (let o = 0; o < this.parts; o++) this.counts[countAt(0, this.me, o)] = n[o];
  }

  /** Is some successor the probe sent here not stored? (RES.probeNew) */
  probeResolve(): void {
    let unseen = 0;
    for (let t = 0; t < this.parts && !unseen; t++) {
      const v = this.slots[0].out[t][this.me].refresh();
      for (let j = 0, n = this.counts[countAt(0, t, this.me)]; j < n; j++) {
        if (!this.table.has(v, j * this.R + REC_HEAD, v[j * this.R])) {
          unseen = 1;
          break;
        }
      }
    }
    this.res(RES.probeNew, unseen);
  }

  /**
   * The handoff, on the calling thread, which has searched alone so far:
   * split its table between `parts` threads. The states of the others go
   * to them through the handed array, by owner (adopt()); this thread keeps
   * its own. The frontiers need no split: every thread reads them.
   */
  handOff(parts: number, maxBytes: number): void {
    const W = this.W;
    const H = W + 1;
    const states = this.table.states();
    const count = states.length / W;
    const hashes = new Uint32Array(count);
    const starts = new Int32Array(parts + 1);
    for (let i = 0; i < count; i++) {
      hashes[i] = this.hashOf(states, i * W);
      starts[ownerOf(hashes[i], parts) + 1]++;
    }
    for (let o = 0; o < parts; o++) starts[o + 1] += starts[o];
    this.maxBytes = maxBytes;
    this.table.clear(starts[1]);
    const handed = this.handed.ensure(count * H);
    const next = starts.slice();
    for (let i = 0; i < count; i++) {
      const h = hashes[i];
      const o = ownerOf(h, parts);
      if (o === 0) {
        this.table.add(states, i * W, h);
        continue;
      }
      const to = next[o]++ * H;
      handed[to] = h;
      for (let q = 0; q < W; q++) handed[to + 1 + q] = states[i * W + q];
    }
    for (let o = 0; o <= parts; o++) this.counts[HANDED_AT + o] = starts[o];
    this.parts = parts;
    this.tableBytesOut[0] = this.bytes;
  }

  /** A worker, before its first phase: take the states the calling thread handed it. */
  adopt(): void {
    const H = this.W + 1;
    const v = this.handed.refresh();
    for (let j = this.counts[HANDED_AT + this.me], end = this.counts[HANDED_AT + this.me + 1]; j < end; j++) {
      this.table.add(v, j * H + 1, v[j * H]);
    }
    this.tableBytesOut[8 * this.me] = this.bytes;
  }
}
