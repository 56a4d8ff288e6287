// N interchangeable processes, each cycling through K local states
// (0 -> 1 -> ... -> K-1 -> 0). Every one of the K^N vectors is reachable;
// with symmetry (sort the vector) a state is the multiset of local states,
// of which there are C(N+K-1, K-1).
import { array, compileLayout, int, struct, type Infer } from '../../../checker/layout.js';
import type { Model } from '../../../checker/model.js';

export function roundRobin(n: number, k: number, symmetric: boolean) {
  const shape = struct({ local: array(n, int(0, k - 1)) });
  type State = Infer<typeof shape>;
  const model: Model<State, number> = {
    name: `round-robin-${n}x${k}${symmetric ? '-sym' : ''}`,
    layout: compileLayout(shape),
    initialStates: () => [{ local: Array.from({ length: n }, () => 0) }],
    actions: (_s, out) => {
      for (let p = 0; p < n; p++) out.push(p);
    },
    next(d, p) {
      d.local[p] = (d.local[p] + 1) % k;
    },
    properties: [],
    describe: (p) => `advance(P${p})`,
    label: () => 'advance',
    canonicalize: symmetric
      ? (d) => {
          const v = [...d.local].sort((a, b) => a - b);
          for (let p = 0; p < n; p++) d.local[p] = v[p];
        }
      : undefined,
  };
  return model;
}
