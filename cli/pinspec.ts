// The command line (docs/cli.md), loaded by main.ts. One line per command below.
import { modelSource } from '../checker/search.js';
import * as world from '../models/index.js';
import { checkCommand } from './commands/check.js';
import { compareCommand } from './commands/compare.js';
import { designsCommand } from './commands/designs.js';
import { litmusCommand } from './commands/litmus.js';
import { realityCommand } from './commands/reality.js';
import { replayCommand } from './commands/replay.js';
import { reproCommand } from './commands/repro.js';
import { simulateCommand } from './commands/simulate.js';
import { nodeCli } from './context.js';
import { runCli, type CommandFactory } from './program.js';

const commands: CommandFactory[] = [
  checkCommand,
  compareCommand,
  replayCommand,
  litmusCommand,
  designsCommand,
  simulateCommand,
  reproCommand,
  realityCommand,
];

// Worker threads (a scope's matrix thread, --workers 2) import the compiled world.
const modelsUrl = new URL('../models/index.js', import.meta.url);
const realWorld = {
  ...world,
  moduleUrl: String(modelsUrl),
  modelSource: (design: string, scope: string) => modelSource(modelsUrl, 'buildModel', design, scope),
};

process.exitCode = await runCli(process.argv.slice(2), nodeCli(realWorld), commands);
