// Word views (drafts on the packed words, what the search runs recipes on):
// they read what pack() wrote and write what pack() would write, for every
// kind of leaf and nesting; read-only views refuse writes; and replacing an
// element of a state array, instead of assigning its fields, is caught.
import { describe, expect, it } from 'vitest';
import { array, bool, compileLayout, int, LayoutError, oneOf, struct } from '../../checker/layout.js';
import type { Model } from '../../checker/model.js';
import { bfs } from '../../checker/search.js';
import { ModelError, Stepper, WordStepper } from '../../checker/step.js';

// Small and large structs, a struct straddling words, scalar arrays, an
// array of arrays, negative ints, enums, a zero-width field.
const shape = struct({
  flag: bool(),
  small: array(3, struct({ a: int(0, 3), b: oneOf('x', 'y', 'z') })),
  big: array(2, struct({ wide: int(-5, 1_000_000), narrow: int(0, 1), tags: array(4, int(0, 15)) })),
  grid: array(2, array(3, int(-1, 2))),
  fixed: int(7, 7),
  mode: oneOf('off', 'on', 'auto'),
});
const layout = compileLayout(shape);

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

function randomSlots(r: () => number): Int32Array {
  const n = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: T[]): T => xs[n(0, xs.length - 1)];
  const slots = new Int32Array(layout.slots);
  layout.encode(
    {
      flag: r() < 0.5,
      small: [0, 1, 2].map(() => ({ a: n(0, 3), b: pick(['x', 'y', 'z'] as const) })),
      big: [0, 1].map(() => ({ wide: n(-5, 1_000_000), narrow: n(0, 1), tags: [0, 1, 2, 3].map(() => n(0, 15)) })),
      grid: [0, 1].map(() => [0, 1, 2].map(() => n(-1, 2))),
      fixed: 7,
      mode: pick(['off', 'on', 'auto'] as const),
    },
    slots,
  );
  return slots;
}

describe('word views', () => {
  it('read what pack() wrote and write what pack() would write', () => {
    const r = random(7);
    const words = new Uint32Array(layout.words);
    const expected = new Uint32Array(layout.words);
    const w = layout.wordView(words);
    for (let n = 0; n < 500; n++) {
      const slots = randomSlots(r);
      layout.pack(slots, words, 0);
      expect(JSON.parse(JSON.stringify(viewToPlain(w)))).toEqual(layout.decode(slots));
      const v = layout.view(slots);
      const f = Math.floor(r() * 2);
      const value = -5 + Math.floor(r() * 1_000_006);
      v.big[f].wide = value;
      w.big[f].wide = value;
      v.grid[1][2] = 2;
      w.grid[1][2] = 2;
      v.small[2].b = 'z';
      w.small[2].b = 'z';
      v.mode = 'auto';
      w.mode = 'auto';
      v.flag = !v.flag;
      w.flag = !w.flag;
      layout.pack(slots, expected, 0);
      expect(Array.from(words)).toEqual(Array.from(expected));
    }
  });

  it('check writes like slot views, and read-only views refuse them', () => {
    const words = new Uint32Array(layout.words);
    const w = layout.wordView(words);
    expect(() => (w.big[0].wide = 1_000_001)).toThrow(LayoutError);
    expect(() => ((w as any).mode = 'sideways')).toThrow(/state field mode: cannot store "sideways"/);
    expect(() => (w.grid[0][1] = 3)).toThrow(/grid\[0\]\[1\]/);
    // Every bad value is refused with the slot view's own message, and nothing is written.
    const v = layout.view(new Int32Array(layout.slots));
    const bad: [(s: typeof w) => void, string][] = [
      [(s) => (s.big[1].wide = 1.5), 'big[1].wide'],
      [(s) => (s.big[1].wide = Number.NaN), 'big[1].wide'],
      [(s) => ((s as any).big[1].wide = '3'), 'big[1].wide'],
      [(s) => (s.grid[1][0] = -2), 'grid[1][0]'],
      [(s) => ((s as any).flag = 1), 'flag'],
      [(s) => ((s as any).small[0].b = undefined), 'small[0].b'],
    ];
    for (const [write, path] of bad) {
      const before = Array.from(words);
      let message = '';
      try {
        write(v);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain(`state field ${path}: cannot store`);
      expect(() => write(w)).toThrow(new LayoutError(message));
      expect(Array.from(words)).toEqual(before);
    }
    const ro = layout.wordView(words, true);
    expect(() => (ro.flag = true)).toThrow(/read-only/);
    expect(() => (ro.big[0].wide = 1.5)).toThrow(/big\[0\]\.wide.*read-only/);
    expect(() => (ro.small[1].a = 1)).toThrow(/small\[1\]\.a.*read-only/);
  });
});

describe('replacing an element of a state array is caught', () => {
  const tiny = struct({ cells: array(2, struct({ v: int(0, 3) })) });
  type T = { cells: { v: number }[] };
  const model = (next: Model<T, string>['next'], actions: Model<T, string>['actions'] = (_, out) => void out.push('go')): Model<T, string> => ({
    name: 'tiny',
    layout: compileLayout(tiny),
    initialStates: () => [{ cells: [{ v: 0 }, { v: 0 }] }],
    actions,
    next,
    properties: [],
    describe: (a) => a,
  });
  const replaces = model((d) => {
    if (d.cells[0].v === 0) d.cells[0] = { v: 1 };
    else return false;
  });

  it('by the slot stepper, at the step', () => {
    const st = new Stepper(replaces);
    expect(() => st.step('go')).toThrow(ModelError);
  });

  it('by the search, before it reports anything', () => {
    expect(() => bfs(replaces, { keepGoing: true })).toThrow(/element of a state array was replaced/);
  });

  it('also when actions() reorders an array of the read-only state', () => {
    const sorts = model(
      (d) => {
        if (d.cells[1].v < 3) d.cells[1].v++;
        else return false;
      },
      (s, out) => {
        s.cells.reverse();
        out.push('go');
      },
    );
    const ws = new WordStepper(sorts);
    ws.actions([]);
    expect(() => ws.verify()).toThrow(ModelError);
  });
});

function viewToPlain(v: any): unknown {
  return {
    flag: v.flag,
    small: v.small.map((s: any) => ({ a: s.a, b: s.b })),
    big: v.big.map((b: any) => ({ wide: b.wide, narrow: b.narrow, tags: [...b.tags] })),
    grid: v.grid.map((g: any) => [...g]),
    fixed: v.fixed,
    mode: v.mode,
  };
}
