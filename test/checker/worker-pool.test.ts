// A search's workers come from the thread's pool and go back to it: started
// ahead (and loading given modules ahead), a worker serves one search after
// another, including searches that end before it takes part and searches it
// could not load; a search that fails stops its workers, and the next one
// starts new ones. Every search still reports what the 1-worker search
// reports.
import { describe, expect, it } from 'vitest';
import { bfs, modelSource, type SearchOptions, type SearchResult } from '../../checker/search.js';
import { LOADED } from '../../checker/parallel-shared.js';
import { giveBackSearchWorkers, searchWorkersLoaded, startSearchWorkers, takeSearchWorkers, waitingSearchWorkers } from '../../checker/worker-pool.js';
import { graphModel, type GraphOptions } from './fixtures/graph-model.mjs';

const FIXTURE = new URL('./fixtures/graph-model.mjs', import.meta.url);
const PROBE = new URL('./fixtures/preload-probe.mjs', import.meta.url);

function report(r: SearchResult<unknown, unknown>): unknown {
  return { status: r.status, distinct: r.stats.distinct, generated: r.stats.generated, levels: r.stats.levels, paths: r.verdicts.map((v) => v.path) };
}

/** The search of graph `g` on `workers` threads against the 1-worker one. */
function sameOnTwo(g: GraphOptions, options: SearchOptions, workers = 2): void {
  const model = graphModel(g);
  const two = report(bfs(model, { ...options, workers, source: modelSource(FIXTURE, 'graphModel', g) }));
  expect(two).toEqual(report(bfs(model, options)));
}

const g1: GraphOptions = { seed: 1, nodes: 3000, degree: 3, inits: 2, bad: 0.001, target: 0.002 };
const g2: GraphOptions = { seed: 2, nodes: 5000, degree: 2, inits: 3, bad: 0.0005, target: 0, disabled: 0.2 };

describe('the pool of search workers', () => {
  it('lends a worker started ahead to one search after another', () => {
    startSearchWorkers(1);
    const ids = waitingSearchWorkers();
    expect(ids).toHaveLength(1);
    // Taking part from the first state; ending before it takes part (it is
    // told to finish, whenever it gets there); then other models.
    sameOnTwo(g1, { handoffAt: 0, keepGoing: true });
    expect(waitingSearchWorkers()).toEqual(ids);
    sameOnTwo(g1, { handoffAt: 2 ** 30 });
    sameOnTwo(g2, { handoffAt: 0 });
    sameOnTwo(g2, { keepGoing: true, chunkStates: 61 });
    expect(waitingSearchWorkers()).toEqual(ids);
  });

  it('keeps a worker that could not load a search model, for the next search', () => {
    startSearchWorkers(1);
    const ids = waitingSearchWorkers();
    const model = graphModel(g1);
    expect(() => bfs(model, { workers: 2, source: modelSource(FIXTURE, 'nope'), handoffAt: 0 })).toThrow(/has no export nope/);
    expect(waitingSearchWorkers()).toEqual(ids);
    sameOnTwo(g1, { handoffAt: 0 });
  });

  it('stops the workers of a search that fails, and starts new ones for the next', () => {
    startSearchWorkers(1);
    const ids = waitingSearchWorkers();
    const faulty: GraphOptions = { seed: 12, nodes: 4000, degree: 3, inits: 2, bad: 0, target: 0, faulty: 0.002 };
    const source = modelSource(FIXTURE, 'graphModel', faulty);
    expect(() => bfs(graphModel(faulty), { workers: 2, source, handoffAt: 0, keepGoing: true })).toThrow(RangeError);
    expect(waitingSearchWorkers()).toEqual([]);
    sameOnTwo(g1, { handoffAt: 0 });
    const next = waitingSearchWorkers();
    expect(next).toHaveLength(1);
    expect(next).not.toEqual(ids);
  });

  it('lends two waiting workers to a search on 3 threads', () => {
    startSearchWorkers(2);
    const ids = waitingSearchWorkers();
    sameOnTwo(g2, { handoffAt: 0 });
    sameOnTwo(g1, { handoffAt: 0 }, 3);
    expect(waitingSearchWorkers().sort()).toEqual([...ids].sort());
  });

  it('forgets a waiting worker that ended', async () => {
    const [w] = takeSearchWorkers(1);
    giveBackSearchWorkers([w]);
    const before = waitingSearchWorkers();
    expect(before).toContain(w.threadId);
    await w.terminate();
    await new Promise((r) => setImmediate(r));
    expect(waitingSearchWorkers()).toEqual(before.filter((id) => id !== before.at(-1)));
    sameOnTwo(g1, { handoffAt: 0 });
  });

  it('starts workers that load given modules ahead, and says when they have', async () => {
    // A pool with no waiting worker, so that the one started loads the probe.
    for (const w of takeSearchWorkers(waitingSearchWorkers().length)) await w.terminate();
    startSearchWorkers(1, [PROBE]);
    const [w] = takeSearchWorkers(1);
    const said: unknown[] = [];
    w.on('message', (m) => said.push(m));
    giveBackSearchWorkers([w]);
    await searchWorkersLoaded();
    expect(said).toEqual(['preload-probe loaded', LOADED]);
    sameOnTwo(g1, { handoffAt: 0 });
    expect(waitingSearchWorkers()).toEqual([w.threadId]);
  });

  it('leaves a module that cannot be loaded ahead to the search that needs it', async () => {
    for (const w of takeSearchWorkers(waitingSearchWorkers().length)) await w.terminate();
    startSearchWorkers(1, [new URL('./fixtures/no-such-module.mjs', import.meta.url)]);
    await searchWorkersLoaded();
    expect(waitingSearchWorkers()).toHaveLength(1);
    sameOnTwo(g2, { handoffAt: 0 });
  });

  it('starts only the workers missing', () => {
    startSearchWorkers(2);
    const ids = waitingSearchWorkers();
    expect(ids).toHaveLength(2);
    startSearchWorkers(1);
    expect(waitingSearchWorkers()).toEqual(ids);
  });
});
