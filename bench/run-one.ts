// One measured search, run by bench/main.ts in a child process so that its
// peak RSS is its own. Prints one JSON line: the figures of the run.
//   node dist/bench/run-one.js pinbench <workers>
//   node dist/bench/run-one.js kernel <design> <scope> <workers>
//   node dist/bench/run-one.js reference      (bench/reference/pinbench-flat.ts)
// As `pinspec check --workers N` does (cli/main.ts), it starts the search's
// workers before it loads the checker and the models, which it imports
// only then: the workers start while it loads. They load the model's module
// too, and the search starts once they have (searchWorkersLoaded).
import type { Model } from '../checker/model.js';
import type { ModelSource } from '../checker/search.js';
import { searchWorkersLoaded, startSearchWorkers } from '../checker/worker-pool.js';
import type { RunFigures } from './figures.js';

async function reference(): Promise<RunFigures> {
  const { exploreFlat } = await import('./reference/pinbench-flat.js');
  const { figuresOf } = await import('./figures.js');
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

async function main(argv: string[]): Promise<void> {
  const [what, ...rest] = argv;
  if (what === 'reference') {
    process.stdout.write(`${JSON.stringify(await reference())}\n`);
    return;
  }
  const workers = Number(what === 'pinbench' ? rest[0] : rest[2]);
  const models = new URL(what === 'pinbench' ? './pinbench.js' : '../models/index.js', import.meta.url);
  if (workers > 1) startSearchWorkers(workers - 1, [models]);
  const { bfs, modelSource } = await import('../checker/search.js');
  let model: Model<unknown, unknown>;
  let source: ModelSource;
  if (what === 'pinbench') {
    model = (await import('./pinbench.js')).pinbench as Model<unknown, unknown>;
    source = modelSource(models, 'pinbench');
  } else if (what === 'kernel') {
    const [design, scope] = rest;
    model = (await import('../models/index.js')).buildModel(design, scope);
    source = modelSource(models, 'buildModel', design, scope);
  } else {
    throw new Error(`usage: run-one.js pinbench <workers> | kernel <design> <scope> <workers> | reference`);
  }
  // `pinspec check` explores a scope until every property is decided; the
  // bench explores it all (keepGoing), so the work is the same on every run.
  // The clock starts with every thread's code loaded, as it does on 1
  // worker: not while a worker still boots (Node's bootstrap, the checker's
  // and the model's modules: 0.1-0.25 s, beside the search's first states).
  await searchWorkersLoaded();
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

await main(process.argv.slice(2));
