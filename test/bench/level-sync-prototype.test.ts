// The level-synchronous prototype (bench/prototype/level-sync.ts) must find
// what the 1-worker search finds, or its timings say nothing: the same
// states, transitions, levels and coverage, and the same first state (so
// the same path) for targets reached before and after its second thread
// joins. It runs compiled, in a child process (its second thread is a
// worker on the compiled module; npm test builds dist/ first).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bfs, type SearchResult } from '../../checker/search.js';
import type { Model } from '../../checker/model.js';
import { pinbench } from '../../bench/pinbench.js';
import { PROBES } from '../../bench/prototype/level-sync.js';

const PROTOTYPE = fileURLToPath(new URL('../../dist/bench/prototype/level-sync.js', import.meta.url));

interface PrototypeRun {
  distinct: number;
  transitions: number;
  levels: number[];
  coverage: Record<string, number>;
  first: Record<string, { id: number; initial: number; actions: number[] } | null>;
  joinedAtLevel?: number;
}

function prototype(threads: number): PrototypeRun {
  return JSON.parse(execFileSync(process.execPath, [PROTOTYPE, String(threads), '--probes'], { encoding: 'utf8' })) as PrototypeRun;
}

let reference: SearchResult<unknown, unknown>;
beforeAll(() => {
  const probed = { ...pinbench, properties: [...pinbench.properties, ...PROBES] } as Model<unknown, unknown>;
  reference = bfs(probed, { keepGoing: true });
});

describe.each([1, 2])('the level-synchronous prototype on %i thread(s)', (threads) => {
  let run: PrototypeRun;
  beforeAll(() => {
    run = prototype(threads);
  });

  it('explores the states, transitions and levels of the 1-worker search', () => {
    expect(run.distinct).toBe(reference.stats.distinct);
    expect(run.transitions).toBe(reference.stats.generated);
    expect(run.levels).toEqual(reference.stats.levels);
    expect(run.coverage).toEqual(reference.stats.coverage);
  });

  it('finds the first state of each target that the 1-worker search finds, by the same path', () => {
    for (const v of reference.verdicts) {
      const first = run.first[v.property];
      if (v.status === 'holds') expect(first, v.property).toBeNull();
      else {
        expect(v.status, v.property).toBe('reached');
        expect(first, v.property).toEqual({ id: expect.any(Number), initial: v.path?.initialIndex, actions: v.path?.indices });
      }
    }
    expect(reference.verdicts.filter((v) => v.status === 'reached').length).toBe(PROBES.length);
  });

  if (threads === 2) {
    it('had both threads at work on the levels the deeper targets were found in', () => {
      expect(run.joinedAtLevel).toBeGreaterThan(0);
      const deepest = Math.max(...PROBES.map((p) => run.first[p.name]?.actions.length ?? 0));
      expect(run.joinedAtLevel).toBeLessThan(deepest);
    });
  }
});
