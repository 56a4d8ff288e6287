// The generator's programs compile without warnings and report, on this
// kernel, what the current kernel is documented to do.
import { describe, expect, it } from 'vitest';
import { emitC } from '../../reality/emit-c.js';
import { compileAndRunAll, findCompiler } from '../../reality/run-c.js';
import { parseTap } from '../../reality/tap.js';
import { forkIouringParentWrites, forkVmspliceChildReads } from './fixtures.js';

const cc = findCompiler();

describe('generated C programs', () => {
  it('compile at -Wall -Wextra -Werror and report the current kernel behaviour', async (ctx) => {
    if (!cc) ctx.skip('no C compiler (cc) on PATH: the generated programs cannot be built here');
    const scenarios = [forkVmspliceChildReads('page'), forkVmspliceChildReads('thp'), forkIouringParentWrites('page'), forkIouringParentWrites('thp')];
    const results = await compileAndRunAll(
      scenarios.map((s) => ({ name: s.name, source: emitC(s) })),
      { extraFlags: ['-Werror'] },
    );
    const runs = results.map((r) => {
      if (r.kind !== 'ran') throw new Error(r.message);
      expect(r.status).toBe(0);
      return parseTap(r.stdout);
    });
    // CVE-2020-29374 on the current kernel: the child reads the OLD data.
    for (const run of runs.slice(0, 2)) {
      expect(run.problems).toEqual([]);
      expect(run.tests).toHaveLength(1);
      const t = run.tests[0];
      if (t.outcome.kind === 'skip') continue; // THP missing on this machine: the reason is printed
      expect(t.outcome.kind).toBe('not-observed');
      expect(t.observed.get('pipe')).toBe(1);
    }
    // fork() with an io_uring fixed buffer: the pin follows the parent's write.
    for (const run of runs.slice(2)) {
      const t = run.tests[0];
      if (t.outcome.kind === 'skip') continue;
      expect(t.outcome.kind).toBe('observed');
      expect(t.observed.get('device')).toBe(2);
    }
  });
});
