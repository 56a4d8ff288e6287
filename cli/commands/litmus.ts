// pinspec litmus FILES...: explore every interleaving of each test on the
// designs its Result: lines name (or --design D, --all-designs); exit 1 when a
// verdict differs from its Result: line.
import { Command } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Design } from '../../models/api.js';
import { parseLitmus, type LitmusTest } from '../../litmus/parse.js';
import { runLitmus } from '../../litmus/run.js';
import { InputError, located } from '../../report/input-error.js';
import { litmusExitCode, litmusJson, litmusJunit, litmusMarkdown, litmusText } from '../../report/litmus-report.js';
import type { Cli } from '../context.js';
import { collect, formatOption, type Format } from '../options.js';
import { designByName, scopeByName, scopeName } from '../world.js';
import { boundOptions, boundsOf } from './check.js';
import { readUserFile } from './replay.js';

/** The .litmus files named, directories expanded to their .litmus files in name order. */
export function litmusFiles(cli: Cli, args: readonly string[]): string[] {
  return args.flatMap((a) => {
    const p = resolve(cli.cwd, a);
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      return [a]; // reported as "no such file" when read
    }
    if (!dir) return [a];
    const found = readdirSync(p).filter((f) => f.endsWith('.litmus')).sort();
    if (found.length === 0) throw new InputError(`${a}: no .litmus files in this directory`);
    return found.map((f) => join(a, f));
  });
}

function designsFor(cli: Cli, t: LitmusTest, o: { design?: string[]; allDesigns?: boolean }): Design[] {
  if (o.allDesigns) return [...cli.world.listDesigns()];
  if (o.design?.length) return o.design.map((n) => designByName(cli.world, n));
  if (t.results.length === 0) throw new InputError(located(t.file, undefined, undefined, 'no Result: lines; name designs with --design D or --all-designs'));
  return t.results.map((r) => {
    const d = cli.world.listDesigns().find((x) => x.name === r.design);
    if (!d) throw new InputError(located(t.file, r.line, r.col, `unknown design "${r.design}"; known designs: ${cli.world.listDesigns().map((x) => x.name).join(', ')}`));
    return d;
  });
}

export function litmusCommand(cli: Cli): Command {
  const cmd = new Command('litmus')
    .description('run litmus tests: every interleaving, the verdict per design, a witness where Allowed')
    .argument('<files...>', '.litmus files or directories of them')
    .option('--design <name>', 'run on this design (repeatable; default: the designs of the Result: lines)', collect)
    .option('--all-designs', 'run on every design of the catalog')
    .addOption(formatOption());
  boundOptions(cmd);
  return cmd.action((args: string[], o) => {
    const tests = litmusFiles(cli, args).map((f) => parseLitmus(readUserFile(cli, f), f));
    const reports = tests.map((t) => {
      let scope: string;
      if (t.scope) {
        try {
          scope = scopeByName(cli.world, t.scope.name).name;
        } catch (e) {
          throw new InputError(located(t.file, t.scope.line, 1, (e as Error).message));
        }
      } else scope = scopeName(cli.world.defaultScopes()[0]);
      return runLitmus(t, designsFor(cli, t, o), (d, s) => cli.world.buildModel(d, s), scope, boundsOf(o));
    });
    const render = { text: litmusText, json: litmusJson, md: litmusMarkdown, junit: litmusJunit }[o.format as Format];
    cli.stdout(render(reports));
    cli.exitCode = litmusExitCode(reports);
  });
}
