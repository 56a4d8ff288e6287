// The checker against a plain explicit-graph BFS, on random small transition
// systems drawn by fast-check: distinct states, the reachable set, per-level
// counts, the status of the search and, per property, the verdict and the
// exact shortest trace (the first one in BFS order: initial index, then the
// index of each action in the enabled list).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { array, compileLayout, int, struct } from '../../checker/layout.js';
import type { Model, Property } from '../../checker/model.js';
import { bfs, type SearchResult } from '../../checker/search.js';
import { shrinkTrace } from '../../checker/shrink.js';
import { graphModel, type Graph } from './models/graph.js';

const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 30 }).chain((n) => {
  const node = fc.nat(n - 1);
  const set = (max: number) => fc.uniqueArray(node, { maxLength: max }).map((a) => new Set(a));
  return fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.array(node, { maxLength: 4 }), { minLength: n, maxLength: n }),
    inits: fc.array(node, { minLength: 1, maxLength: 4 }),
    bad: set(3),
    target: set(3),
    outside: fc.option(set(8), { nil: undefined }),
    maxDepth: fc.option(fc.nat(8), { nil: undefined }),
  });
});

/** What the checker should report, computed by a plain BFS; `order` is the reachable set in discovery order. */
interface Expected {
  distinct: number;
  levels: number[];
  depthBound: boolean;
  /** Shortest path (initial index, edge indices) to the first bad / target node met, if any. */
  bad?: { initialIndex: number; indices: number[] };
  target?: { initialIndex: number; indices: number[] };
}

function naiveBfs<K>(
  inits: readonly K[],
  succ: (k: K) => K[],
  allowed: (k: K) => boolean,
  isBad: (k: K) => boolean,
  isTarget: (k: K) => boolean,
  maxDepth = Infinity,
): Expected & { order: K[] } {
  const key = (k: K) => JSON.stringify(k);
  const path = new Map<string, { initialIndex: number; indices: number[] }>();
  const order: K[] = [];
  let frontier: K[] = [];
  inits.forEach((k, i) => {
    if (path.has(key(k))) return;
    path.set(key(k), { initialIndex: i, indices: [] });
    order.push(k);
    frontier.push(k);
  });
  const levels = [frontier.length];
  let depth = 0;
  let depthBound = false;
  while (frontier.length > 0) {
    if (depth === maxDepth) {
      depthBound = frontier.some((u) => succ(u).some((v) => allowed(v) && !path.has(key(v))));
      break;
    }
    const next: K[] = [];
    for (const u of frontier) {
      succ(u).forEach((v, i) => {
        if (!allowed(v) || path.has(key(v))) return;
        const p = path.get(key(u))!;
        path.set(key(v), { initialIndex: p.initialIndex, indices: [...p.indices, i] });
        order.push(v);
        next.push(v);
      });
    }
    if (next.length) levels.push(next.length);
    frontier = next;
    depth++;
  }
  const first = (pred: (k: K) => boolean) => {
    const k = order.find(pred);
    return k === undefined ? undefined : path.get(key(k));
  };
  return {
    distinct: order.length,
    levels,
    depthBound,
    bad: first(isBad),
    target: first(isTarget),
    order,
  };
}

/**
 * Where the 1-worker search stops, computed state by state: after the state
 * whose successors decide every property, or at the first new state beyond
 * a state budget; what it has counted by then. Or, when the model's step to
 * `failTo` throws, whether the search reaches that step. The search gathers the
 * successors of many states before it stores any (checker/batch.ts), and
 * must take back what it counted beyond the stop.
 */
