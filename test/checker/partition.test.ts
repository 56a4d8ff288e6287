// The blocks a chunk's expand phase is cut into (partition.ts): they cover
// the chunk exactly, in order, and shrink toward its end, so that the
// threads, which take them in turn, end the phase close together.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { blockBounds } from '../../checker/partition.js';

describe('blockBounds', () => {
  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 300_000 }), fc.integer({ min: 1, max: 16 })])(
    'cover [from, to) in blocks of 64 to 4,096 ids, never growing',
    (from, len, parts) => {
      const to = from + len;
      const bounds = { at: new Int32Array(4) };
      const count = blockBounds(from, to, parts, bounds);
      const b = Array.from(bounds.at.subarray(0, count + 1));
      expect(b[0]).toBe(from);
      expect(b[count]).toBe(to);
      const sizes = b.slice(1).map((x, k) => x - b[k]);
      for (const [k, s] of sizes.entries()) {
        expect(s).toBeGreaterThan(0);
        expect(s).toBeLessThanOrEqual(4096);
        if (k < count - 1) expect(s).toBeGreaterThanOrEqual(64);
        if (k > 0) expect(s).toBeLessThanOrEqual(sizes[k - 1]);
      }
    },
  );

  test('a wide chunk: 4,096-id blocks first, small ones last', () => {
    const bounds = { at: new Int32Array(4) };
    const count = blockBounds(0, 1 << 18, 2, bounds);
    const sizes = Array.from(bounds.at.subarray(1, count + 1)).map((x, k) => x - bounds.at[k]);
    expect(sizes[0]).toBe(4096);
    expect(sizes.at(-1)).toBeLessThanOrEqual(64);
    // A thread's last block is a small part of its share: at most an eighth of 4,096.
    expect(sizes.slice(-4).every((s) => s <= 512)).toBe(true);
  });
});
