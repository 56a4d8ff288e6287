// pinbench: the fixed page-pinning model of bench/pinbench.md, for
// measuring the checker against SPIN (pinbench.pml is the same model in
// Promela). Written as recipes on a draft, exactly like the kernel models, and
// explored by the same bfs(). It is a benchmark, not a claim about any kernel.
import { compiledModel, loadCompiled } from '../checker/compiled.js';
import { array, bool, compileLayout, int, struct, type Infer } from '../checker/layout.js';
import type { Model, Property } from '../checker/model.js';

const FRAMES = 3;
const MAXREF = 7;
const MAXMAP = 3;
const MAXPIN = 3;
const VALUES = 4;
const NONE = -1;

const shape = struct({
  forked: bool(),
  frames: array(FRAMES, struct({ ref: int(0, MAXREF), map: int(0, MAXMAP), pin: int(0, MAXPIN), ax: bool(), data: int(0, VALUES - 1) })),
  // PTE i = 2 * p + v; fr = NONE or a frame number.
  ptes: array(4, struct({ fr: int(NONE, FRAMES - 1), w: bool() })),
});
export type PinbenchState = Infer<typeof shape>;

export type PinbenchAction =
  | { readonly kind: 'readFault' | 'writeFault' | 'writeData' | 'pin' | 'munmap'; readonly pte: number }
  | { readonly kind: 'unpin'; readonly frame: number }
  | { readonly kind: 'fork' };

// Actions are interned: the enabled list holds shared objects, in the fixed
// order of the .pml file (per PTE: fault, fault, reuse/copy, write, pin, munmap).
const PTE_ACTIONS = (['readFault', 'writeFault', 'writeData', 'pin', 'munmap'] as const).map((kind) =>
  [0, 1, 2, 3].map((pte) => ({ kind, pte }) as PinbenchAction),
);
const UNPIN = [0, 1, 2].map((frame) => ({ kind: 'unpin', frame }) as PinbenchAction);
const FORK: PinbenchAction = { kind: 'fork' };
const [READ_FAULT, WRITE_FAULT, WRITE_DATA, PIN, MUNMAP] = PTE_ACTIONS;

function alloc(s: Readonly<PinbenchState>): number {
  for (let f = 0; f < FRAMES; f++) if (s.frames[f].ref === 0) return f;
  return NONE;
}

function live(s: Readonly<PinbenchState>, pte: number): boolean {
  return pte < 2 || s.forked;
}

function fresh(d: PinbenchState, g: number, data: number): void {
  const fr = d.frames[g];
  fr.ref = 1;
  fr.map = 1;
  fr.pin = 0;
  fr.ax = true;
  fr.data = data;
}

function dropRef(d: PinbenchState, f: number): void {
  const fr = d.frames[f];
  fr.ref--;
  if (fr.ref === 0) {
    fr.map = 0;
    fr.pin = 0;
    fr.ax = false;
    fr.data = 0;
  }
}

function forkOk(s: Readonly<PinbenchState>, v: number): boolean {
  const f = s.ptes[v].fr;
  return f === NONE || (s.frames[f].ref < MAXREF && s.frames[f].map < MAXMAP);
}

const invariants: Property<PinbenchState>[] = [
  {
    name: 'ref-is-map-plus-pin',
    kind: 'always',
    doc: 'ref[f] == map[f] + pin[f]',
    holds: (s) => s.frames.every((f) => f.ref === f.map + f.pin),
  },
  {
    name: 'map-counts-ptes',
    kind: 'always',
    doc: 'map[f] equals the number of PTEs that point at f',
    holds: (s) => {
      for (let f = 0; f < FRAMES; f++) {
        let n = 0;
        for (const p of s.ptes) if (p.fr === f) n++;
        if (s.frames[f].map !== n) return false;
      }
      return true;
    },
  },
  {
    name: 'writable-is-exclusive',
    kind: 'always',
    doc: 'a writable PTE points at a frame with map == 1 and ax == 1',
    holds: (s) => s.ptes.every((p) => !p.w || (p.fr !== NONE && s.frames[p.fr].map === 1 && s.frames[p.fr].ax)),
  },
];

const layout = compileLayout(shape);

export const pinbench: Model<PinbenchState, PinbenchAction> = {
  name: 'pinbench',
  layout,
  // The same recipes compiled to word operations by the build (tools/recipe-compiler).
  compiled: compiledModel(await loadCompiled('pinbench'), 'pinbench', layout),
  initialStates: () => [
    {
      forked: false,
      frames: Array.from({ length: FRAMES }, () => ({ ref: 0, map: 0, pin: 0, ax: false, data: 0 })),
      ptes: Array.from({ length: 4 }, () => ({ fr: NONE, w: false })),
    },
  ],
  actions(s, out) {
    const g = alloc(s);
    for (let i = 0; i < 4; i++) {
      if (!live(s, i)) continue;
      const p = s.ptes[i];
      if (p.fr === NONE) {
        if (g !== NONE) out.push(READ_FAULT[i], WRITE_FAULT[i]);
        continue;
      }
      const fr = s.frames[p.fr];
      if (!p.w && (fr.ref === 1 || g !== NONE)) out.push(WRITE_FAULT[i]);
      if (p.w) out.push(WRITE_DATA[i]);
      if (fr.pin < MAXPIN && fr.ref < MAXREF) out.push(PIN[i]);
      out.push(MUNMAP[i]);
    }
    for (let f = 0; f < FRAMES; f++) if (s.frames[f].pin > 0) out.push(UNPIN[f]);
    if (!s.forked && forkOk(s, 0) && forkOk(s, 1)) out.push(FORK);
  },
  next(d, a) {
    switch (a.kind) {
      case 'readFault':
      case 'writeFault': {
        const p = d.ptes[a.pte];
        if (p.fr === NONE) {
          const g = alloc(d);
          fresh(d, g, 0);
          p.fr = g;
          p.w = a.kind === 'writeFault';
          return;
        }
        const f = p.fr;
        if (d.frames[f].ref === 1) {
          d.frames[f].ax = true; // reuse
        } else {
          const g = alloc(d); // copy
          fresh(d, g, d.frames[f].data);
          d.frames[f].ref--;
          d.frames[f].map--;
          p.fr = g;
        }
        p.w = true;
        return;
      }
      case 'writeData': {
        const fr = d.frames[d.ptes[a.pte].fr];
        fr.data = (fr.data + 1) % VALUES;
        return;
      }
      case 'pin': {
        const fr = d.frames[d.ptes[a.pte].fr];
        fr.ref++;
        fr.pin++;
        return;
      }
      case 'munmap': {
        const p = d.ptes[a.pte];
        const f = p.fr;
        d.frames[f].map--;
        dropRef(d, f);
        p.fr = NONE;
        p.w = false;
        return;
      }
      case 'unpin':
        d.frames[a.frame].pin--;
        dropRef(d, a.frame);
        return;
      case 'fork':
        d.forked = true;
        for (let v = 0; v < 2; v++) {
          const parent = d.ptes[v];
          const child = d.ptes[2 + v];
          child.fr = parent.fr;
          child.w = false;
          if (parent.fr !== NONE) {
            const fr = d.frames[parent.fr];
            fr.ref++;
            fr.map++;
            fr.ax = false;
            parent.w = false;
          }
        }
        return;
    }
  },
  properties: invariants,
  describe: (a) => (a.kind === 'fork' ? 'fork' : a.kind === 'unpin' ? `unpin(f${a.frame})` : `${a.kind}(P${a.pte >> 1}, v${a.pte & 1})`),
  label: (a) => a.kind,
};
