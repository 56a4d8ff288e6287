// The `pinspec` program: commander with every command, errors mapped to exit
// codes (2 for usage and input errors) and printed as one line.
import { Command, CommanderError } from 'commander';
import { InputError } from '../report/input-error.js';
import type { Cli } from './context.js';

export type CommandFactory = (cli: Cli) => Command;

export const USAGE_ERROR = 2;
/** A bug in pinspec or in a model (sysexits EX_SOFTWARE): not a verdict, not the user's input. */
export const INTERNAL_ERROR = 70;

export async function runCli(argv: readonly string[], cli: Cli, commands: readonly CommandFactory[]): Promise<number> {
  const program = new Command('pinspec')
    .description('An executable specification of Linux page pinning (GUP, FOLL_PIN, COW) and a model checker')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => cli.stdout(s), writeErr: (s) => cli.stderr(s) });
  for (const make of commands) {
    program.addCommand(
      make(cli)
        .exitOverride()
        .showHelpAfterError('(add --help for usage)')
        .configureOutput({ writeOut: (s) => cli.stdout(s), writeErr: (s) => cli.stderr(s) }),
    );
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return cli.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : USAGE_ERROR;
    if (e instanceof InputError) {
      cli.stderr(`pinspec: ${e.message}\n`);
      return USAGE_ERROR;
    }
    if (process.env.PINSPEC_DEBUG) throw e;
    cli.stderr(`pinspec: internal error: ${(e as Error).message ?? String(e)} (a bug in pinspec or the model; PINSPEC_DEBUG=1 shows where)\n`);
    return INTERNAL_ERROR;
  }
}