function stateByState(
  g: Graph,
  maxStates = Infinity,
  failTo?: number,
): { status: string; distinct: number; generated: number; levels: number[] } | 'throws' {
  const stored = new Set<number>();
  let undecided = 2;
  const found = { bad: false, target: false };
  const check = (v: number): void => {
    if (!found.bad && g.bad.has(v)) [found.bad, undecided] = [true, undecided - 1];
    if (!found.target && g.target.has(v)) [found.target, undecided] = [true, undecided - 1];
  };
  let generated = 0;
  const levels: number[] = [];
  const budget = () => {
    const counted = levels.reduce((a, b) => a + b, 0);
    if (stored.size > counted) levels.push(stored.size - counted);
    return { status: 'budget', distinct: stored.size, generated, levels };
  };
  let frontier: number[] = [];
  for (const v of g.inits) {
    if (stored.has(v)) continue;
    if (stored.size >= maxStates) return budget();
    stored.add(v);
    frontier.push(v);
    check(v);
  }
  levels.push(stored.size);
  let cut = false;
  while (frontier.length > 0 && undecided > 0) {
    const next: number[] = [];
    for (let k = 0; k < frontier.length && !cut; k++) {
      // The model's step to `failTo` throws: the search throws, unless it stopped before.
      if (g.edges[frontier[k]].includes(failTo ?? -1)) return 'throws';
      const succ = g.edges[frontier[k]].filter(() => (generated++, true)).filter((v) => !g.outside?.has(v));
      for (const v of succ) {
        if (stored.has(v)) continue;
        if (stored.size >= maxStates) return budget();
        stored.add(v);
        next.push(v);
        check(v);
      }
      if (undecided === 0) cut = k + 1 < frontier.length;
    }
    if (next.length) levels.push(next.length);
    frontier = next;
  }
  const status = undecided === 0 && (cut || frontier.length > 0) ? 'decided' : 'complete';
  return { status, distinct: stored.size, generated, levels };
}

/** A recording `always` property that never fails: sees every new state once. */
function recorder<S>(seen: S[], copy: (s: Readonly<S>) => S): Property<S> {
  return { name: 'record', kind: 'always', holds: (s) => (seen.push(copy(s)), true) };
}

function checkVerdicts<S, A>(
  model: Model<S, A>,
  r: SearchResult<S, A>,
  want: Expected,
  conclusive: boolean,
): void {
  const expectVerdict = (name: string, path: Expected['bad'], hit: string, miss: string) => {
    const v = r.verdicts.find((x) => x.property === name)!;
    if (path) {
      expect(v.status).toBe(hit);
      expect(v.path).toEqual(path);
      expect(v.trace!.steps.length).toBe(path.indices.length);
      // A BFS trace is already shortest: shrinking keeps its length.
      expect(shrinkTrace(model, name, v.trace!).trace.steps.length).toBe(path.indices.length);
    } else expect(v.status).toBe(conclusive ? miss : 'undecided');
  };
  expectVerdict('bad', want.bad, 'violated', 'holds');
  expectVerdict('target', want.target, 'reached', 'unreached');
}


// Two interchangeable tokens on the graph; a state is the multiset of their
// nodes. Bad and target sets are sets of unordered pairs.
function pairModel(g: Graph, badPairs: ReadonlySet<string>, targetPairs: ReadonlySet<string>, extra: Property<{ p: number[] }>[] = []) {
  const pairKey = (p: readonly number[]) => `${Math.min(p[0], p[1])},${Math.max(p[0], p[1])}`;
  const model: Model<{ p: number[] }, { who: number; to: number }> = {
    name: 'random-graph-pair',
    layout: compileLayout(struct({ p: array(2, int(0, g.n - 1)) })),
    initialStates: () => g.inits.map((a, i) => ({ p: [a, g.inits[(i + 1) % g.inits.length]] })),
    actions: (s, out) => {
      for (const who of [0, 1]) for (const to of g.edges[s.p[who]]) out.push({ who, to });
    },
    next: (d, a) => {
      d.p[a.who] = a.to;
    },
    canonicalize: (d) => {
      if (d.p[0] > d.p[1]) {
        const t = d.p[0];
        d.p[0] = d.p[1];
        d.p[1] = t;
      }
    },
    properties: [
      { name: 'bad', kind: 'always', holds: (s) => !badPairs.has(pairKey(s.p)) },
      { name: 'target', kind: 'sometimes', holds: (s) => targetPairs.has(pairKey(s.p)) },
      ...extra,
    ],
    describe: (a) => `P${a.who} to ${a.to}`,
    within: g.outside ? (s) => !(g.outside!.has(s.p[0]) && g.outside!.has(s.p[1])) : undefined,
  };
  return model;
}

