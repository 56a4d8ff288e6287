// pinspec replay FILE: re-execute a saved counterexample on its design, or on
// --design D to see whether another design (a new patch) still breaks it.
// Exit 0 when the recorded outcome reproduces, 1 when it does not, 2 on bad input.
import { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, located } from '../../report/input-error.js';
import { replayText, replayJson, replayMarkdown, replayJunit } from '../../report/replay-report.js';
import { readTraceDoc } from '../../report/trace-schema.js';
import type { Cli } from '../context.js';
import { formatOption, type Format } from '../options.js';
import { replayTrace } from '../replay-run.js';
import { designByName, scopeByName } from '../world.js';

/** The text of a file the user named, or an InputError saying why it cannot be read. */
export function readUserFile(cli: Cli, file: string): string {
  const path = resolve(cli.cwd, file);
  if (!existsSync(path)) throw new InputError(`${file}: no such file`);
  if (statSync(path).isDirectory()) throw new InputError(`${file}: is a directory, expected a file`);
  return readFileSync(path, 'utf8');
}

export function replayCommand(cli: Cli): Command {
  return new Command('replay')
    .description('re-run a saved counterexample (JSON) on its design or on --design D')
    .argument('<file>', 'a trace written by pinspec check or --format json')
    .option('--design <name>', 'replay on this design instead of the recorded one')
    .addOption(formatOption())
    .action((file: string, o: { design?: string; format: Format }) => {
      const tf = readTraceDoc(readUserFile(cli, file), file);
      const recorded = tf.doc.design.name;
      const name = o.design ?? recorded;
      const design = o.design ? designByName(cli.world, name) : cli.world.listDesigns().find((d) => d.name === name);
      if (!design) {
        throw new InputError(
          located(file, tf.lineOf(['design', 'name']), undefined, `unknown design "${name}"; known designs: ${cli.world.listDesigns().map((d) => d.name).join(', ')}`),
        );
      }
      let scope;
      try {
        scope = scopeByName(cli.world, tf.doc.scope.name);
      } catch (e) {
        throw new InputError(located(file, tf.lineOf(['scope', 'name']), undefined, (e as Error).message));
      }
      const model = cli.world.buildModel(design, scope.name);
      const outcome = replayTrace(model, tf, file, name === recorded);
      const render = { text: replayText, json: replayJson, md: replayMarkdown, junit: replayJunit }[o.format];
      cli.stdout(render(file, tf.doc, design.name, outcome));
      cli.exitCode = outcome.reproduced ? 0 : 1;
    });
}
