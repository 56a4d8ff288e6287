// Classic models whose results are published or can be counted by hand.
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search.js';
import { shrinkTrace } from '../../checker/shrink.js';
import { dieHard } from './models/die-hard.js';
import { naiveFlag, peterson } from './models/mutex.js';
import { roundRobin } from './models/round-robin.js';
import { describeTrace, smallerFailures } from './one-minimal.js';

describe('Die Hard jugs (3 and 5 gallons)', () => {
  const r = bfs(dieHard, { keepGoing: true });

  it('reaches 16 states, as TLC reports for DieHard.tla', () => {
    // By hand: a reachable state always has one jug empty or full, and all
    // such states are reachable: small in {0, 3} x big in 0..5 (12) plus
    // big in {0, 5} x small in {1, 2} (4).
    expect(r.status).toBe('complete');
    expect(r.stats.distinct).toBe(16);
    expect(r.stats.levels).toEqual([1, 2, 3, 2, 2, 2, 2, 2]);
  });

  it('is explored whole when no property is checked (nothing to decide is no reason to stop)', () => {
    const all = bfs({ ...dieHard, properties: [] });
    expect(all.status).toBe('complete');
    expect(all.stats.distinct).toBe(16);
    expect(all.stats.levels).toEqual(r.stats.levels);
  });

  it('measures 4 gallons in the 6-step solution of the film', () => {
    const reached = r.verdicts.find((v) => v.property === 'big-holds-4')!;
    expect(reached.status).toBe('reached');
    const steps = ['fillBig', 'bigToSmall', 'emptySmall', 'bigToSmall', 'fillBig', 'bigToSmall'];
    expect(describeTrace(dieHard, reached.trace!)).toEqual(steps);
    expect(reached.trace!.steps.map((s) => s.state)).toEqual([
      { small: 0, big: 5 },
      { small: 3, big: 2 },
      { small: 0, big: 2 },
      { small: 2, big: 0 },
      { small: 2, big: 5 },
      { small: 3, big: 4 },
    ]);
    const violated = r.verdicts.find((v) => v.property === 'big-is-not-4')!;
    expect(violated.status).toBe('violated');
    expect(describeTrace(dieHard, violated.trace!)).toEqual(steps);
  });
});

describe('mutual exclusion', () => {
  it('naive flag: both processes test before either raises, in 4 steps', () => {
    const r = bfs(naiveFlag);
    const v = r.verdicts[0];
    expect(v.status).toBe('violated');
    expect(describeTrace(naiveFlag, v.trace!)).toEqual(['test(P0)', 'test(P1)', 'raise(P0)', 'raise(P1)']);
    expect(smallerFailures(naiveFlag, 'mutual-exclusion', shrinkTrace(naiveFlag, 'mutual-exclusion', v.trace!).trace)).toEqual([]);
  });

  it('Peterson with the turn written before the flag: the 6-step race', () => {
    // P1 gives the turn last, enters while P0's flag is still down, then P0
    // raises its flag and enters because the turn is its own.
    const model = peterson(true);
    const v = bfs(model).verdicts[0];
    expect(v.status).toBe('violated');
    expect(describeTrace(model, v.trace!)).toEqual([
      'giveTurn(P0)',
      'giveTurn(P1)',
      'raiseFlag(P1)',
      'enter(P1)',
      'raiseFlag(P0)',
      'enter(P0)',
    ]);
    expect(smallerFailures(model, 'mutual-exclusion', v.trace!)).toEqual([]);
  });

  it('Peterson keeps mutual exclusion in 20 reachable states', () => {
    // By hand: each flag is up exactly when its process is past idle, so a
    // state is (pc0, pc1, turn) with pc in {idle, first, wait, cs}: 32. The
    // turn is written only by first -> wait (turn = the other), starting 0.
    // Unreachable: (cs, cs, *) (2); a process in wait with the turn its own
    // means the other gave it later and is in wait too, so (idle|first|cs,
    // wait, 1) and (wait, idle|first|cs, 0) (6); a process in cs with the
    // turn its own entered while the other, who gave it, was in wait and
    // stays there, so (cs, idle|first, 0) and (idle|first, cs, 1) (4).
    // 32 - 12 = 20, and a plain Python BFS over the five variables agrees
    // (levels 1 2 3 4 5 4 1).
    const r = bfs(peterson(false));
    expect(r.status).toBe('complete');
    expect(r.verdicts[0].status).toBe('holds');
    expect(r.stats.distinct).toBe(20);
    expect(r.stats.levels).toEqual([1, 2, 3, 4, 5, 4, 1]);
  });
});

describe('symmetry: N interchangeable processes with K local states each', () => {
  const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
  for (const [n, k] of [
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 4],
    [6, 5],
    [8, 3],
  ]) {
    it(`${n} processes, ${k} states: C(${n + k - 1}, ${k - 1}) = ${choose(n + k - 1, k - 1)} canonical states, ${k ** n} without symmetry`, () => {
      const sym = bfs(roundRobin(n, k, true), { keepGoing: true });
      expect(sym.status).toBe('complete');
      expect(sym.stats.distinct).toBe(choose(n + k - 1, k - 1));
      const plain = bfs(roundRobin(n, k, false), { keepGoing: true });
      expect(plain.stats.distinct).toBe(k ** n);
    });
  }
});
