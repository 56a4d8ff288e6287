// pinbench written by hand on its packed words: the "flat bytes end to end"
// row of pinbench.md's figures, run by `npm run bench` next to the checker as
// a reference, never by the checker. It explores the same state graph as
// bench/pinbench.ts with the same loop, store and encoding as the 1-worker
// search (checker/search.ts): the only difference is that the enabled
// actions, the recipes and the properties are functions on two numbers
// instead of recipes on word views. The gap between the two rows is what the
// views cost (issue 7: the recipes must run at near flat-bytes speed).
//
// The encoding is the one compileLayout gives pinbench's shape:
//   word 0: bit 0 forked; frame f from bit 1 + 10f: ref 3 bits, map 2,
//           pin 2, ax 1, data 2
//   word 1: PTE i from bit 3i: fr + 1 (2 bits, 0 = none), w 1 bit
// Action codes: PTE i: 0+i readFault, 4+i writeFault, 8+i writeData,
// 12+i pin, 16+i munmap; 20+f unpin(frame f); 23 fork.
import { SuccessorBatch } from '../../checker/batch.js';
import { StateStore, WordQueue, hasherFor } from '../../checker/store.js';

const NONE = -1;
const FORK = 23;

const field = (w: number, at: number, mask: number): number => (w >>> at) & mask;
const withField = (w: number, at: number, mask: number, v: number): number => ((w & ~(mask << at)) | (v << at)) >>> 0;

const ref = (w0: number, f: number): number => field(w0, 1 + 10 * f, 7);
const map = (w0: number, f: number): number => field(w0, 4 + 10 * f, 3);
const pin = (w0: number, f: number): number => field(w0, 6 + 10 * f, 3);
const ax = (w0: number, f: number): number => field(w0, 8 + 10 * f, 1);
const data = (w0: number, f: number): number => field(w0, 9 + 10 * f, 3);
const fr = (w1: number, i: number): number => field(w1, 3 * i, 3) - 1;
const writable = (w1: number, i: number): number => field(w1, 3 * i + 2, 1);

const setRef = (w0: number, f: number, v: number): number => withField(w0, 1 + 10 * f, 7, v);
const setMap = (w0: number, f: number, v: number): number => withField(w0, 4 + 10 * f, 3, v);
const setPin = (w0: number, f: number, v: number): number => withField(w0, 6 + 10 * f, 3, v);
const setAx = (w0: number, f: number, v: number): number => withField(w0, 8 + 10 * f, 1, v);
const setData = (w0: number, f: number, v: number): number => withField(w0, 9 + 10 * f, 3, v);
const setFr = (w1: number, i: number, f: number): number => withField(w1, 3 * i, 3, f + 1);
const setWritable = (w1: number, i: number, v: number): number => withField(w1, 3 * i + 2, 1, v);

function alloc(w0: number): number {
  for (let f = 0; f < 3; f++) if (ref(w0, f) === 0) return f;
  return NONE;
}

function fresh(w0: number, g: number, d: number): number {
  return setData(setAx(setPin(setMap(setRef(w0, g, 1), g, 1), g, 0), g, 1), g, d);
}

function dropRef(w0: number, f: number): number {
  const r = ref(w0, f) - 1;
  w0 = setRef(w0, f, r);
  return r === 0 ? setData(setAx(setPin(setMap(w0, f, 0), f, 0), f, 0), f, 0) : w0;
}

function forkOk(w0: number, w1: number, v: number): boolean {
  const f = fr(w1, v);
  return f === NONE || (ref(w0, f) < 7 && map(w0, f) < 3);
}

/** The enabled actions' codes, in pinbench.ts's order, into `out`; their number. */
function actions(w0: number, w1: number, out: Int32Array): number {
  const g = alloc(w0);
  const forked = w0 & 1;
  let m = 0;
  for (let i = 0; i < 4; i++) {
    if (i >= 2 && !forked) continue;
    const f = fr(w1, i);
    if (f === NONE) {
      if (g !== NONE) {
        out[m++] = i;
        out[m++] = 4 + i;
      }
      continue;
    }
    const w = writable(w1, i);
    const r = ref(w0, f);
    if (!w && (r === 1 || g !== NONE)) out[m++] = 4 + i;
    if (w) out[m++] = 8 + i;
    if (pin(w0, f) < 3 && r < 7) out[m++] = 12 + i;
    out[m++] = 16 + i;
  }
  for (let f = 0; f < 3; f++) if (pin(w0, f) > 0) out[m++] = 20 + f;
  if (!forked && forkOk(w0, w1, 0) && forkOk(w0, w1, 1)) out[m++] = FORK;
  return m;
}

