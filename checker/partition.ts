// One thread's part of the partitioned search (parallel.ts). The hash space
// is split between the threads: thread o owns the states whose hash is o
// modulo their number. It stores them in a table of its own and keeps its
// new states in its list of the next level (level-lists.ts).
// A chunk of a level (the states with ids in [x, y)) goes in three phases,
// each run by every thread at once:
// - expand: thread t expands the t-th of equal, consecutive shares of the
//   chunk's ids, in id order, and sends each successor not recently seen (a
//   candidate) to its owner: the record (hash, parent id, action index,
//   words) appended to out[t][owner].
// - resolve: each owner reads the candidates sent to it in generation order
//   (thread 0's, then thread 1's, ...: by parent id, then action index, what
//   the 1-worker search generates), looks them up in its table in hash
//   order (batch.ts's sort), adding the new ones, and publishes the new
//   ones' places in generation order (keys: parent * 2^16 + action index).
// - link: a new state's id is the chunk's first id plus its rank among the
//   new states of every owner in generation order (its own index plus, per
//   other owner, how many of that owner's keys are smaller): the id the
//   1-worker search gives it. The owner records the parent link, keeps the
//   state for the next level and checks the properties on it.
// Where the search must stop inside a chunk, the calling thread decides
// from what every thread found, and each thread takes back what it counted
// for the states expanded after the stop (takeBack).
import { type Model, type Property, labelOf } from './model.js';
import { CTL, MAX_PARTS, RES, f64, i32, u16, u32, type Growable, type SharedBuffers } from './parallel-shared.js';
import { Findings, spareTopBit, takeBackExpansion } from './search-parts.js';
import { RECENT_BYTES, recentStates, type RecentStates } from './recent-states.js';
import { Coverage } from './stats.js';
import { LevelLists } from './level-lists.js';
import { BudgetExceeded, HASH_BITS, StateTable, grown, hasherFor } from './store.js';
import { WordStepper } from './step.js';

/** Uint32s of a record before the state's words: hash, parent id, action index. */
const REC_HEAD = 3;
/** A merged candidate is its source thread (4 bits: MAX_PARTS) and its record's index there. */
const SOURCE_BITS = 4;
/** Int32s of a block's record: the thread that expanded it, then where its candidates for each owner start, and end. */
const BLOCK_STRIDE = 1 + 2 * MAX_PARTS;
/** Hash bits the sort orders by at most (batch.ts). */
const MAX_SORT_BITS = 16;
/** Expanded states between two looks at the views' integrity (as search.ts). */
const VERIFY_EVERY = 1024;

/** The owner of a state with hash `h` among `parts` threads. */
export function ownerOf(h: number, parts: number): number {
  return (parts & (parts - 1)) === 0 ? h & (parts - 1) : h % parts;
}

