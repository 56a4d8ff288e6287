// One measured search, run by bench/main.ts in a child process so that its
// peak RSS is its own. Prints one JSON line: the figures of the run.
//   node dist/bench/run-one.js pinbench <workers>
//   node dist/bench/run-one.js kernel <design> <scope> <workers>
//   node dist/bench/run-one.js reference      (bench/reference/pinbench-flat.ts)
import { bfs, modelSource, type ModelSource } from '../checker/search.js';
import type { Model } from '../checker/model.js';
import { buildModel } from '../models/index.js';
import { pinbench } from './pinbench.js';
import { exploreFlat } from './reference/pinbench-flat.js';
import { figuresOf, type RunFigures } from './figures.js';

function reference(): RunFigures {
  const r = exploreFlat();
  return figuresOf({
    distinct: r.distinct,
    transitions: r.transitions,
    seconds: r.seconds,
    bytesPerState: r.bytesPerState,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    status: r.violated.some((v) => v) ? 'violated' : 'complete',
  });
}

function main(argv: string[]): void {
  const [what, ...rest] = argv;
  if (what === 'reference') {
    process.stdout.write(`${JSON.stringify(reference())}\n`);
    return;
  }
  let model: Model<unknown, unknown>;
  let source: ModelSource;
  let workers: number;
  if (what === 'pinbench') {
    model = pinbench as Model<unknown, unknown>;
    source = modelSource(new URL('./pinbench.js', import.meta.url), 'pinbench');
    workers = Number(rest[0]);
  } else if (what === 'kernel') {
    const [design, scope, w] = rest;
    model = buildModel(design, scope);
    source = modelSource(new URL('../models/index.js', import.meta.url), 'buildModel', design, scope);
    workers = Number(w);
  } else {
    throw new Error(`usage: run-one.js pinbench <workers> | kernel <design> <scope> <workers> | reference`);
  }
  // `pinspec check` explores a scope until every property is decided; the
  // bench explores it all (keepGoing), so the work is the same on every run.
  const r = bfs(model, { workers, source, keepGoing: what === 'kernel' });
  const figures: RunFigures = {
    distinct: r.stats.distinct,
    transitions: r.stats.generated,
    seconds: r.stats.elapsedMs / 1000,
    statesPerSecond: r.stats.statesPerSecond,
    bytesPerState: r.stats.bytesPerState,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    status: r.status,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main(process.argv.slice(2));
