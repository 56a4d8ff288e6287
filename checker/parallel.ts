// The parallel search: the same breadth-first search on several worker
// threads, reporting exactly what the 1-worker search reports (same counts,
// same levels, same shortest trace for each property).
//
// How: the hash of a state picks its owner (its part of the store, see
// store.ts, modulo the number of workers); only the owner stores and checks
// it. The search is level-synchronous. In a level, the workers expand chunks
// of the frontier (shared memory) claimed in turn, and send each successor to
// its owner through a shared ring (parallel-shared.ts); the owner keeps, for each new state, the
// smallest (parent id, action index) that reached it. That is what the
// 1-worker search records, because it expands parents in id order and
// actions in order, so the first discovery is the smallest key. At the end
// of the level the states are numbered in key order across all workers (each
// worker sorts its own, then ranks them against the others' sorted keys),
// which is again the 1-worker numbering, so the parents of the next level
// carry the same ids, and by induction every id, parent link and property
// hit is the same. Where the 1-worker search stops in the middle of a level
// (every property decided, or the state budget), the workers compute that
// cut from the ids and recount what the parents before it generated.
//
// The model is built in each worker from a ModelSource (a module URL and an
// export), so it must be importable as JavaScript.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Model } from './model.js';
import {
  BOARD,
  CTL,
  CTL_WORDS,
  boardRow,
  growableBuffer,
  ringBuffers,
  type ModelSource,
  type ParallelOutcome,
  type RingBuffers,
  type SharedSearch,
  type WorkerInput,
  type WorkerOutput,
} from './parallel-shared.js';
import type { Progress } from './stats.js';
import { showBytes } from './store.js';

export type { ModelSource } from './parallel-shared.js';

/** A ModelSource for `exportName` of the module at `moduleUrl`, called with `args` when it is a function. */
export function modelSource(moduleUrl: string | URL, exportName: string, ...args: unknown[]): ModelSource {
  JSON.stringify(args); // must be serialisable
  return { module: String(moduleUrl), export: exportName, args };
}

export interface ParallelOptions extends SharedSearch {
  readonly workers: number;
  readonly maxBytes: number;
  readonly timeLimitMs: number;
  readonly progressMs: number;
  readonly onProgress?: (p: Progress) => void;
}

export interface ParallelRun {
  readonly outcome: ParallelOutcome;
  readonly generated: number;
  readonly coverage: Record<string, number>;
  /** Bytes allocated by the workers' tables and the shared parent links. */
  readonly bytes: number;
  readonly peakRss: number;
  readonly links: { parent(id: number): number; action(id: number): number };
}

const STARTUP_MS = 60_000;

