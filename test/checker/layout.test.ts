import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { array, bool, compileLayout, int, LayoutError, oneOf, struct, type Shape } from '../../checker/layout.js';

// Random layouts: structs of ints (any position and width up to 30 bits),
// bools, enums, arrays of scalars, of scalar arrays and of structs.
const scalarArb: fc.Arbitrary<Shape> = fc.oneof(
  fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.oneof(fc.nat(3), fc.nat(300), fc.nat(0x3fffffff)))
    .map(([min, width]) => int(min, min + width)),
  fc.constant(bool()),
  fc.integer({ min: 1, max: 9 }).map((n) => oneOf(...Array.from({ length: n }, (_, i) => `v${i}`))),
);
const { shape: shapeArb } = fc.letrec<{ shape: Shape; field: Shape }>((tie) => ({
  shape: fc
    .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), tie('field')), { minLength: 1, maxLength: 4, selector: ([k]) => k })
    .map((fields) => struct(Object.fromEntries(fields))),
  field: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.tuple(fc.nat(3), scalarArb).map(([n, s]) => array(n, s)),
    fc.tuple(fc.nat(2), fc.nat(3), scalarArb).map(([n, m, s]) => array(n, array(m, s))),
    fc.tuple(fc.nat(3), tie('shape')).map(([n, s]) => array(n, s)),
  ),
}));

function valueArb(shape: Shape): fc.Arbitrary<unknown> {
  switch (shape.kind) {
    case 'int':
      return fc.integer({ min: shape.min, max: shape.max });
    case 'bool':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...shape.values);
    case 'array':
      return fc.array(valueArb(shape.of), { minLength: shape.length, maxLength: shape.length });
    case 'struct':
      return fc.record(Object.fromEntries(Object.entries(shape.fields as Record<string, Shape>).map(([k, s]) => [k, valueArb(s)])));
  }
}

// Read a value through a view, into a plain object.
function readView(shape: Shape, v: any): unknown {
  if (shape.kind === 'struct') {
    return Object.fromEntries(Object.entries(shape.fields as Record<string, Shape>).map(([k, s]) => [k, readView(s, v[k])]));
  }
  if (shape.kind === 'array') return Array.from({ length: shape.length }, (_, i) => readView(shape.of, v[i]));
  return v;
}

const shapeAndValue = shapeArb.chain((shape) => fc.tuple(fc.constant(shape), valueArb(shape)));

