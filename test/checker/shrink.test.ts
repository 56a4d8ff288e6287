import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search.js';
import { shrinkTrace } from '../../checker/shrink.js';
import { ModelError } from '../../checker/step.js';
import { traceFromIndices } from '../../checker/trace.js';
import { counter, type CounterAction } from './models/counter.js';
import { dieHard } from './models/die-hard.js';
import { naiveFlag, peterson } from './models/mutex.js';
import { registers, write } from './models/registers.js';
import { describeTrace, smallerFailures } from './one-minimal.js';

// A planted long walk on the counter: noise and moves of x within 0..4, then
// `inc`s until x first reaches 5 at the last step.
const plantedWalk = fc.array(fc.constantFrom<CounterAction>('inc', 'dec', 'spin', 'flip'), { minLength: 15, maxLength: 40 }).map((moves) => {
  const out: CounterAction[] = [];
  let x = 0;
  for (const m of moves) {
    if ((m === 'inc' && x === 4) || (m === 'dec' && x === 0)) continue;
    x += m === 'inc' ? 1 : m === 'dec' ? -1 : 0;
    out.push(m);
  }
  while (x < 5) {
    out.push('inc');
    x++;
  }
  return out;
});

describe('shrinking a trace', () => {
  it('shrinks planted long walks to the known minimal one, five incs', () => {
    const model = counter(5);
    fc.assert(
      fc.property(plantedWalk, (actions) => {
        fc.pre(actions.length >= 20);
        for (const property of ['x-is-not-5', 'x-reaches-5']) {
          const s = shrinkTrace(model, property, { initialIndex: 0, actions });
          expect(describeTrace(model, s.trace)).toEqual(['inc', 'inc', 'inc', 'inc', 'inc']);
          expect(s.originalLength).toBe(actions.length);
          expect(s.shrinks).toBeGreaterThan(0);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('simplifies action arguments in the model order: write(r2, 3), write(r0, 3), write(r1, 1) becomes write(r0, 1)', () => {
    const s = shrinkTrace(registers, 'r0-stays-0', { initialIndex: 0, actions: [write(2, 3), write(0, 3), write(1, 1)] });
    expect(describeTrace(registers, s.trace)).toEqual(['write(r0, 1)']);
    expect(s.path).toEqual({ initialIndex: 0, indices: [1] });
    const t = shrinkTrace(registers, 'sum-below-3', { initialIndex: 0, actions: [write(3, 3)] });
    expect(describeTrace(registers, t.trace)).toEqual(['write(r0, 3)']);
  });

  it('gives 1-minimal, deterministic results on random register traces', () => {
    const writes = fc.array(fc.tuple(fc.nat(3), fc.nat(3)).map(([r, v]) => write(r, v)), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(writes, (actions) => {
        const sum = (rs: number[]) => rs.reduce((a, b) => a + b, 0);
        const r = [0, 0, 0, 0];
        let hit = false;
        for (const a of actions) {
          r[a.reg] = a.val;
          hit ||= sum(r) >= 3;
        }
        fc.pre(hit);
        const s = shrinkTrace(registers, 'sum-below-3', { initialIndex: 0, actions });
        expect(smallerFailures(registers, 'sum-below-3', s.trace)).toEqual([]);
        expect(shrinkTrace(registers, 'sum-below-3', { initialIndex: 0, actions })).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the constraint: every state of the shrunk trace lies within the model', () => {
    // x == 3 is only allowed with b set, so the flip cannot be dropped.
    const base = counter(5);
    const model = { ...base, within: (s: { x: number; b: boolean }) => s.x !== 3 || s.b };
    const actions: CounterAction[] = ['spin', 'flip', 'inc', 'inc', 'spin', 'inc', 'dec', 'inc', 'inc', 'inc'];
    const s = shrinkTrace(model, 'x-is-not-5', { initialIndex: 0, actions });
    expect(describeTrace(model, s.trace)).toEqual(['flip', 'inc', 'inc', 'inc', 'inc', 'inc']);
    expect(smallerFailures(model, 'x-is-not-5', s.trace)).toEqual([]);
  });

  it('leaves the shortest BFS traces of the known models as they are, and they are 1-minimal', () => {
    for (const [model, property] of [
      [dieHard, 'big-is-not-4'],
      [dieHard, 'big-holds-4'],
      [naiveFlag, 'mutual-exclusion'],
      [peterson(true), 'mutual-exclusion'],
    ] as const) {
      const v = bfs(model as typeof dieHard, { properties: [property] }).verdicts[0];
      const s = shrinkTrace(model as typeof dieHard, property, v.trace!);
      expect(s.path).toEqual(v.path);
      expect(s.shrinks).toBe(0);
      expect(smallerFailures(model as typeof dieHard, property, s.trace)).toEqual([]);
    }
  });

  it('terminates when the shrinkAction of a model has a cycle', () => {
    // Not strictly simpler: each register's write "shrinks" to the next one's.
    const cyclic = { ...registers, shrinkAction: (a: { reg: number; val: number }) => [write((a.reg + 1) % 4, a.val)] };
    const s = shrinkTrace(cyclic, 'sum-below-3', { initialIndex: 0, actions: [write(3, 3)] });
    expect(describeTrace(cyclic, s.trace)).toEqual(['write(r2, 3)']);
  });

  it('cuts what follows the first failure and keeps the replay path', () => {
    const model = counter(2);
    // inc, inc hits x == 2 at step 2; the rest is dropped.
    const s = shrinkTrace(model, 'x-is-not-2', { initialIndex: 0, actions: ['inc', 'inc', 'inc', 'spin'] });
    expect(describeTrace(model, s.trace)).toEqual(['inc', 'inc']);
    expect(traceFromIndices(model, s.path.initialIndex, s.path.indices)).toEqual(s.trace);
  });

  it('refuses a trace that does not fail or does not replay, with a clear message', () => {
    const model = counter(5);
    expect(() => shrinkTrace(model, 'x-is-not-5', { initialIndex: 0, actions: ['inc'] })).toThrow(
      new ModelError('the trace does not violate x-is-not-5'),
    );
    expect(() => shrinkTrace(model, 'x-reaches-5', { initialIndex: 0, actions: ['spin'] })).toThrow('does not reach x-reaches-5');
    expect(() => shrinkTrace(model, 'x-is-not-5', { initialIndex: 0, actions: ['dec'] })).toThrow('step 1: dec is not enabled');
    expect(() => shrinkTrace(model, 'no-such', { initialIndex: 0, actions: [] })).toThrow('no property no-such in model counter-to-5');
  });

  it('reports a model that throws while a candidate replays, naming the candidate', () => {
    // Enabled by actions() but throwing in next() when x == 0: only a
    // candidate that drops the first inc reaches that.
    const base = counter(3);
    const model = {
      ...base,
      next: (d: { x: number; a: number; b: boolean }, a: CounterAction) => {
        if (a === 'spin' && d.x === 0) throw new Error('spin at zero');
        return base.next(d, a);
      },
    };
    expect(() => shrinkTrace(model, 'x-is-not-3', { initialIndex: 0, actions: ['inc', 'spin', 'inc', 'inc'] })).toThrow(
      /model counter-to-3 threw replaying \[spin, inc, inc\] from initial state 0: spin at zero/,
    );
  });
});
