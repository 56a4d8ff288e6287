// The parallel search reports exactly what the 1-worker search reports:
// status, reason, counts, levels, coverage and, per property, the verdict and
// the shortest trace's path (initial index, action indices), on random
// transition systems with violations, targets, disabled actions, a
// constraint, symmetry, and every kind of bound. The workers import the
// compiled checker (npm test builds dist/ first).
import { describe, expect, it } from 'vitest';
import { workersGiven, workersTakePart } from '../../checker/parallel.js';
import { bfs, modelSource, type SearchOptions, type SearchResult } from '../../checker/search.js';
import { ModelError } from '../../checker/step.js';
import { graphModel, type GraphOptions } from './fixtures/graph-model.mjs';
import { PINBENCH_LEVELS } from './fixtures/pinbench-levels.js';

const FIXTURE = new URL('./fixtures/graph-model.mjs', import.meta.url);

/** Everything a search reports except timings and memory. */
function report(r: SearchResult<unknown, unknown>): unknown {
  return {
    status: r.status,
    reason: r.reason,
    distinct: r.stats.distinct,
    generated: r.stats.generated,
    levels: r.stats.levels,
    depth: r.stats.depth,
    coverage: r.stats.coverage,
    verdicts: r.verdicts.map((v) => ({ property: v.property, status: v.status, path: v.path, steps: v.trace?.steps.length })),
  };
}