/** The successor of (w0, w1) under action `code`, into `out`. */
function next(code: number, w0: number, w1: number, out: Uint32Array): void {
  const i = code & 3;
  if (code === FORK) {
    w0 = (w0 | 1) >>> 0;
    for (let v = 0; v < 2; v++) {
      const f = fr(w1, v);
      w1 = setWritable(setFr(w1, 2 + v, f), 2 + v, 0);
      if (f !== NONE) {
        w0 = setAx(setMap(setRef(w0, f, ref(w0, f) + 1), f, map(w0, f) + 1), f, 0);
        w1 = setWritable(w1, v, 0);
      }
    }
  } else if (code >= 20) {
    const f = code - 20;
    w0 = dropRef(setPin(w0, f, pin(w0, f) - 1), f);
  } else if (code < 8) {
    // readFault, writeFault
    const f = fr(w1, i);
    if (f === NONE) {
      const g = alloc(w0);
      w0 = fresh(w0, g, 0);
      w1 = setWritable(setFr(w1, i, g), i, code >> 2);
    } else {
      if (ref(w0, f) === 1) w0 = setAx(w0, f, 1);
      else {
        const g = alloc(w0);
        w0 = fresh(w0, g, data(w0, f));
        w0 = setMap(setRef(w0, f, ref(w0, f) - 1), f, map(w0, f) - 1);
        w1 = setFr(w1, i, g);
      }
      w1 = setWritable(w1, i, 1);
    }
  } else {
    const f = fr(w1, i);
    if (code < 12) w0 = setData(w0, f, (data(w0, f) + 1) % 4);
    else if (code < 16) w0 = setPin(setRef(w0, f, ref(w0, f) + 1), f, pin(w0, f) + 1);
    else {
      w0 = dropRef(setMap(w0, f, map(w0, f) - 1), f);
      w1 = setWritable(setFr(w1, i, NONE), i, 0);
    }
  }
  out[0] = w0;
  out[1] = w1;
}

/** The three invariants of pinbench.ts, each true or false. */
function violated(w0: number, w1: number, found: Uint8Array): void {
  for (let f = 0; f < 3; f++) if (ref(w0, f) !== map(w0, f) + pin(w0, f)) found[0] = 1;
  for (let f = 0; f < 3; f++) {
    let n = 0;
    for (let i = 0; i < 4; i++) if (fr(w1, i) === f) n++;
    if (map(w0, f) !== n) found[1] = 1;
  }
  for (let i = 0; i < 4; i++) {
    const f = fr(w1, i);
    if (writable(w1, i) && (f === NONE || map(w0, f) !== 1 || ax(w0, f) !== 1)) found[2] = 1;
  }
}

export interface FlatFigures {
  readonly distinct: number;
  readonly transitions: number;
  readonly levels: readonly number[];
  /** Per invariant, whether some state violates it (pinbench has none). */
  readonly violated: readonly boolean[];
  readonly seconds: number;
  readonly bytesPerState: number;
}

/** Explore pinbench completely, breadth-first, exactly as the 1-worker search does it. */
export function exploreFlat(): FlatFigures {
  const start = performance.now();
  const store = new StateStore(2, { spareTopBit: true, maxStates: Infinity, maxBytes: 2 ** 31 });
  const hashOf = hasherFor(2);
  const nxt = new Uint32Array(2);
  const found = new Uint8Array(3);
  // Transitions per action, as the search counts its coverage: the same work.
  const coverage = new Float64Array(24);
  store.insert(nxt, 0, hashOf(nxt, 0), -1, 0);
  violated(0, 0, found);
  let frontier = new WordQueue(2);
  let nextLevel = new WordQueue(2);
  frontier.push(nxt, 0);
  const levels = [1];
  const acts = new Int32Array(32);
  const batch = new SuccessorBatch(2);
  let transitions = 0;
  let lo = 0;
  while (frontier.length > 0) {
    const words = frontier.buf;
    const n = frontier.length;
    for (let k = 0; k < n; k++) {
      const w0 = words[2 * k];
      const w1 = words[2 * k + 1];
      const na = actions(w0, w1, acts);
      for (let a = 0; a < na; a++) {
        next(acts[a], w0, w1, nxt);
        transitions++;
        coverage[acts[a]]++;
        const h = hashOf(nxt, 0);
        if (store.seenElseCache(nxt, 0, h)) continue;
        batch.push(nxt, 0, h, a);
      }
      batch.endParent(lo + k);
      if (k === n - 1 || batch.full(store)) {
        batch.resolve(store);
        const buf = batch.buf;
        let j = 0;
        for (let p = 0; p < batch.parents; p++) {
          const parent = batch.parentId[p];
          for (const end = batch.parentEnd[p]; j < end; j++) {
            if (batch.fresh[j] === 0) continue;
            store.link(parent, batch.action[j]);
            nextLevel.push(buf, 2 * j);
            violated(buf[2 * j], buf[2 * j + 1], found);
          }
        }
        batch.clear();
      }
    }
    lo += n;
    [frontier, nextLevel] = [nextLevel, frontier];
    nextLevel.clear();
    if (frontier.length > 0) levels.push(frontier.length);
  }
  return {
    distinct: store.size,
    transitions,
    levels,
    violated: [...found].map((x) => x === 1),
    seconds: (performance.now() - start) / 1000,
    bytesPerState: store.bytesPerState(),
  };
}
