// The state table's compiled lookups against a plain Map, on random packed
// states of 1 to 5 words, as a set (with and without the spare-top-bit flag),
// with ids, and storing only some parts (as a parallel worker does); and the
// compiled hash against a plain loop.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { PARTS, StateTable, hasherFor, partOf } from '../../checker/store.js';

/** The hash as a plain loop: the reference for hasherFor. */
function hashWords(src: Uint32Array, at: number, n: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ src[at + i], 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 2;
}

const keyOf = (a: Uint32Array, at: number, w: number): string => Array.from(a.subarray(at, at + w)).join(',');

/** Random states: `words` words each, drawn from a small pool so that duplicates are common. */
const states = (words: number, topBitFree: boolean) =>
  fc.array(
    fc.array(fc.integer({ min: 0, max: topBitFree ? 0x7fffffff : 0xffffffff }).map((v) => v % 5 === 0 ? v : v & 7), { minLength: words, maxLength: words }),
    { minLength: 1, maxLength: 3000 },
  );

describe('StateTable', () => {
  const oddParts = [...Array(PARTS).keys()].filter((p) => p % 2 === 1);
  for (const variant of [
    { ids: false, spareTopBit: true },
    { ids: false, spareTopBit: false },
    { ids: true, spareTopBit: false },
    { ids: true, spareTopBit: false, parts: oddParts },
  ]) {
    test.prop([fc.integer({ min: 1, max: 5 }).chain((w) => fc.tuple(fc.constant(w), states(w, variant.spareTopBit)))], { numRuns: 60 })(
      `findOrAdd, has and cached agree with a Map (${variant.ids ? 'ids' : variant.spareTopBit ? 'set, flag bit' : 'set'}${variant.parts ? ', odd parts only' : ''})`,
      ([w, list]) => {
        const table = new StateTable(w, 16, () => {}, { ...variant, cacheBytes: 4096 });
        const seen = new Map<string, number>();
        const buf = new Uint32Array(w);
        list.forEach((words, n) => {
          buf.set(words);
          const h = hasherFor(w)(buf, 0);
          if (variant.parts && partOf(h) % 2 === 0) return; // another worker's state
          const k = keyOf(buf, 0, w);
          const before = seen.get(k);
          expect(table.has(buf, 0, h)).toBe(before !== undefined);
          // The recent-lookups cache never claims a state the table lacks, and holds the one just looked up.
          const c = table.cached(buf, 0, h);
          if (before === undefined) expect(c).toBe(-1);
          else if (c >= 0) expect(c).toBe(variant.ids ? before : 0);
          const r = table.findOrAdd(buf, 0, h, n);
          if (before === undefined) {
            expect(r).toBe(-1);
            seen.set(k, n);
          } else expect(r).toBe(variant.ids ? before : 0);
          expect(table.cached(buf, 0, h)).toBe(variant.ids ? seen.get(k) : 0);
          expect(table.size).toBe(seen.size);
        });
        for (const [k, id] of seen) {
          buf.set(k.split(',').map(Number));
          expect(table.findOrAdd(buf, 0, hasherFor(w)(buf, 0), 999_999)).toBe(variant.ids ? id : 0);
        }
      },
    );
  }
});

describe('hasherFor', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 9 }), fc.nat(3)])(
    'gives the hash of the plain loop for every word count and offset',
    (words, at) => {
      const buf = new Uint32Array(at + words.length);
      buf.set(words, at);
      expect(hasherFor(words.length)(buf, at)).toBe(hashWords(buf, at, words.length));
    },
  );
});
