// The cache of recent states (the store's, and an expander's sent filter)
// says "seen" only when the state is the very one last seen with its slot:
// exact, whatever the hash collisions.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { recentStates } from '../../checker/recent-states.js';

describe('recentStates', () => {
  // Few distinct words and a tiny filter (16 slots), so repeats, evictions
  // and different states sharing a slot all happen.
  const state = (w: number) => fc.array(fc.integer({ min: 0, max: 3 }), { minLength: w, maxLength: w });
  for (const spareTopBit of [false, true]) {
    test.prop([
      fc.integer({ min: 1, max: 5 }).chain((w) => fc.tuple(fc.constant(w), fc.array(fc.tuple(state(w), fc.integer({ min: 0, max: 2 ** 30 - 1 })), { maxLength: 200 }))),
    ])(`says "seen" exactly when the slot holds the same words (a model of 16 slots; ${spareTopBit ? 'flag bit' : 'mark word'})`, ([w, sends]) => {
      const f = recentStates(w, 16 * (spareTopBit ? w : w + 1) * 4, spareTopBit);
      const slots = new Map<number, string>();
      for (const [words, hash] of sends) {
        const key = words.join(',');
        const slot = hash & 15;
        expect(f.seenElseCache(Uint32Array.from(words), 0, hash)).toBe(slots.get(slot) === key);
        slots.set(slot, key);
      }
    });
  }

  test.prop([fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), fc.nat({ max: 2 ** 30 - 1 })])(
    'reads the state at its offset, and remembers the last one seen',
    (words, hash) => {
      const f = recentStates(3, 4096);
      const buf = Uint32Array.from([7, ...words, 9]);
      expect(f.seenElseCache(buf, 1, hash)).toBe(false);
      expect(f.seenElseCache(Uint32Array.from(words), 0, hash)).toBe(true);
      expect(f.seenElseCache(Uint32Array.from([words[0] + 1, words[1], words[2]]), 0, hash)).toBe(false);
    },
  );
});
