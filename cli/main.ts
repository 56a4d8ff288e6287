#!/usr/bin/env node
// pinspec: the command line (docs/cli.md; the commands are in pinspec.ts).
// `check --workers N` starts its search workers first, then loads the
// program: the workers start meanwhile (checker/worker-pool.ts).
import { startSearchWorkers } from '../checker/worker-pool.js';
import { searchThreadsAsked } from './workers-asked.js';

startSearchWorkers(searchThreadsAsked(process.argv.slice(2)) - 1);
await import('./pinspec.js');
