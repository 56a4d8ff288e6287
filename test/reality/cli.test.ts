// pinspec repro and pinspec reality on the CLI's toy world: a counterexample
// written by `check` and a litmus test become C programs that run on this
// kernel, which behaves as the refcount rule (today's do_wp_page()) says.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cli } from '../../cli/context.js';
import { runCli } from '../../cli/program.js';
import type { World } from '../../cli/world.js';
import { checkCommand } from '../../cli/commands/check.js';
import { realityCommand } from '../../cli/commands/reality.js';
import { reproCommand } from '../../cli/commands/repro.js';
import { findCompiler } from '../../reality/run-c.js';
import { tempDir } from '../cli/harness.js';
import { toyWorld } from '../report/toy-world.js';

const LITMUS = new URL('../litmus/fixtures/toy-fork-vmsplice-child-reads.litmus', import.meta.url).pathname;

async function run(world: World, argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const cli: Cli = { world, cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), progress: false, exitCode: 0 };
  const code = await runCli(argv, cli, [checkCommand, reproCommand, realityCommand]);
  return { code, stdout, stderr };
}

describe('pinspec repro', () => {
  it('writes a program whose comments are the trace steps', async () => {
    const dir = tempDir();
    await run(toyWorld, ['check', '--design', 'D-TOY-MAPCOUNT'], dir);
    const r = await run(toyWorld, ['repro', 'counterexamples/D-TOY-MAPCOUNT/P-ISO.json', '--design', 'D-TOY-REFCOUNT'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const step of ['P0: fork()', 'P1: vmsplice(A)', 'P1: munmap(A)', 'P0: write(A)', 'pipe: read()']) expect(r.stdout).toContain(step);
    expect(r.stdout).toContain('rt_vmsplice(0, mem_A);');
    expect(r.stdout).toContain('Final condition: pipe=1');
  });

  it('rejects a file that is neither a trace nor a litmus test in one line', async () => {
    const dir = tempDir();
    const r = await run(toyWorld, ['repro', LITMUS.replace(/\.litmus$/, '.txt')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('pinspec reality', () => {
  it('says so in one line when there is no C compiler', async () => {
    const r = await run(toyWorld, ['reality', LITMUS, '--cc', 'no-such-cc', '--design', 'D-TOY-REFCOUNT'], tempDir());
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('pinspec reality: no C compiler (no-such-cc) found; the reality check needs one\n');
  });

  it('agrees with the refcount design and disagrees with the mapcount one', async (ctx) => {
    if (!findCompiler()) ctx.skip('no C compiler (cc) on PATH: the reality check cannot run here');
    // In a checkout deeper than a line of the programs' header comments (which
    // name each file): CI's clone path once made their wrapping loop forever.
    const dir = join(tempDir(), ...Array(4).fill('a-checkout-deeper-than-one-line'));
    mkdirSync(dir, { recursive: true });
    const litmus = join(dir, basename(LITMUS));
    copyFileSync(LITMUS, litmus);
    const checked = await run(toyWorld, ['check', '--design', 'D-TOY-MAPCOUNT'], dir);
    expect(checked.stderr).toBe('');
    const files = [litmus, join(dir, 'counterexamples/D-TOY-MAPCOUNT/P-ISO.json')];
    expect(existsSync(files[1])).toBe(true);
    const today = await run(toyWorld, ['reality', ...files, '--design', 'D-TOY-REFCOUNT', '--format', 'json'], dir);
    // Said first, so that a run that printed no report shows why.
    expect(today.stderr).toBe('');
    const report = JSON.parse(today.stdout);
    expect(report.results.map((r: { test: string; variant: string; result: string }) => `${r.test} ${r.variant} ${r.result}`)).toEqual([
      'toy-fork-vmsplice-child-reads page agree',
      'toy-fork-vmsplice-child-reads thp agree',
      'D-TOY-MAPCOUNT/P-ISO page agree',
      'D-TOY-MAPCOUNT/P-ISO thp agree',
    ]);
    expect(today.code).toBe(0);
    const old = await run(toyWorld, ['reality', litmus, '--design', 'D-TOY-MAPCOUNT', '--no-thp'], dir);
    expect(old.code).toBe(1);
    expect(old.stdout).toContain('0 agree, 1 disagree, 0 skipped');
    expect(old.stdout).toContain(`pinspec repro ${litmus} --design D-TOY-MAPCOUNT -o t.c`);
    for (const line of old.stdout.split('\n')) if (!line.includes(litmus)) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
