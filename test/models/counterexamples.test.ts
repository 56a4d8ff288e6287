// Every known counterexample of kernel-background.md section 10 comes out of
// BFS on its design in its default scope, as exactly the recorded shortest
// trace; the history's own (longer) trace breaks the property too; and the
// design that fixed it passes the same property in the same scope.
import { describe, expect, it } from 'vitest';
import { buildModel, listDesigns } from '../../models/index.js';
import { replay, search } from './helpers.js';

const designs = listDesigns().filter((d) => d.counterexamples?.length);

describe('known counterexamples', () => {
  it('every design whose own change breaks a property records its counterexample', () => {
    for (const d of listDesigns()) {
      for (const [p, e] of Object.entries(d.expected)) {
        if (e.verdict !== 'fail' || !d.fixedBy?.[p as keyof typeof d.fixedBy]) continue;
        expect(d.counterexamples?.some((c) => c.property === p), `${d.name} ${p}`).toBe(true);
      }
    }
  });

  for (const d of designs) {
    for (const c of d.counterexamples!) {
      it(`${d.name} breaks ${c.property} in scope ${c.scope}: ${c.note}`, () => {
        const found = search(d, c.scope, c.property);
        expect(found.status).toBe('violated');
        expect(found.trace).toEqual(c.trace);
        if (c.history) {
          const m = buildModel(d, c.scope);
          const t = replay(d, c.scope, c.history);
          const prop = m.properties.find((p) => p.name === c.property)!;
          const states = [t.initial, ...t.steps.map((s) => s.state)];
          expect(states.map((s) => prop.holds(s))).toEqual([...states.slice(1).map(() => true), false]);
        }
      });
      const fixer = d.fixedBy?.[c.property];
      if (fixer) {
        it(`${fixer}, which fixed it, passes ${c.property} in scope ${c.scope}`, () => {
          expect(search(fixer, c.scope, c.property).status).toBe('holds');
        });
      }
    }
  }
});
