// The matrix checked scope by scope in worker threads (cli/check-by-scope.ts)
// is the matrix checked in one thread: same cells, counterexamples, runs and
// order, whatever the number of threads at once. A failing thread fails the
// run with its error and stops the others; progress follows the searches
// still running.
import { describe, expect, it } from 'vitest';
import { checkMatrix, runMatrixByScope } from '../../cli/check-by-scope.js';
import { runMatrix, type MatrixOptions } from '../../cli/check-run.js';
import type { Cli } from '../../cli/context.js';
import type { World } from '../../cli/world.js';
import { progressHooks } from '../../cli/progress.js';
import type { ProgressReporter } from '../../checker/progress.js';
import type { Progress } from '../../checker/stats.js';
import { withoutTimings } from './harness.js';
import { realWorld } from './real-world.js';

const compiledWorld = new URL('../../dist/models/index.js', import.meta.url).href;

describe('checking scope by scope in worker threads', () => {
  const names = ['D-GET', 'D-CURRENT', 'D-FORK-NO-SEQCOUNT'];
  const o: MatrixOptions = {
    designs: realWorld.listDesigns().filter((d) => names.includes(d.name)),
    scopes: ['anon-fork', 'fork-race', 'zero'],
    replayCommand: (d, p) => `replay ${d}/${p}`,
  };

  it('gives the matrix of one thread, on 1 and on 2 threads at once, and with 2 search workers each', async () => {
    const events: string[] = [];
    const here = withoutTimings(runMatrix(realWorld, o));
    const one = withoutTimings(await runMatrixByScope(compiledWorld, { ...o, onRun: (what, done) => events.push(`${done ? 'end' : 'start'} ${what}`) }, 1));
    const two = withoutTimings(await runMatrixByScope(compiledWorld, o, 2));
    // Each search on 2 workers too: threads started from a scope's thread
    // (these searches end before their workers would start; thp's below does not).
    const nested = withoutTimings(await runMatrixByScope(compiledWorld, { ...o, workers: 2 }, 1));
    expect(one).toEqual(here);
    expect(two).toEqual(here);
    expect(nested).toEqual(here);
    const thp: MatrixOptions = { ...o, designs: o.designs.filter((d) => d.name === 'D-CURRENT'), scopes: ['thp'] };
    expect(withoutTimings(await runMatrixByScope(compiledWorld, { ...thp, workers: 2 }, 1))).toEqual(withoutTimings(runMatrix(realWorld, thp)));
    const m = here as { cells: { status: string; counterexample?: { replay?: string } }[]; runs: unknown[] };
    expect(m.runs).toHaveLength(9);
    const failing = m.cells.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const c of failing) expect(c.counterexample?.replay).toMatch(/^replay D-/);
    // One thread at a time: each search starts and ends before the next, scope by scope.
    const order = o.scopes.flatMap((s) => o.designs.flatMap((d) => [`start ${d.name} (${s})`, `end ${d.name} (${s})`]));
    expect(events).toEqual(order);
  });

  it('fails with the error a thread met, and stops the others', async () => {
    const world = `data:text/javascript,${encodeURIComponent(`
      export const listDesigns = () => [{ name: 'X' }];
      export function buildModel(design, scope) {
        if (scope === 'bad') throw new Error('no model for ' + design.name + ' in ' + scope);
        for (;;) {}
      }`)}`;
    const bad = { designs: [{ name: 'X' }] as unknown as MatrixOptions['designs'], scopes: ['slow', 'bad', 'never'] };
    await expect(runMatrixByScope(world, bad, 2)).rejects.toThrow('no model for X in bad');
  });
});

describe('when the matrix uses threads', () => {
  // Each world says where it was built when asked for a model, so the run shows which one ran.
  const threaded = `data:text/javascript,${encodeURIComponent(`
    export const listDesigns = () => [{ name: 'X' }];
    export function buildModel() { throw new Error('built in a thread'); }`)}`;
  const world = {
    listDesigns: () => [{ name: 'X' }],
    deepScopes: () => ['deep'],
    buildModel: () => {
      throw new Error('built in this thread');
    },
    moduleUrl: threaded,
  } as unknown as World;
  const run = (scopes: string[], jobs?: number) =>
    checkMatrix(world, { designs: [{ name: 'X' }] as unknown as MatrixOptions['designs'], scopes }, jobs);

  it('runs small scopes in this thread, and several scopes with a deep one in threads', async () => {
    await expect(run(['a', 'b'])).rejects.toThrow('built in this thread');
    await expect(run(['deep'])).rejects.toThrow('built in this thread');
    await expect(run(['a', 'deep'])).rejects.toThrow('built in a thread');
  });

  it('uses threads whenever --jobs is given, and never for a world threads cannot import', async () => {
    await expect(run(['a'], 1)).rejects.toThrow('built in a thread');
    await expect(checkMatrix({ ...world, moduleUrl: undefined }, { designs: [{ name: 'X' }] as unknown as MatrixOptions['designs'], scopes: ['a', 'deep'] }, 2)).rejects.toThrow(
      'built in this thread',
    );
  });
});

describe('progress while scopes run in parallel', () => {
  it('shows the search started last of those running, and follows another when it ends', () => {
    const shown: string[] = [];
    const cli = { progress: true } as Cli;
    const reporter = (label: string): ProgressReporter => ({
      onProgress: (p) => shown.push(`${label}: ${p.distinct}`),
      stop: () => shown.push(`stop ${label}`),
    });
    const h = progressHooks(cli, reporter);
    const p = (distinct: number) => ({ distinct }) as Progress;
    h.onRun!('A', false);
    h.onProgress!('A', p(1));
    h.onRun!('B', false);
    h.onProgress!('A', p(2));
    h.onProgress!('B', p(3));
    h.onRun!('B', true);
    h.onProgress!('A', p(4));
    h.onRun!('A', true);
    expect(shown).toEqual(['A: 1', 'stop A', 'B: 3', 'stop B', 'A: 4', 'stop A']);
  });
});
