// The fast paths (Stepper: the recipe on a view of a copied slot vector;
// WordStepper, what the search runs: the recipe on a view of the packed
// words) and the reference path (stepWithImmer: the same recipe under
// immer's produce() on a plain object) give the same successor, or all say
// disabled, for every enabled action of random reachable states of several
// models; and every property gives the same answer on all three forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pinbench } from '../../bench/pinbench.js';
import { compileLayout, int, LayoutError, struct } from '../../checker/layout.js';
import type { Model } from '../../checker/model.js';
import { Stepper, WordStepper, encodeInitial, stepWithImmer } from '../../checker/step.js';
import { counter } from './models/counter.js';
import { dieHard } from './models/die-hard.js';
import { mixed } from './models/mixed.js';
import { naiveFlag, peterson } from './models/mutex.js';
import { registers } from './models/registers.js';
import { roundRobin } from './models/round-robin.js';

/**
 * Walk from a random initial state by `choices` (each picks an enabled
 * action modulo their number); at every state visited compare both paths on
 * every enabled action. Returns the number of comparisons.
 */
function compareAlongWalk<S, A>(model: Model<S, A>, initial: number, choices: readonly number[]): number {
  const layout = model.layout;
  const st = new Stepper(model);
  const ws = new WordStepper(model);
  const inits = model.initialStates();
  encodeInitial(model, inits[initial % inits.length], st.cur);
  const viaImmer = new Int32Array(layout.slots);
  const packed = new Uint32Array(layout.words);
  const acts: A[] = [];
  const wordActs: A[] = [];
  let compared = 0;
  for (const choice of [...choices, -1]) {
    const before = st.cur.slice();
    const plain = layout.decode(st.cur);
    const frozen = JSON.stringify(plain);
    layout.pack(st.cur, packed, 0);
    ws.load(packed, 0);
    for (const p of model.properties) {
      expect([p.holds(st.curView), p.holds(ws.curView)], p.name).toEqual([p.holds(plain), p.holds(plain)]);
    }
    const enabled = st.actions(acts).slice();
    expect(ws.actions(wordActs).map((a) => model.describe(a))).toEqual(enabled.map((a) => model.describe(a)));
    const successors: Int32Array[] = [];
    for (const a of enabled) {
      const fast = st.step(a);
      expect(st.cur).toEqual(before); // the fast path never writes the parent
      const viaWords = ws.step(a);
      expect(ws.cur).toEqual(packed);
      const slow = stepWithImmer(model, plain, a);
      expect(JSON.stringify(plain)).toBe(frozen); // nor does produce()
      expect([fast, viaWords]).toEqual([slow !== undefined, slow !== undefined]);
      if (slow !== undefined) {
        layout.encode(slow, viaImmer);
        expect(Array.from(st.nxt), model.describe(a)).toEqual(Array.from(viaImmer));
        const immerWords = new Uint32Array(layout.words);
        layout.pack(viaImmer, immerWords, 0);
        expect(Array.from(ws.nxt), model.describe(a)).toEqual(Array.from(immerWords));
        successors.push(st.nxt.slice());
      }
      compared++;
    }
    if (choice < 0 || successors.length === 0) break;
    st.cur.set(successors[choice % successors.length]);
  }
  return compared;
}

const models: [string, Model<any, any>][] = [
  ['pinbench', pinbench],
  ['die-hard', dieHard],
  ['peterson', peterson(false)],
  ['peterson-turn-first', peterson(true)],
  ['naive-flag', naiveFlag],
  ['mixed (enums, bools, negative ints, nested arrays, struct arrays)', mixed],
  ['round-robin with symmetry', roundRobin(5, 4, true)],
  ['registers', registers],
  ['counter', counter(5)],
];

describe('slot views, word views and immer produce() give identical successors', () => {
  for (const [name, model] of models) {
    it(name, () => {
      let compared = 0;
      fc.assert(
        fc.property(fc.nat(), fc.array(fc.nat(), { maxLength: 40 }), (initial, choices) => {
          compared += compareAlongWalk(model, initial, choices);
        }),
        { numRuns: 60 },
      );
      expect(compared).toBeGreaterThan(100);
    });
  }
});

describe('a recipe that writes what its layout cannot hold', () => {
  const shape = struct({ x: int(0, 10) });
  const base = {
    name: 'overflow',
    layout: compileLayout(shape),
    initialStates: () => [{ x: 10 }],
    actions: (_s: unknown, out: string[]) => {
      out.push('inc');
    },
    properties: [],
    describe: (a: string) => a,
  };
  const overflow: Model<{ x: number }, string> = {
    ...base,
    next: (d) => {
      d.x++;
    },
  };
  const typo: Model<{ x: number }, string> = {
    ...base,
    next: (d) => {
      (d as unknown as { y: number }).y = 1;
    },
  };

  it('throws LayoutError naming the field on all three paths', () => {
    const st = new Stepper(overflow);
    encodeInitial(overflow, { x: 10 }, st.cur);
    expect(() => st.step('inc')).toThrow(new LayoutError('state field x: cannot store 11, expected an integer in 0..10'));
    expect(() => stepWithImmer(overflow, { x: 10 }, 'inc')).toThrow(
      new LayoutError('state field x: cannot store 11, expected an integer in 0..10'),
    );
    const ws = new WordStepper(overflow);
    overflow.layout.pack(st.cur, ws.cur, 0);
    expect(() => ws.step('inc')).toThrow(new LayoutError('state field x: cannot store 11, expected an integer in 0..10'));
  });

  it('refuses a field the layout does not have on all three paths', () => {
    const st = new Stepper(typo);
    expect(() => st.step('inc')).toThrow(TypeError);
    expect(() => new WordStepper(typo).step('inc')).toThrow(TypeError);
    expect(() => stepWithImmer(typo, { x: 0 }, 'inc')).toThrow(LayoutError);
    expect(() => stepWithImmer(typo, { x: 0 }, 'inc')).toThrow('state field y');
  });
});