describe('state layouts', () => {
  it('round-trip: encode then decode, pack then unpack, and views read what was encoded', () => {
    fc.assert(
      fc.property(shapeAndValue, ([shape, value]) => {
        const layout = compileLayout(shape);
        const slots = new Int32Array(layout.slots);
        layout.encode(value as never, slots);
        expect(layout.decode(slots)).toEqual(value);
        expect(readView(shape, layout.view(slots))).toEqual(value);
        const packed = new Uint32Array(layout.words + 2).fill(0xdeadbeef);
        layout.pack(slots, packed, 1);
        expect([packed[0], packed[layout.words + 1]]).toEqual([0xdeadbeef, 0xdeadbeef]);
        const back = new Int32Array(layout.slots);
        layout.unpack(packed, 1, back);
        expect(back).toEqual(slots);
      }),
      { numRuns: 300 },
    );
  });

  it('different states pack differently (the encoding is exact)', () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) => fc.tuple(fc.constant(shape), valueArb(shape), valueArb(shape))),
        ([shape, x, y]) => {
          const layout = compileLayout(shape);
          const pack = (v: unknown) => {
            const slots = new Int32Array(layout.slots);
            layout.encode(v as never, slots);
            const out = new Uint32Array(layout.words);
            layout.pack(slots, out, 0);
            return Array.from(out);
          };
          expect(JSON.stringify(pack(x)) === JSON.stringify(pack(y))).toBe(JSON.stringify(x) === JSON.stringify(y));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('packs each leaf inside one word, without overlaps, in the words it counts', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const layout = compileLayout(shape);
        expect(layout.slots).toBe(layout.leaves.length);
        const used = new Set<number>();
        let lastWord = 0;
        for (const leaf of layout.leaves) {
          const range = leaf.shape.kind === 'int' ? leaf.shape.max - leaf.shape.min : leaf.shape.kind === 'bool' ? 1 : leaf.shape.values.length - 1;
          expect(leaf.bits).toBe(range === 0 ? 0 : Math.floor(Math.log2(range)) + 1);
          expect(leaf.shift + leaf.bits).toBeLessThanOrEqual(32);
          for (let b = 0; b < leaf.bits; b++) {
            const bit = leaf.word * 32 + leaf.shift + b;
            expect(used.has(bit), `${leaf.path} overlaps`).toBe(false);
            used.add(bit);
          }
          if (leaf.bits > 0) lastWord = Math.max(lastWord, leaf.word);
        }
        expect(layout.words).toBe(lastWord + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('counts words: 32 one-bit fields fit one word, a 33rd starts another', () => {
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, bool()]));
    expect(compileLayout(struct(fields(32))).words).toBe(1);
    expect(compileLayout(struct(fields(33))).words).toBe(2);
    expect(compileLayout(struct({ a: int(0, 2 ** 30 - 1), b: int(0, 3), c: int(0, 1) })).words).toBe(2);
    expect(compileLayout(struct({ only: int(5, 5) })).words).toBe(1);
  });

  it('range-checks every write through a view, naming the field', () => {
    const layout = compileLayout(
      struct({ n: int(-2, 5), on: bool(), mode: oneOf('a', 'b'), xs: array(2, int(0, 3)), ps: array(2, struct({ q: int(0, 1) })) }),
    );
    const v = layout.view(new Int32Array(layout.slots)) as any;
    expect(() => (v.n = 6)).toThrow(new LayoutError('state field n: cannot store 6, expected an integer in -2..5'));
    expect(() => (v.n = -3)).toThrow(LayoutError);
    expect(() => (v.n = 1.5)).toThrow(LayoutError);
    expect(() => (v.on = 1)).toThrow(new LayoutError('state field on: cannot store 1, expected a boolean'));
    expect(() => (v.mode = 'c')).toThrow(new LayoutError('state field mode: cannot store "c", expected one of a|b'));
    expect(() => (v.xs[1] = 4)).toThrow(new LayoutError('state field xs[1]: cannot store 4, expected an integer in 0..3'));
    expect(() => (v.ps[1].q = 2)).toThrow(new LayoutError('state field ps[1].q: cannot store 2, expected an integer in 0..1'));
    v.n = -2;
    v.mode = 'b';
    expect([v.n, v.mode]).toEqual([-2, 'b']);
  });

  it('stores every value of an enum and refuses anything else, on both kinds of view', () => {
    // Names a lookup by comparison must not confuse: a quote, a prototype key, a number's text.
    const values = ['a', 'it\'s "x"', '__proto__', 'toString', '1', ''] as const;
    const layout = compileLayout(struct({ e: oneOf(...values), pad: int(0, 3) }));
    const slots = layout.view(new Int32Array(layout.slots)) as any;
    const words = layout.wordView(new Uint32Array(layout.words)) as any;
    for (const v of [slots, words]) {
      for (const x of values) {
        v.e = x;
        expect(v.e).toBe(x);
        expect(v.pad).toBe(0);
      }
      for (const bad of ['b', 1, null, undefined, {}, 'A']) {
        expect(() => (v.e = bad)).toThrow(`state field e: cannot store ${JSON.stringify(bad)}, expected one of ${values.join('|')}`);
      }
      expect(v.e).toBe('');
    }
  });

  it('gives equal shapes one layout (one set of view classes), and different shapes their own', () => {
    const make = (max: number) => struct({ n: int(0, max), xs: array(2, struct({ q: oneOf('a', 'b') })) });
    const a = compileLayout(make(3));
    const b = compileLayout(make(3));
    const c = compileLayout(make(4));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const view = (l: typeof a) => l.wordView(new Uint32Array(l.words)) as any;
    expect(Object.getPrototypeOf(view(b).xs[1])).toBe(Object.getPrototypeOf(view(a).xs[0]));
    expect(Object.getPrototypeOf(view(c))).not.toBe(Object.getPrototypeOf(view(a)));
    const v = view(c);
    v.n = 4;
    expect(() => (view(a).n = 4)).toThrow('expected an integer in 0..3');
    expect(v.n).toBe(4);
  });

  it('refuses fields the layout does not have, on a view and in encode', () => {
    const layout = compileLayout(struct({ n: int(0, 3), s: struct({ m: int(0, 1) }) }));
    const v = layout.view(new Int32Array(layout.slots)) as any;
    expect(() => (v.extra = 1)).toThrow(TypeError);
    expect(() => (v.s.extra = 1)).toThrow(TypeError);
    expect(() => (v.s = { m: 1 })).toThrow(TypeError);
    expect(() => layout.encode({ n: 0, s: { m: 0 }, extra: 1 } as never, new Int32Array(layout.slots))).toThrow(
      'state field extra: cannot store "extra", expected no such field in the layout',
    );
    expect(() => layout.encode({ n: 0 } as never, new Int32Array(layout.slots))).toThrow(
      'state field s: cannot store undefined, expected an object',
    );
  });

  it('rejects bad declarations with a one-line message', () => {
    expect(() => int(3, 2)).toThrow('int(3, 2): bounds must be integers with min <= max');
    expect(() => int(0, 2 ** 31)).toThrow('range wider than 30 bits');
    expect(() => oneOf('a', 'a')).toThrow('needs distinct values');
    expect(() => array(-1, bool())).toThrow('array(-1): bad length');
    expect(() => struct({ $x: bool() })).toThrow('names starting with $ are reserved');
    expect(() => compileLayout(int(0, 1) as never)).toThrow('a state layout must be a struct');
  });
});
