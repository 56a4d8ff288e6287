// Each design's verdicts over the default scopes (merged per property:
// violated if any scope violates, the shortest counterexample over the
// scopes) equal its recorded expectations, and every fail/xfail records the
// length of that shortest counterexample (`steps`), so a model change that
// alters one fails here. The current kernel fails only what
// kernel-background.md 6.5 documents. What `check --deep` must find
// (Design.deep) is selected by expectationOf(), and each deep entry is a
// stricter record than the default one (test/cli/deep.test.ts runs it).
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search.js';
import { expectations, fail, xfail } from '../../models/designs/types.js';
import { expectationOf, PROPERTY_NAMES, type Design, type Expectation } from '../../models/api.js';
import { buildModel, defaultScopes, getDesign, listDesigns } from '../../models/index.js';

interface Merged {
  verdict: 'pass' | 'fail';
  steps?: number;
}

function merged(name: string): Record<string, Merged> {
  const out: Record<string, Merged> = {};
  for (const p of PROPERTY_NAMES) out[p] = { verdict: 'pass' };
  for (const s of defaultScopes()) {
    const r = bfs(buildModel(name, s));
    expect(r.status, `${name} in ${s}: ${r.reason ?? ''}`).not.toBe('budget');
    for (const v of r.verdicts) {
      expect(v.status, `${name} ${v.property} in ${s}`).not.toBe('undecided');
      if (v.status !== 'violated') continue;
      const n = v.trace!.steps.length;
      const prev = out[v.property].steps;
      out[v.property] = { verdict: 'fail', steps: prev === undefined ? n : Math.min(prev, n) };
    }
  }
  return out;
}

describe('design verdicts equal their expectations', () => {
  for (const d of listDesigns()) {
    it(`${d.name}: verdicts, and the shortest counterexample's length for every fail/xfail`, () => {
      const got = merged(d.name);
      const want = Object.fromEntries(
        PROPERTY_NAMES.map((p): [string, Merged] => {
          const e = d.expected[p];
          return [p, e.verdict === 'pass' ? { verdict: 'pass' } : { verdict: 'fail', steps: e.steps }];
        }),
      );
      expect(got).toEqual(want);
    });
  }

  it('every fail and xfail of the catalog records its steps', () => {
    const missing = listDesigns().flatMap((d) =>
      PROPERTY_NAMES.filter((p) => d.expected[p].verdict !== 'pass' && (d.expected[p] as { steps?: number }).steps === undefined).map((p) => `${d.name} ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('D-CURRENT fails only the expected failures of section 6.5, each with its reason', () => {
    const d = getDesign('D-CURRENT');
    const failing = PROPERTY_NAMES.filter((p) => d.expected[p].verdict !== 'pass');
    expect(failing.map((p) => d.expected[p].verdict)).toEqual(failing.map(() => 'xfail'));
    expect(failing).toEqual(['P-ISO']);
    const e = d.expected['P-ISO'];
    expect(e.verdict === 'xfail' && e.why).toMatch(/hugetlb/);
  });
});

describe('the expectations of a deep run (Design.deep)', () => {
  const design: Design = {
    name: 'D-T',
    title: 't',
    provenance: { commits: [] },
    choices: {},
    expected: expectations({ 'P-ISO': xfail('hugetlb', 6), 'P-FS': fail('reclaim', 4) }),
    deep: { 'P-ISO': fail('fork shares the pinned page', 5), 'P-COH-RW': fail('mprotect', 6) },
  };

  it('expectationOf: the default run compares with expected, the deep run with deep where it has an entry', () => {
    expect(expectationOf(design, 'P-ISO')).toEqual(xfail('hugetlb', 6));
    expect(expectationOf(design, 'P-ISO', false)).toEqual(xfail('hugetlb', 6));
    expect(expectationOf(design, 'P-ISO', true)).toEqual(fail('fork shares the pinned page', 5));
    expect(expectationOf(design, 'P-COH-RW', false)).toEqual({ verdict: 'pass' });
    expect(expectationOf(design, 'P-COH-RW', true)).toEqual(fail('mprotect', 6));
    expect(expectationOf(design, 'P-FS', true)).toEqual(fail('reclaim', 4));
    expect(expectationOf({ ...design, deep: undefined }, 'P-ISO', true)).toEqual(xfail('hugetlb', 6));
  });

  it('every deep entry of the catalog records why and steps, and differs from the default one as a larger scope can', () => {
    const problems: string[] = [];
    for (const d of listDesigns()) {
      for (const [p, e] of Object.entries(d.deep ?? {}) as [keyof Design['expected'], Expectation][]) {
        const base = d.expected[p];
        const say = (what: string): number => problems.push(`${d.name} ${p}: ${what}`);
        // More scopes only add counterexamples or shorten them.
        if (e.verdict === 'pass') say('a deep run cannot pass: it checks every default scope too');
        else if (e.steps === undefined || !e.why) say('no steps or why');
        else if (base.verdict !== 'pass') {
          if (base.steps !== undefined && e.steps > base.steps) say(`longer than the default ${base.steps} steps`);
          if (e.verdict === base.verdict && e.steps === base.steps) say('the same as expected: leave it out');
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
