// pinspec check: every design (or --design D) x every property, in the default
// scopes (or --scope S; --deep adds the deep scopes); the matrix, compared with
// the catalog; counterexamples written under counterexamples/.
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { PROPERTY_NAMES, type PropertyName } from '../../models/api.js';
import { checkJson } from '../../report/check-json.js';
import { checkJunit } from '../../report/check-junit.js';
import { checkMarkdown } from '../../report/check-md.js';
import { checkText } from '../../report/check-text.js';
import { InputError } from '../../report/input-error.js';
import { exitCodeOf, type MatrixResult } from '../../report/matrix.js';
import { checkMatrix } from '../check-by-scope.js';
import type { Bounds } from '../check-run.js';
import type { Cli } from '../context.js';
import { replayCommand, writeCounterexamples } from '../counterexample-files.js';
import { collect, formatOption, seconds, wholeNumber, type Format } from '../options.js';
import { progressHooks } from '../progress.js';
import { designByName, scopeByName, scopeName, type World } from '../world.js';

export const RENDER: Record<Format, (m: MatrixResult) => string> = {
  text: checkText,
  json: checkJson,
  md: checkMarkdown,
  junit: checkJunit,
};

export interface SelectionOptions {
  design?: string[];
  scope?: string[];
  deep?: boolean;
  property?: string[];
}

export function propertyByName(name: string): PropertyName {
  const p = PROPERTY_NAMES.find((x) => x === name);
  if (!p) throw new InputError(`unknown property "${name}"; known properties: ${PROPERTY_NAMES.join(', ')}`);
  return p;
}

/** The scopes the catalog's expectations (and the committed counterexamples) cover: the defaults, plus the deep scopes with --deep. */
export function recordedScopes(world: World, deep: boolean | undefined): string[] {
  return [...new Set([...world.defaultScopes(), ...(deep ? world.deepScopes() : [])].map(scopeName))];
}

/** The scopes a run covers: --scope S..., else the recorded ones. */
export function selectScopes(world: World, o: SelectionOptions): string[] {
  if (o.scope?.length) return o.scope.map((s) => scopeByName(world, s).name);
  return recordedScopes(world, o.deep);
}

export function boundsOf(o: { depth?: number; maxStates?: number; timeLimit?: number; workers?: number }): Bounds {
  return {
    maxDepth: o.depth,
    maxStates: o.maxStates,
    timeLimitMs: o.timeLimit === undefined ? undefined : o.timeLimit * 1000,
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
  };
}

/** --jobs: how many scopes are checked at once, in threads (check-by-scope.ts checkMatrix()). */
export function jobsOption(): Option {
  return new Option(
    '--jobs <n>',
    'check N scopes at once, each in a thread of its own (default: cores / workers when a deep scope is among several, else all in one thread; same results)',
  ).argParser(wholeNumber(1));
}

export function boundOptions(cmd: Command): Command {
  return cmd
    .option('--depth <n>', 'explore at most N steps from the initial states', wholeNumber(0))
    .option('--max-states <n>', 'stop a search after N distinct states', wholeNumber(1))
    .option('--time-limit <seconds>', 'stop a search after this many seconds', seconds);
}

export function checkCommand(cli: Cli): Command {
  const cmd = new Command('check')
    .description('check every design against every property; print the matrix and write counterexamples/')
    .option('--design <name>', 'check this design (repeatable; default: every design)', collect)
    .option('--property <name>', 'check this property (repeatable; default: every property)', collect)
    .option('--scope <name>', 'check in this scope (repeatable; default: the default scopes)', collect)
    .option('--deep', 'add the deep scopes (minutes) and compare with what the designs record for them')
    .addOption(new Option('--workers <n>', 'threads per search (same results as 1; on the kernel models --jobs uses the cores better)').argParser(wholeNumber(1)).default(1))
    .addOption(jobsOption())
    .option('--out <dir>', 'where counterexamples are written (default: counterexamples, with --deep counterexamples-deep)')
    .option('--no-write', 'do not write or remove counterexample files')
    .addOption(formatOption());
  boundOptions(cmd);
  return cmd.action(async (o) => {
    if (o.workers > 1 && !cli.world.modelSource) throw new InputError(`--workers ${o.workers}: this world cannot be loaded by worker threads; use --workers 1`);
    const world = cli.world;
    const designs = o.design?.length ? o.design.map((n: string) => designByName(world, n)) : [...world.listDesigns()];
    const properties = o.property?.length ? o.property.map(propertyByName) : undefined;
    const defaultOut = o.deep ? 'counterexamples-deep' : 'counterexamples';
    const outDir = resolve(cli.cwd, o.out ?? defaultOut);
    const scopes = selectScopes(world, o);
    const recorded = recordedScopes(world, o.deep);
    const leftOut = recorded.filter((s) => !scopes.includes(s));
    let m = await checkMatrix(world, {
      designs,
      scopes,
      scopesLeftOut: leftOut,
      properties,
      deep: Boolean(o.deep),
      ...boundsOf(o),
      replayCommand: replayCommand(outDir, cli.cwd),
      ...progressHooks(cli),
    }, o.jobs);
    // The default directory holds the counterexamples of a full run (the
    // recorded scopes, no bounds): a run over fewer scopes, or one a bound
    // stopped, would replace them with other or longer ones and delete those
    // it did not find.
    const bounded = o.depth !== undefined || o.maxStates !== undefined || o.timeLimit !== undefined;
    if (o.write && (leftOut.length > 0 || bounded) && o.out === undefined) {
      cli.stderr(`pinspec: ${defaultOut}/ left as it is: it records a run of ${recorded.join(', ')} without bounds; --out DIR writes this run's files\n`);
    } else if (o.write) {
      m = writeCounterexamples(m, outDir, cli.cwd, !o.design?.length && !properties);
    }
    cli.stdout(RENDER[o.format as Format](m));
    cli.exitCode = exitCodeOf(m.cells);
  });
}
