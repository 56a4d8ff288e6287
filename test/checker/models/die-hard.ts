// The Die Hard jugs puzzle (Lamport, "The TLA+ Video Course", lecture 4):
// a 3-gallon and a 5-gallon jug, a tap and a drain; measure exactly 4
// gallons. As in DieHard.tla every action is always enabled (filling a full
// jug is a step that changes nothing).
import { compileLayout, int, struct, type Infer } from '../../../checker/layout.js';
import type { Model } from '../../../checker/model.js';

const shape = struct({ small: int(0, 3), big: int(0, 5) });
export type Jugs = Infer<typeof shape>;
export type JugAction = 'fillSmall' | 'fillBig' | 'emptySmall' | 'emptyBig' | 'smallToBig' | 'bigToSmall';
export const JUG_ACTIONS: readonly JugAction[] = ['fillSmall', 'fillBig', 'emptySmall', 'emptyBig', 'smallToBig', 'bigToSmall'];

export const dieHard: Model<Jugs, JugAction> = {
  name: 'die-hard',
  layout: compileLayout(shape),
  initialStates: () => [{ small: 0, big: 0 }],
  actions: (_s, out) => {
    out.push(...JUG_ACTIONS);
  },
  next(d, a) {
    switch (a) {
      case 'fillSmall':
        d.small = 3;
        return;
      case 'fillBig':
        d.big = 5;
        return;
      case 'emptySmall':
        d.small = 0;
        return;
      case 'emptyBig':
        d.big = 0;
        return;
      case 'smallToBig': {
        const poured = Math.min(d.small, 5 - d.big);
        d.small -= poured;
        d.big += poured;
        return;
      }
      case 'bigToSmall': {
        const poured = Math.min(d.big, 3 - d.small);
        d.big -= poured;
        d.small += poured;
        return;
      }
    }
  },
  properties: [
    { name: 'big-is-not-4', kind: 'always', holds: (s) => s.big !== 4 },
    { name: 'big-holds-4', kind: 'sometimes', holds: (s) => s.big === 4 },
  ],
  describe: (a) => a,
  label: (a) => a,
};
