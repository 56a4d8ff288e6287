// pinspec repro FILE: the C program that replays a counterexample (trace JSON)
// or a litmus test on the machine's real kernel, to stdout or -o FILE.
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { emitC } from '../../reality/emit-c.js';
import { loadCases } from '../../reality/sources.js';
import { InputError } from '../../report/input-error.js';
import type { Cli } from '../context.js';
import { readUserFile } from './replay.js';

export function reproCommand(cli: Cli): Command {
  return new Command('repro')
    .description('write the C program that runs a counterexample (JSON) or litmus test on this kernel, reporting TAP')
    .argument('<file>', 'a trace from counterexamples/ or a .litmus file')
    .option('-o, --output <file>', 'write the program here instead of stdout')
    .option('--thp', 'back anonymous memory with a PMD THP (MADV_HUGEPAGE) instead of base pages')
    .option('--design <name>', 'the design whose verdict is recorded in the header (default: the current kernel)')
    .action((file: string, o: { output?: string; thp?: boolean; design?: string }) => {
      const cases = loadCases(cli.world, file, readUserFile(cli, file), o.design);
      const wanted = o.thp ? 'thp' : 'page';
      const c = cases.find((x) => x.variant === wanted);
      if (!c) throw new InputError(`${file}: no anonymous memory to back with a THP; run without --thp`);
      const program = emitC(c.scenario);
      if (o.output) writeFileSync(resolve(cli.cwd, o.output), program);
      else cli.stdout(program);
    });
}
