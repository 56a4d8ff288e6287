// The search workers of this thread (parallel.ts), kept from one search to
// the next. A worker thread takes 0.1-0.3 s to start (Node's bootstrap and
// the checker's modules, slower while the calling thread searches and V8
// compiles its code on the other core): a program that knows it will search
// on several workers starts them ahead (startSearchWorkers), while it loads
// its models, and a search's workers stay for the next search. A worker
// serves the searches it is given one after the other
// (parallel-worker.ts), so a worker is given back as soon as its search
// has told it to finish.
import { Worker } from 'node:worker_threads';
import { compiledEntry } from './built-file.js';

/** The workers no search holds, oldest first. */
const waiting: Worker[] = [];

function spawnSearchWorker(): Worker {
  const w = new Worker(compiledEntry(import.meta.url, 'checker', 'parallel-worker.js'), { workerData: { searchWorker: true } });
  // A waiting worker does not keep the program alive; one that ended (a
  // failed search stops its workers) leaves the pool.
  w.unref();
  w.once('exit', () => {
    const at = waiting.indexOf(w);
    if (at >= 0) waiting.splice(at, 1);
  });
  return w;
}

/** Start search workers ahead of the searches, so that `count` are waiting. */
export function startSearchWorkers(count: number): void {
  while (waiting.length < count) waiting.push(spawnSearchWorker());
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