/** The compiled worker entry (under vitest this module runs from its .ts source: use the build in dist/). */
function workerEntry(): URL {
  const here = new URL('./parallel-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../dist/checker/parallel-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`parallel search: no compiled worker at ${fileURLToPath(here)} or ${fileURLToPath(built)} (run npm run build)`);
}

/** Run the search on `opts.workers` threads; blocks until it ends. */
export function runParallel<S, A>(model: Model<S, A>, opts: ParallelOptions): ParallelRun {
  const K = opts.workers;
  const W = model.layout.words;
  const P = opts.properties.length;
  const ctlBuf = new SharedArrayBuffer(CTL_WORDS * 4);
  const ctl = new Int32Array(ctlBuf);
  const boardBuf = new SharedArrayBuffer(K * boardRow(P) * 8);
  const board = new Float64Array(boardBuf);
  const rings: (RingBuffers | null)[] = [];
  for (let from = 0; from < K; from++) {
    for (let to = 0; to < K; to++) rings.push(from === to ? null : ringBuffers(W + 3));
  }
  // Parent links within the memory budget (a level may be numbered past the
  // state budget before the cut is known); the arrays grow as levels are
  // numbered, and only what they grow to is allocated.
  const maxLinks = Math.min(Math.floor(opts.maxBytes / 6), 2 ** 31 - 1);
  const parentOf = growableBuffer(maxLinks * 4);
  const actionOf = growableBuffer(maxLinks * 2);
  const keys = Array.from({ length: K }, () => growableBuffer(maxLinks * 8));
  const levelMax = maxLinks * W * 4;
  const frontiers: [SharedArrayBuffer, SharedArrayBuffer] = [growableBuffer(levelMax), growableBuffer(levelMax)];
  const entry = workerEntry();
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let me = 0; me < K; me++) {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    const input: WorkerInput = {
      me,
      workers: K,
      source: opts.source,
      properties: opts.properties,
      maxDepth: opts.maxDepth,
      maxStates: opts.maxStates,
      maxBytes: Math.floor(opts.maxBytes / K),
      keepGoing: opts.keepGoing,
      ctl: ctlBuf,
      board: boardBuf,
      rings,
      parentOf,
      actionOf,
      keys,
      frontiers,
      port: port2,
    };
    const w = new Worker(entry, { workerData: { parallelSearch: true, input }, transferList: [port2] });
    w.unref();
    workers.push(w);
  }

  // Wait, waking for progress and the time budget.
  const start = performance.now();
  let peakRss = process.memoryUsage.rss();
  let timedOut = false;
  let lastProgress = start;
  for (;;) {
    const finished = Atomics.load(ctl, CTL.finished);
    if (finished === K) break;
    const now = performance.now();
    if (Atomics.load(ctl, CTL.started) + finished < K && now - start > STARTUP_MS) {
      Atomics.store(ctl, CTL.abort, 1);
      for (const w of workers) void w.terminate();
      throw new Error(`parallel search: workers did not start within ${STARTUP_MS / 1000} s`);
    }
    if (now - start > opts.timeLimitMs && !timedOut) {
      timedOut = true;
      Atomics.store(ctl, CTL.abort, 2);
    }
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (opts.onProgress && now - lastProgress >= opts.progressMs) {
      lastProgress = now;
      let distinct = 0;
      let generated = 0;
      let depth = 0;
      for (let o = 0; o < K; o++) {
        const row = o * boardRow(P);
        distinct = Math.max(distinct, board[row + BOARD.base]);
        generated += board[row + BOARD.generated];
        depth = Math.max(depth, board[row + BOARD.depth]);
      }
      for (let o = 0; o < K; o++) distinct += board[o * boardRow(P) + BOARD.records];
      const elapsedMs = now - start;
      opts.onProgress({ distinct, generated, depth, elapsedMs, statesPerSecond: distinct / (elapsedMs / 1000) });
    }
    const wait = Math.max(1, Math.min(opts.progressMs, opts.timeLimitMs - (now - start) + 1, 1000));
    Atomics.wait(ctl, CTL.finished, finished, wait);
  }

  const outputs: WorkerOutput[] = ports.map((port, me) => {
    const m = receiveMessageOnPort(port);
    port.close();
    if (!m) throw new Error(`parallel search: worker ${me} ended without a result`);
    return m.message as WorkerOutput;
  });
  const failed = outputs.find((o) => o.error);
  if (failed) throw new Error(`parallel search, worker ${failed.me}: ${failed.error}`);
  for (const o of outputs) {
    if (o.modelName !== model.name || o.words !== W) {
      throw new Error(
        `parallel search: the model source gave model ${o.modelName} (${o.words} words), not ${model.name} (${W} words)`,
      );
    }
  }
  let outcome = outputs[0].outcome!;
  const budget = outputs.find((o) => o.budget)?.budget;
  if (timedOut || budget) {
    const t = opts.timeLimitMs;
    const reason = budget
      ? `memory budget of ${showBytes(opts.maxBytes)} reached at ${outcome.distinct} states`
      : `time budget of ${t % 1000 === 0 ? `${t / 1000} s` : `${t} ms`} reached`;
    // Unless the last level's decision already ended the search.
    if (outcome.status === 'budget' && outcome.reason === undefined) outcome = { ...outcome, reason };
  }
  const coverage: Record<string, number> = {};
  for (const o of outputs) for (const [l, n] of Object.entries(o.coverage)) coverage[l] = (coverage[l] ?? 0) + n;
  const parents = new Int32Array(parentOf);
  const actions = new Uint16Array(actionOf);
  return {
    outcome,
    generated: outputs.reduce((s, o) => s + o.generated, 0),
    coverage: Object.fromEntries(Object.entries(coverage).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    bytes: outputs.reduce((s, o) => s + o.tableBytes, 0) + parentOf.byteLength + actionOf.byteLength,
    peakRss: Math.max(peakRss, ...outputs.map((o) => o.peakRss)),
    links: { parent: (id) => parents[id], action: (id) => actions[id] },
  };
}
