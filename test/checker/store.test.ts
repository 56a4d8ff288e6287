// The state table's compiled lookups against a plain Set, on random packed
// states of 1 to 5 words, with and without the spare-top-bit flag; and the
// compiled hash against a plain loop.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { StateTable, hasherFor } from '../../checker/store.js';

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
  for (const spareTopBit of [true, false]) {
    test.prop([fc.integer({ min: 1, max: 5 }).chain((w) => fc.tuple(fc.constant(w), states(w, spareTopBit)))], { numRuns: 60 })(
      `add, has and seenElseCache agree with a Set (${spareTopBit ? 'flag bit' : 'mark word'})`,
      ([w, list]) => {
        const table = new StateTable(w, 16, () => {}, { spareTopBit, cacheBytes: 4096 });
        const seen = new Set<string>();
        const buf = new Uint32Array(w);
        for (const words of list) {
          buf.set(words);
          const h = hasherFor(w)(buf, 0);
          const k = keyOf(buf, 0, w);
          const before = seen.has(k);
          expect(table.has(buf, 0, h)).toBe(before);
          // The recent-lookups cache claims only states stored or given to it
          // (then the search stores them next), and holds the one just given.
          if (!before) expect(table.seenElseCache(buf, 0, h)).toBe(false);
          expect(table.add(buf, 0, h)).toBe(!before);
          if (!before) expect(table.seenElseCache(buf, 0, h)).toBe(true);
          seen.add(k);
          expect(table.size).toBe(seen.size);
        }
        for (const k of seen) {
          buf.set(k.split(',').map(Number));
          expect(table.add(buf, 0, hasherFor(w)(buf, 0))).toBe(false);
        }
        expect(table.size).toBe(seen.size);
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