/** Ids per block of a chunk: small enough that the threads end the expand phase close together, large enough to keep siblings together. */
function blockIds(from: number, to: number, parts: number): number {
  return Math.max(64, Math.min(4096, Math.ceil((to - from) / (16 * parts))));
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
  /** States this thread has given ids to, in all (its link lists' length). */
  linked = 0;
  private readonly W: number;
  private readonly R: number;
  private readonly hashOf: (src: Uint32Array, at: number) => number;
  private readonly checked: S;
  private readonly findings: Findings<S>;
  /** Every thread's states of the level being expanded and of the next. */
  private readonly levels: LevelLists;
  /** The chunk's blocks, and this thread's: ids [mineFrom[k], mineTo[k]) (to the state whose expansion threw). */
  private readonly blocks: Growable<Int32Array>;
  private blockCount = 0;
  private mine = 0;
  private mineFrom = new Int32Array(64);
  private mineTo = new Int32Array(64);
  /** Where the chunk's new states start in this thread's list of the next level. */
  private nextFrom = 0;
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
  private readonly out: Growable<Uint32Array>[][];
  private readonly keys: Growable<Float64Array>[];
  private readonly linkId: Growable<Int32Array>;
  private readonly linkParent: Growable<Int32Array>;
  private readonly linkAction: Growable<Uint16Array>;
  private readonly dumpBuffer: Growable<Uint32Array>;
  // resolve()'s candidates in generation order (source << SOURCE_BITS | index), which were new, and the sort's records.
  private order = new Int32Array(1024);
  private merged = 0;
  private fresh = new Uint8Array(1024);
  private sorted: Uint32Array;
  private readonly buckets = new Int32Array(1 << MAX_SORT_BITS);
  /** The sources' records as resolve() read them. */
  private sources: Uint32Array[] = [];
  /** The candidates this thread owns, recently seen in generation order (resolve()). */
  private readonly ownRecent: RecentStates;

  constructor(
    private readonly model: Model<S, A>,
    readonly me: number,
    parts: number,
    buffers: SharedBuffers,
    props: readonly Property<S>[],
    /** This thread's share of the memory budget (its table and link lists). */
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
    this.levels = new LevelLists(buffers, me, W);
    this.sorted = new Uint32Array(1024 * (W + 2));
    this.ctl = new Int32Array(buffers.ctl);
    this.counts = new Int32Array(buffers.counts);
    this.hits = new Int32Array(buffers.hits);
    this.sharedFound = new Int32Array(buffers.found);
    this.generatedOut = new Float64Array(buffers.generated);
    this.tableBytesOut = new Float64Array(buffers.tableBytes);
    this.failedWords = new Uint32Array(buffers.failedWords);
    this.out = buffers.out.map((row) => row.map(u32));
    this.keys = buffers.keys.map(f64);
    this.linkId = i32(buffers.linkId[me]);
    this.linkParent = i32(buffers.linkParent[me]);
    this.linkAction = u16(buffers.linkAction[me]);
    this.dumpBuffer = u32(buffers.dump);
    this.blocks = i32(buffers.blocks);
    this.table = new StateTable(W, 1024, (extra) => this.allowGrowth(extra), {
      spareTopBit: spareTopBit(model.layout),
      cacheBytes: maxBytes / 16,
    });
    this.ownRecent = recentStates(W, RECENT_BYTES, spareTopBit(model.layout));
  }

  private allowGrowth(extra: number): void {
    if (this.table.bytes + extra + this.linkBytes > this.maxBytes) throw new BudgetExceeded('memory budget');
  }

  private get linkBytes(): number {
    return this.linkId.bytes + this.linkParent.bytes + this.linkAction.bytes;
  }

  /** Bytes of this thread's table and link lists. */
  get bytes(): number {
    return this.table.bytes + this.linkBytes;
  }

  private res(field: number, value: number): void {
    this.ctl[CTL.result + 16 * this.me + field] = value;
  }

  /** Store an initial state (the calling thread, before any chunk): its id, or -1 if it is a repeat. */
  addInitial(words: Uint32Array, index: number): number {
    if (!this.table.add(words, 0, this.hashOf(words, 0))) return -1;
    const id = this.linked;
    this.appendLink(id, -1, index);
    this.levels.append(words, 0, id, true);
    return id;
  }

  /** The leader, before a chunk's expand phase: room for its blocks, the first of which is the next to take. */
  prepareChunk(from: number, to: number): void {
    this.blocks.ensure(Math.ceil((to - from) / blockIds(from, to, this.parts)) * BLOCK_STRIDE);
    Atomics.store(this.ctl, CTL.nextBlock, 0);
  }

  /**
   * Expand states of the chunk [from, to) (after starting the next level, if
   * `newLevel`) into the owners' candidates: blocks of consecutive ids, taken
   * in turn by whichever thread is free, so the threads end the phase
   * together. Within a block, states expanded one after the other are
   * siblings, as in the 1-worker search, and the cache of recent states
   * catches the successors they share. The blocks' records say which thread
   * expanded each, and where its candidates for each owner are.
   */
  expand(from: number, to: number, newLevel: boolean): void {
    if (newLevel) this.levels.startLevel();
    const { W, R, st, model, levels, ctl, me } = this;
    const parts = this.parts;
    const mask = (parts & (parts - 1)) === 0 ? parts - 1 : -1;
    const outs = this.out[me];
    const views = outs.map((g) => g.view);
    const n = new Int32Array(parts);
    const nxt = st.nxt;
    const nxtRead = st.nxtRead;
    const within = model.within;
    const hashOf = this.hashOf;
    const table = this.table;
    const coverage = this.coverage;
    const size = blockIds(from, to, parts);
    const blockCount = Math.ceil((to - from) / size);
    const blocks = this.blocks.refresh();
    this.blockCount = blockCount;
    this.mine = 0;
    let failedAt = -1;
    while (failedAt < 0) {
      const b = Atomics.add(ctl, CTL.nextBlock, 1);
      if (b >= blockCount) break;
      const first = from + b * size;
      let end = Math.min(to, first + size);
      const rec = b * BLOCK_STRIDE;
      blocks[rec] = me;
      for (let o = 0; o < parts; o++) blocks[rec + 1 + o] = n[o];
      levels.seek(first, end);
      while (levels.next()) {
        const id = levels.id;
        try {
          st.load(levels.buf, levels.at);
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
          for (let q = 0; q < W; q++) this.failedWords[me * W + q] = levels.buf[levels.at + q];
          break;
        }
        if (++this.sinceVerify === VERIFY_EVERY) {
          this.sinceVerify = 0;
          st.verify();
        }
      }
      for (let o = 0; o < parts; o++) blocks[rec + 1 + MAX_PARTS + o] = n[o];
      if (this.mine === this.mineFrom.length) {
        this.mineFrom = grown(this.mineFrom);
        this.mineTo = grown(this.mineTo);
      }
      this.mineFrom[this.mine] = first;
      this.mineTo[this.mine++] = end;
    }
    for (let o = 0; o < parts; o++) this.counts[MAX_PARTS * me + o] = n[o];
    this.res(RES.failedAt, failedAt);
    this.generatedOut[8 * me] = this.generated;
  }

  /** This thread's share of the ids [from, to): the me-th of `parts` consecutive, equal ones (the depth-bound probe). */
  private share(from: number, to: number): [number, number] {
    const len = to - from;
    return [from + Math.floor((len * this.me) / this.parts), from + Math.floor((len * (this.me + 1)) / this.parts)];
  }

  /**
   * Merge the candidates sent to this thread by states before `cut` into
   * generation order, look them up in hash order, adding the new ones, and
   * publish the new ones' keys. Sets RES.overBudget when the table could not
   * grow within this thread's share of the memory budget.
   */
  resolve(cut: number): void {
    const { W, R } = this;
    const me = this.me;
    const parts = this.parts;
    const sources: Uint32Array[] = [];
    const lens = new Int32Array(parts);
    let total = 0;
    for (let t = 0; t < parts; t++) {
      sources.push(this.out[t][me].refresh());
      lens[t] = this.counts[MAX_PARTS * t + me];
      total += lens[t];
    }
    this.sources = sources;
    if (total > this.order.length) {
      const cap = Math.ceil(total * 1.25);
      this.order = new Int32Array(cap);
      this.fresh = new Uint8Array(cap);
      this.sorted = new Uint32Array(cap * (W + 2));
    }
    // Generation order: the blocks in order, each block's records in the
    // order they were generated (up to the state whose expansion threw). In that order, a candidate this thread's cache of
    // recent states holds is stored or an earlier candidate
    // (recent-states.ts): it is dropped, as the 1-worker search drops it
    // (a sender's cache does not see the other senders' successors). The
    // sort's bucket counts are taken here too (batch.ts's counting sort, on
    // the top bits of the hash).
    const order = this.order;
    const { buckets, sorted, fresh } = this;
    const seen = this.ownRecent.seenElseCache;
    const bits = Math.min(MAX_SORT_BITS, Math.max(8, Math.ceil(Math.log2(total + 1)) - 4));
    const shift = HASH_BITS - bits;
    buckets.fill(0, 0, 1 << bits);
    const blocks = this.blocks.refresh();
    const taken = Math.min(this.ctl[CTL.nextBlock], this.blockCount);
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
    this.merged = n;
    const r = W + 2;
    for (let b = 0, sum = 0; b < 1 << bits; b++) {
      const c = buckets[b];
      buckets[b] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const c = order[j];
      const src = sources[c & 15];
      const at = (c >>> SOURCE_BITS) * R;
      const h = src[at];
      const d = buckets[h >>> shift]++ * r;
      sorted[d] = h;
      sorted[d + 1] = j;
      for (let q = 0; q < W; q++) sorted[d + 2 + q] = src[at + REC_HEAD + q];
    }
    try {
      const table = this.table;
      for (let s = 0; s < n * r; s += r) fresh[sorted[s + 1]] = table.add(sorted, s + 2, sorted[s]) ? 1 : 0;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.res(RES.overBudget, 1);
      return;
    }
    const keys = this.keys[me].ensure(n);
    let f = 0;
    for (let j = 0; j < n; j++) {
      if (fresh[j] === 0) continue;
      const c = order[j];
      const at = (c >>> SOURCE_BITS) * R;
      const src = sources[c & 15];
      keys[f++] = src[at + 1] * 65536 + src[at + 2];
    }
    this.res(RES.fresh, f);
    this.res(RES.overBudget, 0);
    this.tableBytesOut[8 * me] = this.bytes;
  }

  /**
   * Give this thread's new states of the chunk their ids, from `base` on (no
   * id from `maxStates` on: the first such is RES.pastBudget), record their
   * links, keep them for the next level and check the properties still
   * undecided (the shared `found`) on them: the first hit of each in
   * `hits`, the first check that threw in RES.checkFailedAt (no check
   * after it).
   */
  link(base: number, maxStates: number): void {
    const { W, R, me, parts } = this;
    const fresh = this.fresh;
    const order = this.order;
    const sources = this.sources;
    const mine = this.keys[me].view;
    const others: Float64Array[] = [];
    const otherN: number[] = [];
    for (let o = 0; o < parts; o++) {
      if (o === me) continue;
      others.push(this.keys[o].refresh());
      otherN.push(this.ctl[CTL.result + 16 * o + RES.fresh]);
    }
    const ptr = new Int32Array(others.length);
    const findings = this.findings;
    const found = findings.found;
    const nProps = found.length;
    findings.undecided = 0;
    for (let p = 0; p < nProps; p++) {
      const at = this.sharedFound[p];
      found[p] = at >= 0 ? at : undefined;
      if (at < 0) findings.undecided++;
    }
    const freshN = this.ctl[CTL.result + 16 * me + RES.fresh];
    const linkId = this.linkId.ensure(this.linked + freshN);
    const linkParent = this.linkParent.ensure(this.linked + freshN);
    const linkAction = this.linkAction.ensure(this.linked + freshN);
    const nxt = this.st.nxt;
    let linked = this.linked;
    let checkFailedAt = -1;
    let pastBudget = -1;
    let pastBudgetParent = -1;
    this.nextFrom = this.levels.nextLength;
    for (let j = 0, f = 0; j < this.merged; j++) {
      if (fresh[j] === 0) continue;
      const key = mine[f];
      let rank = f++;
      for (let o = 0; o < others.length; o++) {
        const keys = others[o];
        let q = ptr[o];
        while (q < otherN[o] && keys[q] < key) q++;
        ptr[o] = q;
        rank += q;
      }
      const id = base + rank;
      const c = order[j];
      const src = sources[c & 15];
      const at = (c >>> SOURCE_BITS) * R;
      const parent = src[at + 1];
      if (id >= maxStates) {
        pastBudget = id;
        pastBudgetParent = parent;
        break;
      }
      const action = src[at + 2];
      if (action > 65535) throw new RangeError(`action index ${action} above 65535`);
      linkId[linked] = id;
      linkParent[linked] = parent;
      linkAction[linked] = action;
      linked++;
      this.levels.append(src, at + REC_HEAD, id);
      if (findings.undecided > 0 && checkFailedAt < 0) {
        for (let q = 0; q < W; q++) nxt[q] = src[at + REC_HEAD + q];
        try {
          findings.check(this.checked, id);
        } catch {
          checkFailedAt = id;
        }
      }
    }
    this.linked = linked;
    for (let p = 0; p < nProps; p++) this.hits[me * nProps + p] = this.sharedFound[p] < 0 ? (found[p] ?? -1) : -1;
    this.res(RES.checkFailedAt, checkFailedAt);
    this.res(RES.pastBudget, pastBudget);
    this.res(RES.pastBudgetParent, pastBudgetParent);
    this.res(RES.linked, linked);
    this.tableBytesOut[8 * me] = this.bytes;
  }

  /** Take back what expanding this thread's states of the chunk after state `after` counted. */
  takeBack(after: number): void {
    const levels = this.levels;
    for (let k = 0; k < this.mine; k++) {
      levels.seek(Math.max(this.mineFrom[k], after + 1), this.mineTo[k]);
      while (levels.next()) takeBackExpansion(this.model, this.st, levels.buf, levels.at, this, this.coverage);
    }
    this.generatedOut[8 * this.me] = this.generated;
  }

  /** The depth-bound probe: send every successor of this thread's share of the level [from, to) (started now if `newLevel`) to its owner, uncounted. */
  probeExpand(from: number, to: number, newLevel: boolean): void {
    if (newLevel) this.levels.startLevel();
    const { W, R, st, model, levels } = this;
    const outs = this.out[this.me];
    const n = new Int32Array(this.parts);
    const acts: A[] = [];
    levels.seek(...this.share(from, to));
    while (levels.next()) {
      st.load(levels.buf, levels.at);
      st.actions(acts);
      for (const a of acts) {
        if (!st.step(a)) continue;
        if (model.within && !model.within(st.nxtRead)) continue;
        const h = this.hashOf(st.nxt, 0);
        const o = ownerOf(h, this.parts);
        const v = outs[o].ensure((n[o] + 1) * R);
        const at = n[o]++ * R;
        v[at] = h;
        for (let q = 0; q < W; q++) v[at + REC_HEAD + q] = st.nxt[q];
      }
    }
    for (let o = 0; o < this.parts; o++) this.counts[MAX_PARTS * this.me + o] = n[o];
  }

  /** Is some successor the probe sent here not stored? (RES.probeNew) */
  probeResolve(): void {
    let unseen = 0;
    for (let t = 0; t < this.parts && !unseen; t++) {
      const v = this.out[t][this.me].refresh();
      for (let j = 0, n = this.counts[MAX_PARTS * t + this.me]; j < n; j++) {
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
   * to them through out[0][o] (adopt()); this thread keeps its own. The
   * level lists need no split: any thread reads any list.
   */
  handOff(parts: number, maxBytes: number): void {
    const { W, R } = this;
    const outs = this.out[0];
    const n = new Int32Array(parts);
    const states = this.table.states();
    this.maxBytes = maxBytes;
    this.table.clear(states.length / W / parts);
    for (let at = 0; at < states.length; at += W) {
      const h = this.hashOf(states, at);
      const o = ownerOf(h, parts);
      if (o === 0) {
        this.table.add(states, at, h);
        continue;
      }
      const v = outs[o].ensure((n[o] + 1) * R);
      const to = n[o]++ * R;
      v[to] = h;
      for (let q = 0; q < W; q++) v[to + REC_HEAD + q] = states[at + q];
    }
    for (let o = 0; o < parts; o++) this.counts[o] = n[o];
    this.parts = parts;
    this.tableBytesOut[0] = this.bytes;
  }

  /** A worker, at the handoff: take the states the calling thread sent; the level being expanded has parity `parity`. */
  adopt(parity: number): void {
    const R = this.R;
    const v = this.out[0][this.me].refresh();
    for (let j = 0, n = this.counts[this.me]; j < n; j++) this.table.add(v, j * R + REC_HEAD, v[j * R]);
    this.levels.join(parity);
    this.tableBytesOut[8 * this.me] = this.bytes;
  }

  /** The parity of the level being expanded (for the workers, at the handoff). */
  get levelParity(): number {
    return this.levels.levelParity;
  }

  /** Write the words of this thread's new states of the chunk to the dump, at (id - base) * words. */
  dump(base: number): void {
    const W = this.W;
    const d = this.dumpBuffer.refresh();
    for (let k = this.nextFrom; k < this.levels.nextLength; k++) {
      const id = this.levels.nextState(k, this.st.nxt, 0);
      for (let q = 0; q < W; q++) d[(id - base) * W + q] = this.st.nxt[q];
    }
  }

  private appendLink(id: number, parent: number, action: number): void {
    this.linkId.ensure(this.linked + 1)[this.linked] = id;
    this.linkParent.ensure(this.linked + 1)[this.linked] = parent;
    this.linkAction.ensure(this.linked + 1)[this.linked] = action;
    this.linked++;
    this.res(RES.linked, this.linked);
  }
}
