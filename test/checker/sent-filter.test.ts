// The parallel worker's sent filter drops a successor only when it is the
// very state last sent through its slot: exact, whatever the hash collisions.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { sentFilter } from '../../checker/sent-filter.js';

describe('sentFilter', () => {
  // Few distinct words and a tiny filter (16 slots), so repeats, evictions
  // and different states sharing a slot all happen.
  const state = (w: number) => fc.array(fc.integer({ min: 0, max: 3 }), { minLength: w, maxLength: w });
  for (const spareTopBit of [false, true]) {
    test.prop([
      fc.integer({ min: 1, max: 5 }).chain((w) => fc.tuple(fc.constant(w), fc.array(fc.tuple(state(w), fc.integer({ min: 0, max: 2 ** 30 - 1 })), { maxLength: 200 }))),
    ])(`says "sent before" exactly when the slot holds the same words (a model of 16 slots; ${spareTopBit ? 'flag bit' : 'mark word'})`, ([w, sends]) => {
      const f = sentFilter(w, 16 * (spareTopBit ? w : w + 1) * 4, spareTopBit);
      const slots = new Map<number, string>();
      for (const [words, hash] of sends) {
        const key = words.join(',');
        const slot = hash & 15;
        expect(f.sentBefore(Uint32Array.from(words), 0, hash)).toBe(slots.get(slot) === key);
        slots.set(slot, key);
      }
    });
  }

  test.prop([fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), fc.nat({ max: 2 ** 30 - 1 })])(
    'reads the state at its offset, and remembers the last one sent',
    (words, hash) => {
      const f = sentFilter(3, 4096);
      const buf = Uint32Array.from([7, ...words, 9]);
      expect(f.sentBefore(buf, 1, hash)).toBe(false);
      expect(f.sentBefore(Uint32Array.from(words), 0, hash)).toBe(true);
      expect(f.sentBefore(Uint32Array.from([words[0] + 1, words[1], words[2]]), 0, hash)).toBe(false);
    },
  );
});
