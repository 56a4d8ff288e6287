// A state, memory or time budget ends the search cleanly: status 'budget',
// a one-line reason, partial statistics that add up, verdicts found so far
// kept (with their traces) and the rest undecided. Never an exception.
import { describe, expect, it } from 'vitest';
import { pinbench } from '../../bench/pinbench.js';
import { bfs, type SearchResult } from '../../checker/search.js';
import { counter } from './models/counter.js';

const PINBENCH_STATES = 2_762_054;

function expectPartial(r: SearchResult<unknown, unknown>): void {
  expect(r.status).toBe('budget');
  expect(r.stats.distinct).toBeGreaterThan(0);
  expect(r.stats.distinct).toBeLessThan(PINBENCH_STATES);
  expect(r.stats.levels.reduce((a, b) => a + b, 0)).toBe(r.stats.distinct);
  expect(r.stats.depth).toBe(r.stats.levels.length - 1);
  expect(r.stats.generated).toBeGreaterThanOrEqual(r.stats.distinct - 1);
  expect(Object.values(r.stats.coverage).reduce((a, b) => a + b, 0)).toBe(r.stats.generated);
  expect(r.verdicts.map((v) => v.status)).toEqual(['undecided', 'undecided', 'undecided']);
  expect(r.reason).not.toContain('\n');
}

describe('budgets end the search cleanly', () => {
  it('a state budget stops at exactly that many states', () => {
    const r = bfs(pinbench, { maxStates: 5000 });
    expectPartial(r);
    expect(r.stats.distinct).toBe(5000);
    expect(r.reason).toBe('state budget of 5000 states reached');
  });

  it('a memory budget stops before the store outgrows it', () => {
    const maxBytes = 8 * 2 ** 20;
    const r = bfs(pinbench, { maxBytes });
    expectPartial(r);
    expect(r.reason).toMatch(/^memory budget of 8 MiB reached at \d+ states$/);
    expect(r.stats.distinct * r.stats.bytesPerState).toBeLessThanOrEqual(maxBytes);
  });

  it('a memory budget smaller than the first allocation still ends cleanly', () => {
    const r = bfs(pinbench, { maxBytes: 64 * 1024 });
    expectPartial(r);
    expect(r.reason).toMatch(/^memory budget of 64 KiB reached at \d+ states$/);
    expect(r.stats.distinct * r.stats.bytesPerState).toBeLessThanOrEqual(64 * 1024);
  });

  it('a time budget stops soon after it runs out, and says how long it was', () => {
    const r = bfs(pinbench, { timeLimitMs: 200 });
    expectPartial(r);
    expect(r.reason).toBe('time budget of 200 ms reached');
    expect(r.stats.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(r.stats.elapsedMs).toBeLessThan(2000);
  });

  it('keeps the verdicts found before the budget ran out, with their traces', () => {
    const model = counter(5);
    const r = bfs(model, { keepGoing: true, maxStates: 100 });
    expect(r.status).toBe('budget');
    expect(r.verdicts.map((v) => [v.property, v.status, v.trace?.steps.length])).toEqual([
      ['x-is-not-5', 'violated', 5],
      ['x-reaches-5', 'reached', 5],
    ]);
  });
});
