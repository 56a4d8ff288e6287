// The search workers of this thread (parallel.ts), kept from one search to
// the next. A worker thread takes 0.1-0.3 s to start (Node's bootstrap and
// the checker's modules, slower while the calling thread searches and V8
// compiles its code on the other core): a program that knows it will search
// on several workers starts them ahead (startSearchWorkers), while it loads
// its models, and a search's workers stay for the next search. A worker
// serves the searches it is given one after the other
// (parallel-worker.ts), so a worker is given back as soon as its search
// has told it to finish. A worker started ahead may also load the modules
// of the models it will search (preload), and the program may wait until
// the waiting workers have loaded their code (searchWorkersLoaded): the
// bench does, so that a search's clock starts with every thread's code
// loaded, as it does on 1 worker.
import { Worker } from 'node:worker_threads';
import { compiledEntry } from './built-file.js';
import { LOADED } from './parallel-shared.js';

/** The workers no search holds, oldest first. */
const waiting: Worker[] = [];
/** When each worker has loaded its modules (or ended). */
const loaded = new WeakMap<Worker, Promise<void>>();

function spawnSearchWorker(preload: readonly URL[] = []): Worker {
  const workerData = { searchWorker: true, preload: preload.map((u) => u.href) };
  const w = new Worker(compiledEntry(import.meta.url, 'checker', 'parallel-worker.js'), { workerData });
  loaded.set(
    w,
    new Promise((resolve) => {
      w.on('message', function onLoaded(m: unknown) {
        if (m !== LOADED) return;
        w.off('message', onLoaded);
        resolve();
      });
      w.once('exit', () => resolve());
    }),
  );
  // A waiting worker does not keep the program alive; one that ended (a
  // failed search stops its workers) leaves the pool.
  w.unref();
  w.once('exit', () => {
    const at = waiting.indexOf(w);
    if (at >= 0) waiting.splice(at, 1);
  });
  return w;
}

/**
 * Start search workers ahead of the searches, so that `count` are waiting;
 * those started now also load the modules `preload` (a model's, whose
 * source a search will name), which a module that cannot be loaded leaves
 * to the search to report.
 */
export function startSearchWorkers(count: number, preload: readonly URL[] = []): void {
  while (waiting.length < count) waiting.push(spawnSearchWorker(preload));
}

/** Resolves once every waiting worker has loaded its modules, or ended. */
export async function searchWorkersLoaded(): Promise<void> {
  const workers = waiting.slice();
  // (A waiting worker does not keep the program alive: meanwhile it must.)
  for (const w of workers) w.ref();
  await Promise.all(workers.map((w) => loaded.get(w)));
  for (const w of workers) w.unref();
}

/** The thread ids of the workers waiting (started ahead, or left by an earlier search), oldest first. */
export function waitingSearchWorkers(): number[] {
  return waiting.map((w) => w.threadId);
}

/** `count` workers for a search: those waiting, then new ones. */
export function takeSearchWorkers(count: number): Worker[] {
  const taken = waiting.splice(0, count);
  while (taken.length < count) taken.push(spawnSearchWorker());
  return taken;
}

/** Workers whose search has told them to finish: the next search takes them. */
export function giveBackSearchWorkers(workers: readonly Worker[]): void {
  waiting.push(...workers);
}
