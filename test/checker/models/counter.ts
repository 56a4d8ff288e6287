// A counter with noise, for shrinking: `inc` and `dec` move x, `spin` and
// `flip` change other fields. x == 5 is bad; since x moves by one, every
// 1-minimal trace to it is exactly five `inc`s.
import { bool, compileLayout, int, struct, type Infer } from '../../../checker/layout.js';
import type { Model } from '../../../checker/model.js';

const shape = struct({ x: int(0, 40), a: int(0, 3), b: bool() });
export type CounterState = Infer<typeof shape>;
export type CounterAction = 'inc' | 'dec' | 'spin' | 'flip';

export function counter(bad = 5): Model<CounterState, CounterAction> {
  return {
    name: `counter-to-${bad}`,
    layout: compileLayout(shape),
    initialStates: () => [{ x: 0, a: 0, b: false }],
    actions(s, out) {
      if (s.x < 40) out.push('inc');
      if (s.x > 0) out.push('dec');
      out.push('spin', 'flip');
    },
    next(d, a) {
      if (a === 'inc') d.x++;
      else if (a === 'dec') d.x--;
      else if (a === 'spin') d.a = (d.a + 1) % 4;
      else d.b = !d.b;
    },
    properties: [
      { name: `x-is-not-${bad}`, kind: 'always', holds: (s) => s.x !== bad },
      { name: `x-reaches-${bad}`, kind: 'sometimes', holds: (s) => s.x === bad },
    ],
    describe: (a) => a,
  };
}
