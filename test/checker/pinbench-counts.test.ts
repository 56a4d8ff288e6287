import { describe, expect, it } from 'vitest';
import { bfs, modelSource, type SearchResult } from '../../checker/search.js';
import { pinbench } from '../../bench/pinbench.js';
import { exploreFlat } from '../../bench/reference/pinbench-flat.js';
import { PINBENCH_LEVELS as LEVELS } from './fixtures/pinbench-levels.js';

// The workers build pinbench from the compiled module (npm test builds dist/ first).
const SOURCE = modelSource(new URL('../../dist/bench/pinbench.js', import.meta.url), 'pinbench');

describe.each([1, 2])('pinbench, explored exhaustively on %i worker(s)', (workers) => {
  let r: SearchResult<unknown, unknown>;
  it('has 2,762,054 distinct states and 22,783,081 transitions', () => {
    r = bfs(pinbench, { workers, source: SOURCE });
    expect(r.status).toBe('complete');
    expect(r.stats.workers).toBe(workers);
    expect(r.stats.distinct).toBe(2_762_054);
    expect(r.stats.generated).toBe(22_783_081);
  });
  it('has the 29 level counts of pinbench.md', () => {
    expect(r.stats.levels).toEqual(LEVELS);
    expect(r.stats.depth).toBe(28);
  });
  it('keeps its three invariants', () => {
    expect(r.verdicts.map((v) => [v.property, v.status])).toEqual([
      ['ref-is-map-plus-pin', 'holds'],
      ['map-counts-ptes', 'holds'],
      ['writable-is-exclusive', 'holds'],
    ]);
  });
  it('stores a state in at most 32 bytes, parent links included', () => {
    expect(r.stats.bytesPerState).toBeLessThanOrEqual(32);
  });
});

// The bench's hand-written reference must explore the same graph, or its row
// in the bench table compares pinspec with a different model.
describe('the flat reference (bench/reference/pinbench-flat.ts)', () => {
  it('explores the same graph: counts, level counts, no invariant violated', () => {
    const r = exploreFlat();
    expect(r.distinct).toBe(2_762_054);
    expect(r.transitions).toBe(22_783_081);
    expect(r.levels).toEqual(LEVELS);
    expect(r.violated).toEqual([false, false, false]);
  });
});