/** The report, or the error's class and message. */
function outcome(run: () => SearchResult<unknown, unknown>): unknown {
  try {
    return report(run());
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

/**
 * Who does what: the workers take part from the first state, or from a
 * state in the middle of a level (the calling thread searches alone before
 * it, as while the workers start); and levels cut into chunks of 16 or 61
 * states (so that the search stops, fails and takes back counts in chunks
 * after the first of a level, blocks end mid-chunk, and the chunk expanded
 * ahead, while the one before it is resolved, is taken back when the
 * search stops in that one).
 */
const SPLITS: SearchOptions[] = [{ handoffAt: 0 }, { handoffAt: 137 }, { handoffAt: 0, chunkStates: 16 }, { handoffAt: 137, chunkStates: 61 }];

/** The 1-worker report, and the 2-worker report for each split. */
function both(g: GraphOptions, options: SearchOptions = {}): { one: unknown; two: unknown[] } {
  const model = graphModel(g);
  const one = report(bfs(model, options));
  const source = modelSource(FIXTURE, 'graphModel', g);
  const two = SPLITS.map((split) => report(bfs(model, { ...options, workers: 2, source, ...split })));
  return { one, two };
}

const graphs: GraphOptions[] = [
  { seed: 1, nodes: 3000, degree: 3, inits: 2, bad: 0.001, target: 0.002 },
  { seed: 2, nodes: 5000, degree: 2, inits: 3, bad: 0.0005, target: 0, disabled: 0.2 },
  { seed: 6, nodes: 4000, degree: 4, inits: 1, bad: 0, target: 0.0005, outside: 0.1 },
  { seed: 4, nodes: 6000, degree: 3, inits: 4, bad: 0.002, target: 0.001, symmetric: true },
  { seed: 5, nodes: 2000, degree: 5, inits: 2, bad: 0, target: 0, disabled: 0.1, outside: 0.05 },
];

describe('1 and 2 workers report the same search', () => {
  it.each(graphs)('graph $seed: stopping at the first verdicts', (g) => {
    const { one, two } = both(g);
    expect(two).toEqual(SPLITS.map(() => one));
  });

  it.each(graphs)('graph $seed: keep going after every verdict', (g) => {
    const { one, two } = both(g, { keepGoing: true });
    expect(two).toEqual(SPLITS.map(() => one));
  });

  it('with depth bounds, state budgets and a property subset', () => {
    // Graph 1 decides both properties in level 8 (states 505 .. 612) after
    // 613 states: state budgets around there cut that level before, at or
    // after the parent that decides.
    const g = graphs[0];
    for (const options of [
      { maxDepth: 0 },
      { maxDepth: 3, keepGoing: true },
      { maxDepth: 50, keepGoing: true },
      { maxStates: 1 },
      { maxStates: 2 },
      { maxStates: 3 },
      ...[400, 505, 506, 550, 600, 612, 613, 614].map((maxStates) => ({ maxStates })),
      { maxStates: 700, keepGoing: true },
      { properties: ['reaches-target'] },
      { properties: [], keepGoing: true },
      { properties: [] },
    ] satisfies SearchOptions[]) {
      const { one, two } = both(g, options);
      expect({ options, report: two }).toEqual({ options, report: SPLITS.map(() => one) });
    }
  });

  it('on 3 workers (two expanders taking states in turn) too', () => {
    for (const g of graphs.slice(0, 3)) {
      for (const options of [{}, { keepGoing: true }, { maxStates: 600 }, { maxDepth: 5 }] satisfies SearchOptions[]) {
        const model = graphModel(g);
        const one = report(bfs(model, options));
        const source = modelSource(FIXTURE, 'graphModel', g);
        // Handing off at an odd state, expander 1 starts and expander 0 follows.
        const three = SPLITS.map((split) => report(bfs(model, { ...options, workers: 3, source, ...split })));
        expect({ seed: g.seed, options, three }).toEqual({ seed: g.seed, options, three: SPLITS.map(() => one) });
      }
    }
  });

  it('finds violations in several levels and reports the same first trace', () => {
    const g: GraphOptions = { seed: 7, nodes: 8000, degree: 3, inits: 2, bad: 0.0003, target: 0.0003 };
    const { one, two } = both(g);
    const v = (one as { verdicts: { status: string }[] }).verdicts;
    expect(v.map((x) => x.status)).toEqual(['violated', 'reached']);
    expect(two).toEqual(SPLITS.map(() => one));
  });
});

describe('an error thrown by the model in an expander is the 1-worker error', () => {
  it('thrown where 1 worker throws it, and not where 1 worker stops before it', () => {
    const kinds = new Set<string>();
    // A recipe throws (faulty) or the constraint throws (faultyWithin). In
    // graph 21 an expander meets a throwing constraint past the state where
    // the search stops, and must take back exactly what it had counted.
    const cases: GraphOptions[] = [11, 12, 13, 14, 15, 16, 21].map((seed) => ({
      seed,
      nodes: 4000,
      degree: 3,
      inits: 2,
      bad: seed === 21 ? 0.003 : 0.001,
      target: 0.002,
      ...(seed % 2 ? { faultyWithin: 0.002 } : { faulty: 0.002 }),
    }));
    for (const g of cases) {
      const seed = g.seed;
      for (const options of [{}, { keepGoing: true }] satisfies SearchOptions[]) {
        const model = graphModel(g);
        const one = outcome(() => bfs(model, options));
        const source = modelSource(FIXTURE, 'graphModel', g);
        const two = SPLITS.map((split) => outcome(() => bfs(model, { ...options, workers: 2, source, ...split })));
        expect({ seed, options, two }).toEqual({ seed, options, two: SPLITS.map(() => one) });
        kinds.add((one as { error?: string }).error ?? 'report');
      }
    }
    // Both cases occur: the search met a faulty edge, and stopped first.
    expect([...kinds].sort()).toEqual(['RangeError', 'report']);
  });
});

describe('a property check that throws, on 2 and 3 workers', () => {
  it('throws where 1 worker throws, and not where 1 worker had decided the property first', () => {
    // reaches-target throws on some nodes, but is checked only while it is
    // undecided: the throw happens, or not, by what the states before it
    // decided, whichever thread expanded them.
    const kinds = new Set<string>();
    for (const seed of [31, 32, 33, 34, 35, 36]) {
      const g: GraphOptions = { seed, nodes: 5000, degree: 3, inits: 2, bad: 0.0005, target: 0.01, faultyCheck: 0.004 };
      for (const options of [{}, { keepGoing: true }, { maxStates: 1500, keepGoing: true }] satisfies SearchOptions[]) {
        const model = graphModel(g);
        const one = outcome(() => bfs(model, options));
        const source = modelSource(FIXTURE, 'graphModel', g);
        const many = [2, 3].flatMap((workers) =>
          SPLITS.map((split) => outcome(() => bfs(model, { ...options, workers, source, ...split }))),
        );
        expect({ seed, options, many }).toEqual({ seed, options, many: many.map(() => one) });
        kinds.add((one as { error?: string }).error ?? 'report');
      }
    }
    expect([...kinds].sort()).toEqual(['RangeError', 'report']);
  });
});

describe('a model that replaces an element of a state array', () => {
  it('is reported by the expander that sees it, as on 1 worker', async () => {
    const { replacingModel } = await import('./fixtures/replacing-model.mjs');
    const source = modelSource(new URL('./fixtures/replacing-model.mjs', import.meta.url), 'replacingModel');
    const model = replacingModel();
    expect(() => bfs(model, { keepGoing: true })).toThrow(ModelError);
    let caught: unknown;
    try {
      bfs(model, { keepGoing: true, workers: 2, source });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as Error).message).toMatch(/^replacing: an element of a state array was replaced, added or removed; assign its fields instead$/);
  });
});

describe('pinbench cut by a state budget in its widest levels', () => {
  // Levels cut into several chunks, the state budget met in the link phase
  // of a chunk past the first of its level, and the threads taking back
  // what they counted beyond it. Workers started at once (handoffAt) have
  // arrays with little room, which grow many times while they run
  // (shared-arrays.ts); started later, room for a long search.
  it('gives the 1-worker report on 2 workers', async () => {
    const { pinbench: model } = await import('../../bench/pinbench.js');
    const source = modelSource(new URL('../../dist/bench/pinbench.js', import.meta.url), 'pinbench');
    const options = { maxStates: 1_234_567, keepGoing: true };
    const one = report(bfs(model, options));
    const two = [{}, { handoffAt: 0 }].map((split) => report(bfs(model, { ...options, workers: 2, source, ...split })));
    expect((one as { status: string }).status).toBe('budget');
    expect(two).toEqual([one, one]);
  });
});

describe('the parallel search refuses what it cannot do, in one line', () => {
  it('needs a model source', () => {
    expect(() => bfs(graphModel(graphs[0]), { workers: 2 })).toThrow(/needs options.source/);
  });

  it('says when the source builds a different model', () => {
    const source = modelSource(FIXTURE, 'graphModel', { ...graphs[0], seed: 99 });
    expect(() => bfs(graphModel(graphs[0]), { workers: 2, source, handoffAt: 0 })).toThrow(/gave model graph-99/);
  });

  it('says when the source has no such export', () => {
    expect(() => bfs(graphModel(graphs[0]), { workers: 2, source: modelSource(FIXTURE, 'nope'), handoffAt: 0 })).toThrow(
      /has no export nope/,
    );
  });
});

describe('a worker that cannot load the model, while the store expands alone', () => {
  it('fails the search', async () => {
    // pinbench takes seconds; the worker fails in a fraction of one.
    const { pinbench: model } = await import('../../bench/pinbench.js');
    expect(() => bfs(model, { workers: 2, source: modelSource(FIXTURE, 'nope'), handoffAt: 2 ** 30 })).toThrow(/has no export nope/);
  });
});

describe('a search that ends before the handoff', () => {
  it('is the 1-worker search, and does not wait for the workers', () => {
    // The workers never take part (a worker that starts later just stops).
    const model = graphModel(graphs[0]);
    const source = modelSource(FIXTURE, 'graphModel', graphs[0]);
    for (const options of [{}, { keepGoing: true }, { maxStates: 600 }] satisfies SearchOptions[]) {
      const one = report(bfs(model, options));
      const two = report(bfs(model, { ...options, workers: 2, source, handoffAt: 2 ** 30 }));
      expect({ options, two }).toEqual({ options, two: one });
    }
  });
});

describe('budgets end the parallel search cleanly', () => {
  const pinbench = modelSource(new URL('../../dist/bench/pinbench.js', import.meta.url), 'pinbench');
  const expectPartial = (r: SearchResult<unknown, unknown>): void => {
    expect(r.status).toBe('budget');
    expect(r.stats.distinct).toBeGreaterThan(0);
    expect(r.stats.levels.reduce((a, b) => a + b, 0)).toBe(r.stats.distinct);
    expect(Object.values(r.stats.coverage).reduce((a, b) => a + b, 0)).toBe(r.stats.generated);
    expect(r.verdicts.map((v) => v.status)).toEqual(['undecided', 'undecided', 'undecided']);
  };

  it('a time budget, with progress reported on the way', async () => {
    const { pinbench: model } = await import('../../bench/pinbench.js');
    const seen: { distinct: number; generated: number }[] = [];
    const r = bfs(model, { workers: 2, source: pinbench, timeLimitMs: 1500, progressMs: 100, onProgress: (p) => seen.push(p) });
    expectPartial(r);
    expect(r.reason).toBe('time budget of 1500 ms reached');
    expect(r.stats.elapsedMs).toBeLessThan(6000);
    expect(seen.length).toBeGreaterThan(3);
    const [first, last] = [seen[0], seen[seen.length - 1]];
    expect(last.distinct).toBeGreaterThan(first.distinct);
    // The expanders' counts reach the progress reports.
    expect(last.generated).toBeGreaterThan(first.generated);
    expect(last.generated).toBeGreaterThan(last.distinct);
  });

  it('a memory budget', async () => {
    const { pinbench: model } = await import('../../bench/pinbench.js');
    const r = bfs(model, { workers: 2, source: pinbench, maxBytes: 16 * 2 ** 20 });
    expectPartial(r);
    expect(r.reason).toMatch(/^memory budget of 16 MiB reached at \d+ states$/);
  });
});

describe('kernel models, built by buildModel in each worker', () => {
  const MODELS = new URL('../../dist/models/index.js', import.meta.url);
  it.each([
    ['D-GET', 'anon-fork'],
    ['D-FORK-NO-SEQCOUNT', 'fork-race'],
    ['D-CURRENT', 'zero'],
  ])('%s in scope %s: the same report on 2 workers', async (design, scope) => {
    const { buildModel } = await import('../../models/index.js');
    const model = buildModel(design, scope);
    const one = report(bfs(model));
    // The workers take part from the first state (left to themselves, they
    // would not: no level of these scopes is wide enough).
    const two = report(bfs(model, { workers: 2, source: modelSource(MODELS, 'buildModel', design, scope), handoffAt: 0 }));
    expect(two).toEqual(one);
  });
});

/** The levels (0-based) of these widths whose expansion the workers take part in. */
const takenPart = (levels: readonly number[]): number[] =>
  levels.flatMap((_, d) => (workersTakePart(levels.slice(0, d + 1)) ? [d] : []));
/** The levels (0-based) of these widths in which the search is given to the workers (if not yet). */
const given = (levels: readonly number[]): number[] =>
  levels.flatMap((_, d) => (workersGiven(levels.slice(0, d + 1)) ? [d] : []));

describe('the levels the workers take part in', () => {
  it('pinbench: from its first level of 16,384 states on, while it widens by half or is 65,536 wide', () => {
    expect(takenPart(PINBENCH_LEVELS)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('D-CURRENT/thp: none, its widest level being little wider than the one before', async () => {
    const { buildModel } = await import('../../models/index.js');
    const levels = bfs(buildModel('D-CURRENT', 'thp'), { keepGoing: true }).stats.levels;
    expect(Math.max(...levels)).toBeGreaterThanOrEqual(16_384);
    expect(takenPart(levels)).toEqual([]);
    // Nor is the search given to them: no level foresees one they take part in.
    expect(given(levels)).toEqual([]);
  });
});

describe('the levels the search is given to the workers in', () => {
  it('pinbench: from the level before its first wide one (6,839 states, 2.93 times the one before: 20,039 foreseen)', () => {
    expect(given(PINBENCH_LEVELS)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('a level foreseen as wide but not widening enough, or too narrow, does not give it', () => {
    // 10,000 after 5,000 foresees 20,000: wide, and widening by half.
    expect(workersGiven([5_000, 10_000])).toBe(true);
    // 12,000 after 10,000 foresees 14,400: not wide enough.
    expect(workersGiven([10_000, 12_000])).toBe(false);
    // 15,000 after 12,000 foresees 18,750, wide but only 1.25 times 15,000.
    expect(workersGiven([12_000, 15_000])).toBe(false);
    // A first level foresees nothing.
    expect(workersGiven([16_000])).toBe(false);
  });
});
