// A worker thread of check-by-scope.ts: imports the world, runs the designs it
// is given in its one scope, and posts each search's start, progress and
// result. A thread per scope keeps the recipes' field accesses monomorphic:
// every model it builds has the same layout, so the same view classes.
import { parentPort, workerData } from 'node:worker_threads';
import { modelSource } from '../checker/search.js';
import { startSearchWorkers } from '../checker/worker-pool.js';
import type { Progress } from '../checker/stats.js';
import type { PropertyName } from '../models/api.js';
import { runCell, runLabel, type Bounds, type CellRun } from './check-run.js';
import { designByName, type World } from './world.js';

/** What the thread is given. */
export interface ScopeJob {
  /** The module whose exports are the World (World.moduleUrl). */
  readonly world: string;
  readonly scope: string;
  readonly designs: readonly string[];
  readonly properties: readonly PropertyName[];
  readonly bounds: Bounds;
  /** Post progress reports. */
  readonly progress: boolean;
}

/** What the thread posts, in this order per design: start, progress..., cell. */
export type ScopeMessage =
  | { readonly kind: 'start'; readonly what: string }
  | { readonly kind: 'progress'; readonly what: string; readonly progress: Progress }
  | { readonly kind: 'cell'; readonly design: string; readonly cell: CellRun };

const job = workerData as ScopeJob;
const port = parentPort!;
// The searches' workers start while the world loads (checker/worker-pool.ts).
startSearchWorkers((job.bounds.workers ?? 1) - 1);
const world = (await import(job.world)) as World;
for (const name of job.designs) {
  const design = designByName(world, name);
  const what = runLabel(name, job.scope);
  port.postMessage({ kind: 'start', what } satisfies ScopeMessage);
  const workers = job.bounds.workers ?? 1;
  const cell = runCell(world, design, job.scope, {
    ...job.bounds,
    properties: job.properties,
    ...(job.progress ? { onProgress: (progress) => port.postMessage({ kind: 'progress', what, progress } satisfies ScopeMessage) } : {}),
    ...(workers > 1 ? { source: modelSource(job.world, 'buildModel', name, job.scope) } : {}),
  });
  port.postMessage({ kind: 'cell', design: name, cell } satisfies ScopeMessage);
}
