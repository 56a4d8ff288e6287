// A transition system given as a graph, as a Model: the state is the current
// node, each out-edge an action. Shared by the differential and simulation tests.
import { compileLayout, int, struct } from '../../../checker/layout.js';
import type { Model, Property } from '../../../checker/model.js';

export interface Graph {
  readonly n: number;
  /** Out-edges of each node, in action order; repeats and self-loops allowed. */
  readonly edges: readonly (readonly number[])[];
  /** Initial nodes (repeats allowed: the first occurrence counts). */
  readonly inits: readonly number[];
  readonly bad: ReadonlySet<number>;
  readonly target: ReadonlySet<number>;
  /** Nodes outside the constraint (`within`), or undefined for no constraint. */
  readonly outside?: ReadonlySet<number>;
  readonly maxDepth?: number;
}

export function graphModel(g: Graph, extra: Property<{ n: number }>[] = []): Model<{ n: number }, number> {
  return {
    name: 'random-graph',
    layout: compileLayout(struct({ n: int(0, g.n - 1) })),
    initialStates: () => g.inits.map((n) => ({ n })),
    actions: (s, out) => {
      out.push(...g.edges[s.n]);
    },
    next: (d, to) => {
      d.n = to;
    },
    properties: [
      { name: 'bad', kind: 'always', holds: (s) => !g.bad.has(s.n) },
      { name: 'target', kind: 'sometimes', holds: (s) => g.target.has(s.n) },
      ...extra,
    ],
    describe: (to) => `to ${to}`,
    label: () => 'edge',
    within: g.outside ? (s) => !g.outside!.has(s.n) : undefined,
  };
}