describe('the checker agrees with a plain explicit-graph BFS', () => {
  it('on random graphs: counts, reachable set, levels, status, verdicts and shortest traces', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const want = naiveBfs(
          g.inits,
          (u) => [...g.edges[u]],
          (v) => !g.outside?.has(v),
          (v) => g.bad.has(v),
          (v) => g.target.has(v),
          g.maxDepth,
        );
        const seen: { n: number }[] = [];
        const model = graphModel(g, [recorder(seen, (s) => ({ n: s.n }))]);
        const r = bfs(model, { maxDepth: g.maxDepth });
        expect(r.stats.distinct).toBe(want.distinct);
        expect(seen.map((s) => s.n)).toEqual(want.order);
        expect(r.stats.levels).toEqual(want.levels);
        expect(r.stats.depth).toBe(want.levels.length - 1);
        expect(r.status).toBe(want.depthBound ? 'depth-bound' : 'complete');
        checkVerdicts(model, r, want, !want.depthBound);

        // Without the recorder the search may stop once both are decided,
        // with the same verdicts and traces.
        const plain = graphModel(g);
        const r2 = bfs(plain, { maxDepth: g.maxDepth });
        const decided = want.bad !== undefined && want.target !== undefined;
        if (!decided) expect(r2.status).toBe(r.status);
        else expect(['decided', 'complete', 'depth-bound']).toContain(r2.status);
        checkVerdicts(plain, r2, want, !want.depthBound);
        expect(r2.stats.distinct).toBeLessThanOrEqual(want.distinct);
      }),
      { numRuns: 2000 },
    );
  });

  it('stops where state by state it would: the same counts, levels and status, with and without a state budget or a failing step', () => {
    const arb = graphArb.chain((g) =>
      fc.record({
        g: fc.constant({ ...g, maxDepth: undefined }),
        maxStates: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        failTo: fc.option(fc.nat(g.n - 1), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ g, maxStates, failTo }) => {
        const want = stateByState(g, maxStates, failTo);
        const plain = graphModel(g);
        const model = {
          ...plain,
          next: (d: { n: number }, to: number) => {
            if (to === failTo) throw new Error(`no step to ${to}`);
            return plain.next(d, to);
          },
        };
        if (want === 'throws') {
          expect(() => bfs(model, { maxStates })).toThrow(`no step to ${failTo}`);
          return;
        }
        const r = bfs(model, { maxStates });
        expect({ status: r.status, distinct: r.stats.distinct, generated: r.stats.generated, levels: r.stats.levels }).toEqual(want);
        expect(r.stats.coverage).toEqual(want.generated > 0 ? { edge: want.generated } : {});
      }),
      { numRuns: 2000 },
    );
  });

  it('with symmetry: two interchangeable tokens, canonicalised by sorting, against a BFS over multisets', () => {
    const arb = graphArb.chain((g) => {
      const pair = fc.tuple(fc.nat(g.n - 1), fc.nat(g.n - 1)).map(([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`);
      return fc.record({
        g: fc.constant(g),
        bad: fc.uniqueArray(pair, { maxLength: 4 }).map((a) => new Set(a)),
        target: fc.uniqueArray(pair, { maxLength: 4 }).map((a) => new Set(a)),
      });
    });
    fc.assert(
      fc.property(arb, ({ g, bad, target }) => {
        const sorted = (a: number, b: number): [number, number] => (a <= b ? [a, b] : [b, a]);
        const inits = g.inits.map((a, i) => sorted(a, g.inits[(i + 1) % g.inits.length]));
        const want = naiveBfs(
          inits,
          ([a, b]) => [...g.edges[a].map((to) => sorted(to, b)), ...g.edges[b].map((to) => sorted(a, to))],
          ([a, b]) => !(g.outside?.has(a) && g.outside?.has(b)),
          ([a, b]) => bad.has(`${a},${b}`),
          ([a, b]) => target.has(`${a},${b}`),
          g.maxDepth,
        );
        const seen: { p: number[] }[] = [];
        const model = pairModel(g, bad, target, [recorder(seen, (s) => ({ p: [s.p[0], s.p[1]] }))]);
        const r = bfs(model, { maxDepth: g.maxDepth });
        expect(r.stats.distinct).toBe(want.distinct);
        expect(seen.map((s) => s.p)).toEqual(want.order);
        expect(r.stats.levels).toEqual(want.levels);
        expect(r.status).toBe(want.depthBound ? 'depth-bound' : 'complete');
        checkVerdicts(model, r, want, !want.depthBound);
      }),
      { numRuns: 1000 },
    );
  });
});
