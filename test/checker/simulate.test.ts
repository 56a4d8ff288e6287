import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search.js';
import { replaySimulation, simulate, type SimulationResult } from '../../checker/simulate.js';
import { traceFromIndices } from '../../checker/trace.js';
import { counter } from './models/counter.js';
import { graphModel } from './models/graph.js';
import { naiveFlag, peterson } from './models/mutex.js';
import { describeTrace, smallerFailures } from './one-minimal.js';

const withoutTime = <S, A>(r: SimulationResult<S, A>) => JSON.stringify({ ...r, elapsedMs: 0 });

describe('random simulation', () => {
  it('finds a violation beyond the BFS bound and shrinks it to the 1-minimal trace', () => {
    const model = counter(20);
    const bounded = bfs(model, { maxDepth: 10 });
    expect(bounded.status).toBe('depth-bound');
    expect(bounded.verdicts.map((v) => v.status)).toEqual(['undecided', 'undecided']);

    const r = simulate(model, { seed: 7, runs: 100, depth: 1000 });
    for (const v of r.verdicts) {
      expect(v.status).toBe(v.kind === 'always' ? 'violated' : 'reached');
      expect(describeTrace(model, v.trace!)).toEqual(Array(20).fill('inc'));
      expect(v.originalLength!).toBeGreaterThan(20);
      expect(smallerFailures(model, v.property, v.trace!)).toEqual([]);
      expect(traceFromIndices(model, v.path!.initialIndex, v.path!.indices)).toEqual(v.trace);
    }
    expect(r.steps).toBeGreaterThan(0);
  });

  it('replays: the same seed gives the same result, and seed + path give the same trace', () => {
    const model = counter(20);
    const a = simulate(model, { seed: 12345, runs: 100, depth: 1000 });
    const b = simulate(model, { seed: 12345, runs: 100, depth: 1000 });
    expect(withoutTime(a)).toBe(withoutTime(b));
    const v = a.verdicts[0];
    expect(v.replay).toMatchObject({ seed: 12345, depth: 1000 });
    expect(v.replay!.path).toMatch(/^\d+(:\d+)*$/);
    const again = replaySimulation(model, v.property, v.replay!);
    expect(again.trace).toEqual(v.trace);
    expect(again.path).toEqual(v.path);
  });

  it('finds the naive-flag race, 1-minimal, and nothing in correct Peterson', () => {
    const r = simulate(naiveFlag, { seed: 1, runs: 200, depth: 50 });
    const v = r.verdicts[0];
    expect(v.status).toBe('violated');
    expect(v.trace!.steps).toHaveLength(4);
    expect(smallerFailures(naiveFlag, 'mutual-exclusion', v.trace!)).toEqual([]);

    const ok = simulate(peterson(false), { seed: 1, runs: 200, depth: 50 });
    expect(ok.verdicts).toEqual([{ property: 'mutual-exclusion', kind: 'always', status: 'undecided', walks: 200 }]);
  });

  it('on random graphs: every reported trace fails, is 1-minimal and replays from its seed and path', () => {
    const graph = fc.integer({ min: 2, max: 20 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }), { minLength: n, maxLength: n }),
        inits: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
        bad: fc.uniqueArray(fc.nat(n - 1), { maxLength: 2 }),
        seed: fc.integer(),
      }),
    );
    fc.assert(
      fc.property(graph, (g) => {
        const bad = new Set(g.bad);
        const model = graphModel({ n: g.n, edges: g.edges, inits: g.inits, bad, target: bad });
        const r = simulate(model, { seed: g.seed, runs: 20, depth: 30 });
        const exact = bfs(model);
        for (const v of r.verdicts) {
          const e = exact.verdicts.find((x) => x.property === v.property)!;
          if (v.status === 'undecided') continue;
          expect(v.status).toBe(e.status);
          expect(smallerFailures(model, v.property, v.trace!)).toEqual([]);
          expect(v.trace!.steps.length).toBeGreaterThanOrEqual(e.trace!.steps.length);
          expect(replaySimulation(model, v.property, v.replay!).path).toEqual(v.path);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reports a model that throws on a walk, with the walk that led there', () => {
    const base = counter(9);
    const model = {
      ...base,
      next: (d: { x: number; a: number; b: boolean }, a: 'inc' | 'dec' | 'spin' | 'flip') => {
        if (a === 'flip' && d.x === 2) throw new Error('flip at two');
        return base.next(d, a);
      },
    };
    expect(() => simulate(model, { seed: 3, runs: 100, depth: 50 })).toThrow(
      /^model counter-to-9 threw in flip after \[(inc|dec|spin|flip)(, (inc|dec|spin|flip))*\] from initial state 0: flip at two$/,
    );
  });

  it('rejects bad options with a one-line message', () => {
    expect(() => simulate(counter(5), { depth: -1 })).toThrow('simulation depth must be a non-negative integer, not -1');
    expect(() => simulate(counter(5), { runs: 0 })).toThrow('simulation runs must be a positive integer, not 0');
    expect(() => simulate(counter(5), { properties: ['nope'] })).toThrow('no property nope in model counter-to-5');
    expect(() => replaySimulation(counter(5), 'x-is-not-5', { seed: 1, path: '0', depth: 3 })).toThrow(
      'seed 1 path 0 does not replay a trace hitting x-is-not-5',
    );
  });
});
