// `pinspec check` over less than the catalog records: --scope naming only
// some of the scopes the expectations were recorded over, or a bound that
// stops a search. An expected failure (or its shortest length) the run could
// not reach is inconclusive, not a difference; an expected pass must still
// hold; and counterexamples/ (the record of the full run) is left as it is
// unless --out says where to write.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithExpectation } from '../../cli/check-run.js';
import { runIn, tempDir } from './harness.js';
import { realWorld } from './real-world.js';

interface JsonCell {
  property: string;
  status: string;
  steps?: number;
  asExpected: boolean | undefined;
  expected: { verdict: string; steps?: number };
}

/** A working directory whose counterexamples/ holds one committed file, D-GET's `property`: the directory and the file. */
function withCommitted(property: string): { cwd: string; kept: string } {
  const cwd = tempDir();
  const kept = join(cwd, `counterexamples/D-GET/${property}.txt`);
  mkdirSync(join(cwd, 'counterexamples/D-GET'), { recursive: true });
  writeFileSync(kept, 'committed');
  return { cwd, kept };
}

describe('check in some of the recorded scopes', () => {
  it('D-GET in the zero scope: its expected failures elsewhere are inconclusive, nothing differs, counterexamples/ untouched', async () => {
    const { cwd, kept } = withCommitted('P-ISO');
    const json = await runIn(realWorld, ['check', '--design', 'D-GET', '--scope', 'zero', '--format', 'json'], cwd);
    const cells = (JSON.parse(json.stdout) as { cells: JsonCell[] }).cells;
    // D-GET's P-ISO fails in the default scopes, not in zero (the real run decides this).
    const iso = cells.find((c) => c.property === 'P-ISO')!;
    expect([iso.expected.verdict, iso.status, iso.asExpected]).toEqual(['fail', 'ok', undefined]);
    expect(cells.some((c) => c.status === 'fail')).toBe(true);
    expect(cells.filter((c) => c.asExpected === false)).toEqual([]);
    expect(json.code).toBe(3);
    expect(json.stderr).toBe('pinspec: counterexamples/ left as it is: it records a run of anon-fork, fork-race, file, longterm, zero, hugetlb without bounds; --out DIR writes this run\'s files\n');
    expect(readFileSync(kept, 'utf8')).toBe('committed');
    expect(readdirSync(join(cwd, 'counterexamples/D-GET'))).toEqual(['P-ISO.txt']);

    const text = await runIn(realWorld, ['check', '--design', 'D-GET', '--scope', 'zero', '--no-write'], cwd);
    expect(text.stdout).not.toMatch(/^! /m);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('? D-GET P-ISO: inconclusive: expected fail (reuse by mapcount');
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('it holds in the scopes checked, and the expectation also covers anon-fork, fork-race, file, longterm, hugetlb');
    expect(text.stderr).toBe('');
  });

  it('writes the counterexamples of the run where --out says', async () => {
    const cwd = tempDir();
    const r = await runIn(realWorld, ['check', '--design', 'D-GET', '--scope', 'zero', '--out', 'mine', '--format', 'json'], cwd);
    expect(r.stderr).toBe('');
    const failing = (JSON.parse(r.stdout) as { cells: JsonCell[] }).cells.filter((c) => c.status === 'fail').map((c) => c.property);
    expect(failing.length).toBeGreaterThan(0);
    expect(readdirSync(join(cwd, 'mine/D-GET')).sort()).toEqual(failing.flatMap((p) => [`${p}.json`, `${p}.txt`]).sort());
    expect(existsSync(join(cwd, 'counterexamples'))).toBe(false);
  });
});

describe('check stopped by a bound', () => {
  it('D-GET P-COH-RW under 200 states: fork-race gives 6 steps, anon-fork (the recorded 5) and others are cut off: inconclusive, not a difference', async () => {
    const { cwd, kept } = withCommitted('P-COH-RW');
    const r = await runIn(realWorld, ['check', '--design', 'D-GET', '--property', 'P-COH-RW', '--max-states', '200', '--format', 'json'], cwd);
    const [cell] = (JSON.parse(r.stdout) as { cells: (JsonCell & { note?: string })[] }).cells;
    expect([cell.status, cell.steps, cell.expected.steps, cell.asExpected]).toEqual(['fail', 6, 5, undefined]);
    expect(cell.note).toBe('expected a shortest counterexample of 5 steps, found 6; a shorter one may lie in anon-fork, file, zero, hugetlb');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('counterexamples/ left as it is');
    expect(readFileSync(kept, 'utf8')).toBe('committed');
  });
});

describe('compareWithExpectation, with recorded scopes left out', () => {
  const fail = { verdict: 'fail', why: 'w', steps: 4 } as const;
  it('an expected pass must still hold', () => {
    expect(compareWithExpectation('fail', 3, { verdict: 'pass' }, ['zero']).ok).toBe(false);
    expect(compareWithExpectation('ok', undefined, { verdict: 'pass' }, ['zero']).ok).toBe(true);
  });
  it('an expected failure that does not show is inconclusive, and names the scopes left out', () => {
    expect(compareWithExpectation('ok', undefined, fail, ['zero', 'file'])).toEqual({
      ok: undefined,
      note: 'expected fail (w); it holds in the scopes checked, and the expectation also covers zero, file',
    });
    expect(compareWithExpectation('ok', undefined, fail).ok).toBe(false);
  });
  it('a longer shortest counterexample is inconclusive, a shorter one differs', () => {
    expect(compareWithExpectation('fail', 5, fail, ['zero'])).toEqual({
      ok: undefined,
      note: 'expected a shortest counterexample of 4 steps, found 5; a shorter one may lie in zero',
    });
    expect(compareWithExpectation('fail', 3, fail, ['zero']).ok).toBe(false);
    expect(compareWithExpectation('fail', 4, fail, ['zero']).ok).toBe(true);
    expect(compareWithExpectation('fail', 5, fail).ok).toBe(false);
    expect(compareWithExpectation('fail', 4, fail).ok).toBe(true);
  });
});
