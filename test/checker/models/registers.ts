// Four registers written by `write(reg, val)`, all always enabled; for
// shrinking action arguments. shrinkAction proposes a lower register first,
// then a smaller value (the model's own simpler-first order).
import { array, compileLayout, int, struct, type Infer } from '../../../checker/layout.js';
import type { Model } from '../../../checker/model.js';

const shape = struct({ r: array(4, int(0, 3)) });
export type RegState = Infer<typeof shape>;
export interface Write {
  readonly reg: number;
  readonly val: number;
}
export const write = (reg: number, val: number): Write => ({ reg, val });

export const registers: Model<RegState, Write> = {
  name: 'registers',
  layout: compileLayout(shape),
  initialStates: () => [{ r: [0, 0, 0, 0] }],
  actions(_s, out) {
    for (let reg = 0; reg < 4; reg++) for (let val = 0; val < 4; val++) out.push(write(reg, val));
  },
  next(d, a) {
    d.r[a.reg] = a.val;
  },
  properties: [
    { name: 'r0-stays-0', kind: 'always', holds: (s) => s.r[0] === 0 },
    { name: 'sum-below-3', kind: 'always', holds: (s) => s.r[0] + s.r[1] + s.r[2] + s.r[3] < 3 },
  ],
  describe: (a) => `write(r${a.reg}, ${a.val})`,
  shrinkAction: (a) => [
    ...Array.from({ length: a.reg }, (_, reg) => write(reg, a.val)),
    ...Array.from({ length: a.val }, (_, val) => write(a.reg, val)),
  ],
};
