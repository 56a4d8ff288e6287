// `pinspec check --deep` runs the default scopes plus the deep scopes and
// compares each verdict with what the design records for that run
// (Design.deep, else Design.expected). Two designs keep it to seconds: the
// current kernel, and D-LONGTERM-ONLY, whose uncounted short-term pins the
// deep scope file-deep shares at fork (a P-COH-RW that holds in the default
// scopes, a P-ISO shorter than the hugetlb xfail).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectationOf, PROPERTY_NAMES } from '../../models/api.js';
import { deepScopes, defaultScopes, getDesign } from '../../models/index.js';
import { spawnCli, tempDir } from './harness.js';

interface JsonCell {
  design: string;
  property: (typeof PROPERTY_NAMES)[number];
  status: string;
  steps?: number;
  asExpected: boolean;
  expected: { verdict: string; steps?: number };
  counterexample?: { scope: { name: string } };
}

describe('pinspec check --deep', () => {
  it('checks D-CURRENT and D-LONGTERM-ONLY in the default and deep scopes, every verdict as recorded for --deep, files in counterexamples-deep/', () => {
    const cwd = tempDir();
    const r = spawnCli(['check', '--deep', '--design', 'D-CURRENT', '--design', 'D-LONGTERM-ONLY', '--format', 'json'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { scopes: string[]; cells: JsonCell[] };
    expect(out.scopes).toEqual([...defaultScopes(), ...deepScopes()]);
    expect(out.cells).toHaveLength(2 * PROPERTY_NAMES.length);
    for (const c of out.cells) {
      const want = expectationOf(getDesign(c.design), c.property, true);
      expect(c.expected, `${c.design} ${c.property}`).toEqual(want);
      expect(c.asExpected, `${c.design} ${c.property}`).toBe(true);
      expect({ status: c.status, steps: c.steps }, `${c.design} ${c.property}`).toEqual(
        want.verdict === 'pass' ? { status: 'ok', steps: undefined } : { status: 'fail', steps: want.steps },
      );
    }
    const cohRw = out.cells.find((c) => c.design === 'D-LONGTERM-ONLY' && c.property === 'P-COH-RW')!;
    expect(getDesign('D-LONGTERM-ONLY').expected['P-COH-RW'].verdict).toBe('pass');
    expect(cohRw.counterexample?.scope.name).toBe('file-deep');

    // Its files go to counterexamples-deep/, not over the committed counterexamples/.
    expect(existsSync(join(cwd, 'counterexamples'))).toBe(false);
    const text = readFileSync(join(cwd, 'counterexamples-deep/D-LONGTERM-ONLY/P-COH-RW.txt'), 'utf8');
    expect(text).toMatch(/^D-LONGTERM-ONLY breaks P-COH-RW in 5 steps \(scope file-deep\)$/m);
    expect(text.replace(/\s+/g, ' ')).toContain('Expected: fail in 5 steps (fork shares the uncounted short-term-pinned page');
    expect(text).toContain('Replay:   npx pinspec replay counterexamples-deep/D-LONGTERM-ONLY/P-COH-RW.json');
  });
});
