// The search's fast paths (recipe on a view of a slot vector; recipe on a
// word view of the packed state) equal the reference semantics (the same
// recipe under immer's produce()) on every enabled action of random reachable
// states of several designs and scopes; properties agree on all forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Stepper, WordStepper, encodeInitial, stepWithImmer } from '../../checker/step.js';
import { buildModel, type Action } from '../../models/index.js';

function compareWalk(design: string, scope: string, choices: readonly number[]): number {
  const m = buildModel(design, scope);
  const layout = m.layout;
  const st = new Stepper(m);
  const ws = new WordStepper(m);
  encodeInitial(m, m.initialStates()[0], st.cur);
  const packed = new Uint32Array(layout.words);
  const viaImmer = new Int32Array(layout.slots);
  const acts: Action[] = [];
  let compared = 0;
  for (const c of [...choices, -1]) {
    const plain = layout.decode(st.cur);
    layout.pack(st.cur, packed, 0);
    ws.load(packed, 0);
    for (const p of m.properties) expect(p.holds(st.curView), p.name).toBe(p.holds(plain));
    for (const p of m.properties) expect(p.holds(ws.curView), p.name).toBe(p.holds(plain));
    const enabled = st.actions(acts).slice();
    const next: Int32Array[] = [];
    for (const a of enabled) {
      const fast = st.step(a);
      const words = ws.step(a);
      const slow = stepWithImmer(m, plain, a);
      expect([fast, words], m.describe(a)).toEqual([slow !== undefined, slow !== undefined]);
      if (slow === undefined) continue;
      layout.encode(slow, viaImmer);
      expect(Array.from(st.nxt), m.describe(a)).toEqual(Array.from(viaImmer));
      const w = new Uint32Array(layout.words);
      layout.pack(viaImmer, w, 0);
      expect(Array.from(ws.nxt), m.describe(a)).toEqual(Array.from(w));
      next.push(st.nxt.slice());
      compared++;
    }
    if (c < 0 || !next.length) break;
    st.cur.set(next[c % next.length]);
  }
  return compared;
}

const cases: [string, string][] = [
  ['D-CURRENT', 'anon-deep'],
  ['D-MAPCOUNT', 'anon-fork'],
  ['D-MIX', 'thp'],
  ['D-FORK-NO-SEQCOUNT', 'fork-race'],
  ['D-GET', 'file-deep'],
  ['D-REFS1', 'longterm'],
  ['D-ZERO-ASYM', 'zero'],
  ['D-FORCE-COW', 'hugetlb'],
  ['D-FORCE-WRITE-RO-PIN', 'file'],
];

describe('fast path == immer produce()', () => {
  for (const [d, s] of cases) {
    it(`${d} in ${s}`, () => {
      let total = 0;
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (choices) => {
          total += compareWalk(d, s, choices);
        }),
        { numRuns: 25, seed: 11 },
      );
      expect(total).toBeGreaterThan(50);
    });
  }
});
