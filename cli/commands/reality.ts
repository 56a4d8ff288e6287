// pinspec reality [FILES]: compile each litmus test and counterexample into a
// C program, run it on this kernel, and set what the kernel did next to the
// model's verdict for the current kernel. Exit 0 when nothing disagrees except
// the documented expected differences, 1 otherwise, 3 when no C compiler.
import { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { exitCodeOf, runReality, type RealityCase } from '../../reality/check.js';
import { loadExpectedDifferences } from '../../reality/expected.js';
import { realityJson, realityText } from '../../reality/report.js';
import { findCompiler } from '../../reality/run-c.js';
import type { Scenario } from '../../reality/scenario.js';
import { currentDesign, loadCases } from '../../reality/sources.js';
import type { Cli } from '../context.js';
import { formatOption, wholeNumber, type Format } from '../options.js';
import { readUserFile } from './replay.js';

export const NO_COMPILER = 3;

/** The stand-in scenario of a file that did not load (never compiled). */
function unloadable(file: string, reason: string): Scenario {
  return { name: file, header: [], steps: [], files: [], backing: {}, requires: [], condition: { kind: 'true' }, schedules: [[]], skip: reason };
}

/** litmus/tests/*.litmus and counterexamples/*\/*.json under `cwd`, sorted. */
export function defaultRealityFiles(cwd: string): string[] {
  const out: string[] = [];
  const litmus = join(cwd, 'litmus', 'tests');
  if (existsSync(litmus)) {
    for (const f of readdirSync(litmus).sort()) if (f.endsWith('.litmus')) out.push(join(litmus, f));
  }
  const cex = join(cwd, 'counterexamples');
  if (existsSync(cex)) {
    for (const d of readdirSync(cex).sort()) {
      const dir = join(cex, d);
      if (!statSync(dir).isDirectory()) continue;
      for (const f of readdirSync(dir).sort()) if (f.endsWith('.json')) out.push(join(dir, f));
    }
  }
  return out.map((f) => relative(cwd, f));
}

export function realityCommand(cli: Cli): Command {
  return new Command('reality')
    .description('run litmus tests and counterexamples as C programs on this kernel and compare with the current-kernel model')
    .argument('[files...]', 'traces (.json) and litmus tests (.litmus); default: litmus/tests and counterexamples/')
    .option('--design <name>', 'the design that models this kernel (default: the current kernel)')
    .option('--no-thp', 'do not run the THP-backed variant of each test')
    .option('--jobs <n>', 'programs compiled and run at a time', wholeNumber(1), 2)
    .option('--cc <compiler>', 'the C compiler', 'cc')
    .addOption(formatOption(['text', 'json']))
    .action(async (files: string[], o: { design?: string; thp: boolean; jobs: number; cc: string; format: Exclude<Format, 'md' | 'junit'> }) => {
      const cc = findCompiler(o.cc);
      if (!cc) {
        cli.stderr(`pinspec reality: no C compiler (${o.cc}) found; the reality check needs one\n`);
        cli.exitCode = NO_COMPILER;
        return;
      }
      const names = files.length ? files : defaultRealityFiles(cli.cwd);
      const cases: RealityCase[] = [];
      const design = currentDesign(cli.world, o.design);
      for (const f of names) {
        const text = readUserFile(cli, f);
        let loaded: RealityCase[];
        try {
          loaded = loadCases(cli.world, f, text, o.design);
        } catch (e) {
          // One file that does not load is that file's error, not the run's.
          const reason = (e as Error).message;
          loaded = [{ file: f, name: basename(f).replace(/\.(litmus|json)$/, ''), variant: 'page', scenario: unloadable(f, reason), model: { kind: 'none', design: design.name, detail: reason }, error: reason }];
        }
        for (const c of loaded) if (c.variant === 'page' || o.thp) cases.push(c);
      }
      const run = await runReality(cases, loadExpectedDifferences(), { cc, jobs: o.jobs });
      cli.stdout(o.format === 'json' ? realityJson(run) : realityText(run));
      cli.exitCode = exitCodeOf(run);
    });
}
