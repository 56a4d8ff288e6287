// The reality check of litmus/tests on this machine's kernel, against the
// model of the current kernel: nothing disagrees, and the two checks the
// issue names come out as the kernel's own selftests (cow.c) say.
import { describe, expect, it } from 'vitest';
import type { Cli } from '../../cli/context.js';
import { runCli } from '../../cli/program.js';
import { realityCommand } from '../../cli/commands/reality.js';
import * as world from '../../models/index.js';
import { findCompiler } from '../../reality/run-c.js';
import { ROOT } from '../cli/harness.js';

interface Row {
  test: string;
  variant: string;
  result: string;
  why: string | null;
  kernel: { kind: string; values?: string[] };
}

describe('pinspec reality on litmus/tests', () => {
  it('agrees with D-CURRENT wherever the kernel can be asked', async (ctx) => {
    if (!findCompiler()) ctx.skip('no C compiler (cc) on PATH: the reality check cannot run here');
    let stdout = '';
    let stderr = '';
    const cli: Cli = { world, cwd: ROOT, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), progress: false, exitCode: 0 };
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(`${ROOT}/litmus/tests`).filter((f) => f.endsWith('.litmus')).map((f) => `litmus/tests/${f}`);
    await runCli(['reality', ...files, '--format', 'json'], cli, [realityCommand]);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { counts: Record<string, number>; results: Row[] };
    const row = (test: string, variant = 'page'): Row => report.results.find((r) => r.test === test && r.variant === variant)!;

    expect(report.counts.disagree).toBe(0);
    expect(report.counts.agree).toBeGreaterThanOrEqual(9);
    // Every skip says why.
    for (const r of report.results.filter((x) => x.result === 'skip')) expect(r.why).toMatch(/\w{4,}/);

    // CVE-2020-29374 (cow.c "vmsplice() + unmap in child"): the child reads the old data.
    const cve = row('fork-vmsplice-child-reads');
    expect(cve.result).toBe('agree');
    expect(cve.kernel.values).toEqual(['pipe=1']);
    // cow.c "fork() with an iouring fixed buffer": the pin sees the parent's write.
    const uring = row('iouring-fixed-buffer-fork-parent-writes');
    expect(uring.result).toBe('agree');
    expect(uring.kernel.values).toContain('pin0=2');
    // gup_longterm.c: a R/W long-term pin of an ext4 MAP_SHARED page is refused.
    expect(row('longterm-rw-pin-shared-file-refused').kernel.values).toEqual(['P0:ret=-14']);
    // Not reachable from userspace: reported as skipped, with the reason.
    expect(row('ro-longterm-pin-shared-page-parent-writes').why).toMatch(/gup_test/);
  });
});
