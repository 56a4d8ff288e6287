// The matrix with one worker thread per scope, `jobs` scopes at a time. The
// recipes are shared by every model a process checks, and each scope has its
// own state layout, so its own view classes: in one thread, a run over many
// scopes meets them all at the same field accesses, which then go
// megamorphic (check --deep ran 2.7x slower in one thread than scope by
// scope). A thread per scope sees one layout. The result is the one
// runMatrix() gives: the matrix is assembled in the same order from the
// same searches.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledEntry } from '../checker/built-file.js';
import { PROPERTY_NAMES } from '../models/api.js';
import type { MatrixResult } from '../report/matrix.js';
import { assembleMatrix, runMatrix, type CellRun, type MatrixOptions } from './check-run.js';
import type { ScopeJob, ScopeMessage } from './scope-worker.js';
import { scopeName, type World } from './world.js';

/** Scopes checked at once by default: one per core, each with its search workers. */
export function defaultJobs(searchWorkers: number): number {
  return Math.max(1, Math.floor(availableParallelism() / searchWorkers));
}

/**
 * The matrix of `o`: scope by scope in worker threads, `jobs` at a time, when
 * that pays or `jobs` is given; else in this thread. A thread warms the JIT up
 * again (about 0.5 s), which the small default scopes do not win back (check
 * on the default scopes: the same time either way; one design: 0.7 s in this
 * thread, 1.4 s in threads); with a deep scope among several, the threads
 * save most of the time (check --deep: 126 s -> 39 s).
 */
export async function checkMatrix(world: World, o: MatrixOptions, jobs?: number): Promise<MatrixResult> {
  const deep = new Set(world.deepScopes().map(scopeName));
  const pays = jobs !== undefined || (o.scopes.length > 1 && o.scopes.some((s) => deep.has(s)));
  if (!world.moduleUrl || !pays) return runMatrix(world, o);
  return runMatrixByScope(world.moduleUrl, o, jobs ?? defaultJobs(o.workers ?? 1));
}

export async function runMatrixByScope(worldUrl: string, o: MatrixOptions, jobs: number): Promise<MatrixResult> {
  const properties = o.properties ?? [...PROPERTY_NAMES];
  const cells = new Map<string, CellRun>();
  const key = (design: string, scope: string): string => `${design}\n${scope}`;
  // On the first failure the other threads are stopped: their results no longer matter.
  const live = new Set<Worker>();
  let failure = false;
  const runScope = (scope: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const job: ScopeJob = {
        world: worldUrl,
        scope,
        designs: o.designs.map((d) => d.name),
        properties,
        bounds: { maxDepth: o.maxDepth, maxStates: o.maxStates, timeLimitMs: o.timeLimitMs, workers: o.workers },
        progress: Boolean(o.onProgress),
      };
      const w = new Worker(compiledEntry(import.meta.url, 'cli', 'scope-worker.js'), { workerData: job });
      live.add(w);
      let running: string | undefined;
      w.on('message', (m: ScopeMessage) => {
        if (m.kind === 'start') {
          running = m.what;
          o.onRun?.(m.what, false);
        } else if (m.kind === 'progress') {
          o.onProgress?.(m.what, m.progress);
        } else {
          cells.set(key(m.design, scope), m.cell);
          if (running) o.onRun?.(running, true);
          running = undefined;
        }
      });
      w.on('error', (e) => {
        failure = true;
        for (const other of live) if (other !== w) void other.terminate();
        reject(e);
      });
      w.on('exit', (code) => {
        live.delete(w);
        if (running) o.onRun?.(running, true);
        if (failure) return resolve();
        if (code !== 0) reject(new Error(`checking scope ${scope}: its worker thread exited with code ${code}`));
        else resolve();
      });
    });
  const queue = [...o.scopes];
  const lane = async (): Promise<void> => {
    for (let scope = queue.shift(); scope !== undefined && !failure; scope = queue.shift()) await runScope(scope);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, queue.length)) }, lane));
  return assembleMatrix(o, (design, scope) => {
    const cell = cells.get(key(design.name, scope));
    if (!cell) throw new Error(`checking scope ${scope}: no result for ${design.name}`);
    return cell;
  });
}
