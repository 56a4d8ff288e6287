// A model exercising every kind of layout field: enums, bools, ints with a
// negative minimum, an array of arrays of ints, and an array of structs that
// hold a scalar array. Its recipes read and write all of them, including
// through loops and conditionals, and one action can be disabled by next().
import { array, bool, compileLayout, int, oneOf, struct, type Infer } from '../../../checker/layout.js';
import type { Model } from '../../../checker/model.js';

const shape = struct({
  mode: oneOf('idle', 'busy', 'done'),
  lights: array(3, bool()),
  grid: array(2, array(3, int(0, 3))),
  bins: array(2, struct({ tag: oneOf('a', 'b', 'c'), items: array(2, int(-1, 2)), open: bool() })),
  level: int(-2, 2),
});
export type MixedState = Infer<typeof shape>;
export type MixedAction =
  | { readonly kind: 'toggle'; readonly light: number }
  | { readonly kind: 'bump'; readonly row: number; readonly col: number }
  | { readonly kind: 'retag'; readonly bin: number }
  | { readonly kind: 'put'; readonly bin: number; readonly slot: number }
  | { readonly kind: 'cycle' }
  | { readonly kind: 'swapBins' };

export const mixed: Model<MixedState, MixedAction> = {
  name: 'mixed',
  layout: compileLayout(shape),
  initialStates: () => [
    {
      mode: 'idle',
      lights: [false, false, false],
      grid: [
        [0, 0, 0],
        [0, 0, 0],
      ],
      bins: [
        { tag: 'a', items: [-1, -1], open: false },
        { tag: 'b', items: [-1, -1], open: true },
      ],
      level: 0,
    },
  ],
  actions(s, out) {
    for (let light = 0; light < 3; light++) out.push({ kind: 'toggle', light });
    for (let row = 0; row < 2; row++) for (let col = 0; col < 3; col++) if (s.grid[row][col] < 3) out.push({ kind: 'bump', row, col });
    for (let bin = 0; bin < 2; bin++) {
      out.push({ kind: 'retag', bin });
      for (let slot = 0; slot < 2; slot++) out.push({ kind: 'put', bin, slot });
    }
    out.push({ kind: 'cycle' }, { kind: 'swapBins' });
  },
  next(d, a) {
    switch (a.kind) {
      case 'toggle':
        d.lights[a.light] = !d.lights[a.light];
        if (d.lights.length === 3 && [...d.lights].every((l) => l)) d.mode = 'done';
        return;
      case 'bump': {
        const row = d.grid[a.row];
        row[a.col]++;
        if (row[a.col] === 3) row[(a.col + 1) % 3] = 0;
        d.level = Math.max(-2, d.level - 1);
        return;
      }
      case 'retag': {
        const bin = d.bins[a.bin];
        bin.tag = bin.tag === 'a' ? 'b' : bin.tag === 'b' ? 'c' : 'a';
        bin.open = !bin.open;
        return;
      }
      case 'put': {
        const bin = d.bins[a.bin];
        if (!bin.open) return false; // disabled: only known once the recipe looks
        bin.items[a.slot] = (bin.items[a.slot] + 2) % 4 - 1;
        d.level = Math.min(2, d.level + 1);
        return;
      }
      case 'cycle':
        d.mode = d.mode === 'idle' ? 'busy' : d.mode === 'busy' ? 'done' : 'idle';
        return;
      case 'swapBins': {
        const [x, y] = d.bins;
        const t = { tag: x.tag, items: [x.items[0], x.items[1]], open: x.open };
        x.tag = y.tag;
        x.items[0] = y.items[0];
        x.items[1] = y.items[1];
        x.open = y.open;
        y.tag = t.tag;
        y.items[0] = t.items[0];
        y.items[1] = t.items[1];
        y.open = t.open;
        return;
      }
    }
  },
  properties: [{ name: 'level-in-range', kind: 'always', holds: (s) => s.level >= -2 && s.level <= 2 }],
  describe: (a) => JSON.stringify(a),
  label: (a) => a.kind,
};
