// The action vocabulary: parseAction(describe(a)) is a for every action
// reachable in every scope (collected along random walks, plus every action
// a scope can name), JSON round trips, and bad input fails in one line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Stepper, encodeInitial } from '../../checker/step.js';
import { buildModel, listScopes, type Action } from '../../models/index.js';
import { actionUniverse, describe as describeAction, releaseAction } from '../../models/world/actions.js';

function reachableActions(m: ReturnType<typeof buildModel>, seeds: number): Set<Action> {
  const seen = new Set<Action>();
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 25 }), (choices) => {
      const st = new Stepper(m);
      encodeInitial(m, m.initialStates()[0], st.cur);
      const acts: Action[] = [];
      for (const c of choices) {
        const enabled = st.actions(acts).filter((a) => st.step(a));
        enabled.forEach((a) => seen.add(a));
        if (!enabled.length) break;
        st.step(enabled[c % enabled.length]);
        st.cur.set(st.nxt);
      }
    }),
    { numRuns: seeds, seed: 7 },
  );
  return seen;
}

describe('action texts', () => {
  for (const s of listScopes()) {
    it(`round trip for every reachable action of scope ${s.name}`, () => {
      for (const d of ['D-CURRENT', 'D-MIX', 'D-GET']) {
        const m = buildModel(d, s.name);
        const acts = reachableActions(m, 60);
        expect(acts.size).toBeGreaterThan(3);
        for (const a of acts) {
          expect(m.parseAction(m.describe(a))).toBe(a);
          expect(m.actionFromJson!(JSON.parse(JSON.stringify(m.actionToJson!(a))))).toBe(a);
        }
      }
    });
  }

  it('releaseAction() gives the interned release of every owner, holder slot, use and call', () => {
    for (const s of listScopes()) {
      const u = actionUniverse(s);
      const seen = new Set<Action>();
      for (let p = 0; p < s.procs; p++) {
        for (let h = 0; h < s.holders; h++) {
          for (const use of ['pin', 'get'] as const) {
            for (const how of ['unpin', 'put'] as const) {
              const a = releaseAction(u, p, h, use, how);
              expect(a).toEqual({ kind: 'release', p, h, use, how });
              expect(u.byText.get(describeAction(a))).toBe(a);
              seen.add(a);
            }
          }
        }
      }
      expect(seen.size).toBe(s.procs * s.holders * 4);
    }
  });

  it('parses spacing variants and rejects unknown actions with the lane\'s choices', () => {
    const m = buildModel('D-CURRENT', 'anon-fork');
    expect(m.describe(m.parseAction('P1:  pin_user_pages( A , FOLL_WRITE | FOLL_LONGTERM )'))).toBe(
      'P1: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
    );
    expect(() => m.parseAction('P0: frobnicate(A)')).toThrow(/not an action of scope anon-fork; P0 can do e.g.: P0: mmap/);
    expect(() => m.parseAction('P0: write(C)')).toThrow(/address C is not in scope anon-fork/);
    expect(() => m.parseAction('write A')).toThrow(/expected "<P0\|P1\|device\|pipe\|kernel>: <call>"/);
  });

  it('lanes and labels', () => {
    const m = buildModel('D-CURRENT', 'file');
    expect(['P0: write(A)', 'device: dma_write(pin0)', 'kernel: reclaim(file)'].map((t) => m.actorOf(m.parseAction(t)))).toEqual([
      'P0',
      'device',
      'kernel',
    ]);
    expect(m.label!(m.parseAction('P0: pin_user_pages(A, FOLL_WRITE)'))).toBe('pin_user_pages');
  });
});
