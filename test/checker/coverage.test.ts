// Coverage (checker/stats.ts) against a plain count by label: count() and
// countAt() (with its memo of the action last counted at each position of an
// enabled list), uncount(), and the fold of a model that allocates a fresh
// action object per transition (more than 4096 distinct actions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Coverage } from '../../checker/stats.js';

type Action = { kind: string } | number | undefined;
const labelOf = (a: Action): string => (typeof a === 'object' ? a.kind : String(a));

describe('Coverage', () => {
  it('counts by label whatever the positions and identities of the actions', () => {
    const interned: Action[] = [{ kind: 'a' }, { kind: 'b' }, { kind: 'a' }, 7, undefined];
    const op = fc.record({
      pick: fc.integer({ min: 0, max: interned.length }),
      freshKind: fc.constantFrom('a', 'c'),
      at: fc.integer({ min: 0, max: 70 }),
      how: fc.constantFrom('count', 'countAt', 'countAt', 'uncount'),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.boolean(), (ops, manyFresh) => {
        const c = new Coverage<Action>(labelOf);
        const want = new Map<string, number>();
        const fresh = (kind: string): Action => ({ kind });
        const run = ops.flatMap((o) => (manyFresh && o.pick === interned.length ? Array.from({ length: 20 }, () => o) : [o]));
        for (const o of run) {
          const a = o.pick === interned.length ? fresh(o.freshKind) : interned[o.pick];
          const l = labelOf(a);
          if (o.how === 'uncount') c.uncount(a);
          else if (o.how === 'count') c.count(a);
          else c.countAt(a, o.at);
          want.set(l, (want.get(l) ?? 0) + (o.how === 'uncount' ? -1 : 1));
        }
        const expected = Object.fromEntries([...want].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)));
        expect(c.result()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps counting right across the fold of more than 4096 distinct actions', () => {
    const c = new Coverage<{ kind: string }>((a) => a.kind);
    const kept = { kind: 'kept' };
    for (let n = 0; n < 10_000; n++) {
      c.countAt({ kind: 'fresh' }, 1);
      c.countAt(kept, 0);
    }
    expect(c.result()).toEqual({ fresh: 10_000, kept: 10_000 });
  });
});
