// The search's fast path (WordStepper: pinbench's recipes on a view of the
// packed words) against immer's produce() on plain objects: the same enabled
// actions and the same successor for every transition out of every state of
// the first 7 BFS levels (found by a plain BFS on immer states, whose level
// counts are pinbench.md's), and out of states deep in the state space
// reached by seeded random walks.
import { describe, expect, it } from 'vitest';
import { pinbench, type PinbenchAction, type PinbenchState } from '../../bench/pinbench.js';
import { WordStepper, encodeInitialWords, stepWithImmer } from '../../checker/step.js';

const layout = pinbench.layout;

/** Compare both paths on every enabled action of `state`; returns the immer successors. */
function compareAt(ws: WordStepper<PinbenchState, PinbenchAction>, state: PinbenchState): PinbenchState[] {
  const slots = new Int32Array(layout.slots);
  const words = new Uint32Array(layout.words);
  layout.encode(state, slots);
  layout.pack(slots, words, 0);
  ws.load(words, 0);
  const plainActs: PinbenchAction[] = [];
  pinbench.actions(state, plainActs);
  const wordActs = ws.actions([]);
  expect(wordActs).toEqual(plainActs);
  const out: PinbenchState[] = [];
  const expected = new Uint32Array(layout.words);
  for (const a of plainActs) {
    const viaImmer = stepWithImmer(pinbench, state, a);
    expect(ws.step(a)).toBe(viaImmer !== undefined);
    if (viaImmer === undefined) continue;
    layout.encode(viaImmer, slots);
    layout.pack(slots, expected, 0);
    expect(Array.from(ws.nxt), pinbench.describe(a)).toEqual(Array.from(expected));
    for (const p of pinbench.properties) expect(p.holds(ws.nxtRead)).toBe(p.holds(viaImmer));
    out.push(viaImmer);
  }
  return out;
}

describe('pinbench: the fast path and immer produce() give the same successors', () => {
  it('on every transition of the first 7 BFS levels', () => {
    const ws = new WordStepper(pinbench);
    let level = pinbench.initialStates();
    const seen = new Set(level.map((s) => JSON.stringify(s)));
    const counts = [level.length];
    let transitions = 0;
    for (let depth = 0; depth < 6; depth++) {
      const next: PinbenchState[] = [];
      for (const s of level) {
        for (const t of compareAt(ws, s)) {
          transitions++;
          const k = JSON.stringify(t);
          if (!seen.has(k)) {
            seen.add(k);
            next.push(t);
          }
        }
      }
      counts.push(next.length);
      level = next;
    }
    expect(counts).toEqual([1, 5, 24, 121, 609, 2334, 6839]);
    expect(transitions).toBeGreaterThan(25_000);
  });

  it('on every transition of states reached by 80 seeded random walks of up to 60 steps', () => {
    const ws = new WordStepper(pinbench);
    let seed = 0x2545f491;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let deepest = 0;
    for (let walk = 0; walk < 80; walk++) {
      let s = pinbench.initialStates()[0];
      const steps = 1 + random(60);
      for (let k = 0; k < steps; k++) {
        const succ = compareAt(ws, s);
        if (succ.length === 0) break;
        s = succ[random(succ.length)];
        deepest = Math.max(deepest, k + 1);
      }
    }
    expect(deepest).toBeGreaterThan(28);
  });

  it('starts from the same initial state', () => {
    const words = new Uint32Array(layout.words);
    encodeInitialWords(pinbench, pinbench.initialStates()[0], words);
    const slots = new Int32Array(layout.slots);
    layout.unpack(words, 0, slots);
    expect(layout.decode(slots)).toEqual(pinbench.initialStates()[0]);
  });
});
