// SuccessorBatch (checker/batch.ts) against a Set: after resolve(), exactly
// the first occurrence, in generation order, of each state the store did
// not hold is fresh, and the store holds them all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuccessorBatch } from '../../checker/batch.js';
import { StateStore, hasherFor } from '../../checker/store.js';

/** States drawn from a small universe, so that a batch repeats some and the store holds some. */
function universe(words: number, size: number, spareTopBit: boolean): Uint32Array[] {
  return Array.from({ length: size }, (_, i) =>
    Uint32Array.from({ length: words }, (_, q) => {
      const w = Math.imul(i + 1, 0x9e3779b1 + 2 * q) >>> 0;
      return spareTopBit && q === words - 1 ? w & 0x7fffffff : w;
    }),
  );
}

describe('SuccessorBatch.resolve', () => {
  for (const [words, spareTopBit] of [
    [1, false],
    [2, true],
    [2, false],
    [5, true],
  ] as const) {
    it(`marks the first new occurrence of each state fresh (${words} words, ${spareTopBit ? 'flag bit' : 'mark word'})`, () => {
      const states = universe(words, 200, spareTopBit);
      const hashOf = hasherFor(words);
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.nat(199), { maxLength: 60 }),
          fc.array(fc.array(fc.nat(199), { maxLength: 12 }), { maxLength: 40 }),
          (storedFirst, parents) => {
            const store = new StateStore(words, { spareTopBit, maxStates: Infinity, maxBytes: 2 ** 30, initialCapacity: 16 });
            for (const i of storedFirst) store.insert(states[i], 0, hashOf(states[i], 0), -1, 0);
            const batch = new SuccessorBatch(words, 16);
            const pushed: number[] = [];
            parents.forEach((succ, p) => {
              for (const i of succ) {
                batch.push(states[i], 0, hashOf(states[i], 0), pushed.length % 7);
                pushed.push(i);
              }
              batch.endParent(p);
            });
            batch.resolve(store);
            const seen = new Set(storedFirst);
            const want = pushed.map((i) => (seen.has(i) ? 0 : (seen.add(i), 1)));
            expect([...batch.fresh.subarray(0, pushed.length)]).toEqual(want);
            for (const i of pushed) expect(store.has(states[i], 0, hashOf(states[i], 0))).toBe(true);
            // The candidates stay in generation order, with their actions and parents.
            expect(batch.length).toBe(pushed.length);
            pushed.forEach((i, j) => {
              expect([...batch.buf.subarray(j * words, (j + 1) * words)]).toEqual([...states[i]]);
              expect(batch.action[j]).toBe(j % 7);
            });
            expect([...batch.parentEnd.subarray(0, batch.parents)]).toEqual(
              parents.map((_, p) => parents.slice(0, p + 1).reduce((n, succ) => n + succ.length, 0)),
            );
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('grows the table while it resolves a batch larger than the table', () => {
    const store = new StateStore(2, { spareTopBit: false, maxStates: Infinity, maxBytes: 2 ** 30, initialCapacity: 16 });
    const before = store.capacity;
    const batch = new SuccessorBatch(2);
    const hashOf = hasherFor(2);
    const s = new Uint32Array(2);
    for (let i = 0; i < 100_000; i++) {
      s[0] = i;
      s[1] = i % 3;
      batch.push(s, 0, hashOf(s, 0), 0);
    }
    batch.endParent(0);
    batch.resolve(store);
    expect(store.capacity).toBeGreaterThan(before);
    expect(batch.fresh.subarray(0, 100_000).every((f) => f === 1)).toBe(true);
  });

  it('dropOpen() forgets only the candidates of the state not ended', () => {
    const batch = new SuccessorBatch(1);
    const s = Uint32Array.of(7);
    batch.push(s, 0, 1, 0);
    batch.endParent(3);
    batch.push(s, 0, 1, 1);
    batch.push(s, 0, 1, 2);
    batch.dropOpen();
    expect(batch.length).toBe(1);
    expect(batch.parents).toBe(1);
    batch.clear();
    batch.push(s, 0, 1, 0);
    batch.dropOpen();
    expect(batch.length).toBe(0);
  });
});
