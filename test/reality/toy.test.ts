// From a litmus test to a scenario, on the CLI's toy world: the world's
// initial mapping becomes an mmap and a write, the setup runs first, only the
// interleavings the model can run are kept, and the pipe is read once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../../litmus/parse.js';
import { litmusScenario, litmusVerdict } from '../../reality/from-litmus.js';
import { toyWorld } from '../report/toy-world.js';

const LITMUS = new URL('../litmus/fixtures/toy-fork-vmsplice-child-reads.litmus', import.meta.url);
const test = parseLitmus(readFileSync(LITMUS, 'utf8'), 'toy.litmus');

describe('litmus -> scenario', () => {
  const world = toyWorld.buildModel('D-TOY-REFCOUNT');
  const s = litmusScenario(world, test);

  it('translates every instruction to a system call, with the values the model stores', () => {
    expect(s.skip).toBeUndefined();
    expect(s.steps.map((x) => [x.id, x.actor, x.op])).toEqual([
      [1, 'P0', { op: 'map-anon', addr: 'A', writable: true }],
      [2, 'P0', { op: 'write', addr: 'A', value: 0 }],
      [3, 'P0', { op: 'fork', child: 'P1' }],
      [4, 'P0', { op: 'write', addr: 'A', value: 1 }],
      [5, 'P1', { op: 'vmsplice', addr: 'A', pipe: 0 }],
      [6, 'P1', { op: 'munmap', addr: 'A' }],
      [7, 'pipe', { op: 'pipe-read', pipe: 0, obs: 'pipe' }],
    ]);
    expect(s.condition).toEqual({ kind: 'eq', obs: 'pipe', value: 1 });
  });

  it('keeps exactly the interleavings the model runs: the pipe is read after the vmsplice', () => {
    // 4 steps after the fork, P1's two in order, the pipe read after the
    // vmsplice: 8 of the 12 program-order interleavings.
    expect(s.schedules).toHaveLength(8);
    for (const sc of s.schedules) {
      expect(sc.slice(0, 3)).toEqual([1, 2, 3]);
      expect(sc.indexOf(7)).toBeGreaterThan(sc.indexOf(5));
      expect(sc.indexOf(6)).toBeGreaterThan(sc.indexOf(5));
    }
  });

  it('takes the verdict from the litmus explorer', () => {
    expect(litmusVerdict(world, test).kind).toBe('forbidden');
    expect(litmusVerdict(toyWorld.buildModel('D-TOY-MAPCOUNT'), test).kind).toBe('allowed');
  });
});
