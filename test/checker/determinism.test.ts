// Two runs of the same search give byte-identical results (timings aside).
import { describe, expect, it } from 'vitest';
import { pinbench } from '../../bench/pinbench.js';
import type { Model } from '../../checker/model.js';
import { bfs, type SearchOptions } from '../../checker/search.js';
import { simulate } from '../../checker/simulate.js';
import { dieHard } from './models/die-hard.js';
import { mixed } from './models/mixed.js';
import { naiveFlag, peterson } from './models/mutex.js';
import { roundRobin } from './models/round-robin.js';

function report<S, A>(model: Model<S, A>, options: SearchOptions): string {
  const r = bfs(model, options);
  const { generated, distinct, depth, levels, coverage, workers } = r.stats;
  return JSON.stringify({
    status: r.status,
    reason: r.reason,
    verdicts: r.verdicts.map((v) => ({ ...v, trace: v.trace && [v.trace.initial, ...v.trace.steps] })),
    stats: { generated, distinct, depth, levels, coverage, workers },
  });
}

const cases: [string, Model<any, any>, SearchOptions][] = [
  ['pinbench to depth 9', pinbench, { maxDepth: 9 }],
  ['pinbench with a state budget', pinbench, { maxStates: 20_000 }],
  ['die-hard', dieHard, { keepGoing: true }],
  ['naive-flag', naiveFlag, {}],
  ['peterson-turn-first', peterson(true), { keepGoing: true }],
  ['mixed', mixed, { keepGoing: true, maxDepth: 4 }],
  ['round-robin with symmetry', roundRobin(6, 4, true), { keepGoing: true }],
];

describe('determinism', () => {
  for (const [name, model, options] of cases) {
    it(`bfs on ${name}: two runs, identical reports`, () => {
      const a = report(model, options);
      expect(a.length).toBeGreaterThan(100);
      expect(report(model, options)).toBe(a);
    });
  }

  it('simulate: two runs with the same seed, identical results', () => {
    for (const model of [naiveFlag, peterson(true), dieHard] as Model<any, any>[]) {
      const run = () => JSON.stringify({ ...simulate(model, { seed: 99, runs: 50, depth: 40 }), elapsedMs: 0 });
      expect(run()).toBe(run());
    }
  });
});
