// Running the matrix: every design in every scope through bfs(), each cell
// compared with the design's recorded expectation. Knows nothing of output.
import { bfs, isPass, type ModelSource, type SearchResult } from '../checker/search.js';
import { shrinkTrace } from '../checker/shrink.js';
import type { Progress } from '../checker/stats.js';
import { expectationOf, PROPERTY_NAMES, type Design, type Expectation, type PropertyName, type WorldModel } from '../models/api.js';
import type { Cell, CellStatus, MatrixResult, Run } from '../report/matrix.js';
import { traceDoc } from '../report/trace-doc.js';
import type { TraceDoc } from '../report/trace-schema.js';
import type { World } from './world.js';

export interface Bounds {
  readonly maxDepth?: number;
  readonly maxStates?: number;
  readonly timeLimitMs?: number;
  /** Search workers; more than 1 needs World.modelSource (the workers build the model themselves). */
  readonly workers?: number;
}

export interface MatrixOptions extends Bounds {
  readonly designs: readonly Design[];
  readonly scopes: readonly string[];
  readonly properties?: readonly PropertyName[];
  /** Compare with what the designs record for the deep run (Design.deep over `expected`). */
  readonly deep?: boolean;
  /**
   * Scopes the expectations were recorded over (the default scopes, plus the
   * deep ones with `deep`) that `scopes` leaves out; see compareWithExpectation.
   */
  readonly scopesLeftOut?: readonly string[];
  /** The replay command recorded in a counterexample of `design` x `property`. */
  readonly replayCommand?: (design: string, property: string) => string;
  readonly onProgress?: (what: string, p: Progress) => void;
  /** Called when a search starts and ends (for progress display). */
  readonly onRun?: (what: string, done: boolean) => void;
}

interface Found {
  status: CellStatus;
  doc?: TraceDoc;
  reason?: string;
}

export function searchWorld(
  model: WorldModel,
  properties: readonly string[],
  bounds: Bounds,
  onProgress?: (p: Progress) => void,
  source?: ModelSource,
): SearchResult<unknown, unknown> {
  return bfs(model, {
    properties,
    maxDepth: bounds.maxDepth,
    maxStates: bounds.maxStates,
    timeLimitMs: bounds.timeLimitMs,
    ...(bounds.workers && bounds.workers > 1 ? { workers: bounds.workers, source } : {}),
    onProgress,
  });
}

/**
 * Does a verdict agree with an expectation? With the reason when it does not.
 * An expectation covers the scopes it was recorded over. `missing` names
 * those the run left out or could not decide the property in: then a `pass`
 * still must hold (it holds in every scope), but an expected failure, or its
 * shortest counterexample, may lie in a missing scope, so the property
 * holding, or a longer counterexample than recorded, is inconclusive, not a
 * difference (a shorter one is a difference).
 */
export function compareWithExpectation(
  status: CellStatus,
  steps: number | undefined,
  e: Expectation,
  missing: readonly string[] = [],
): { ok: boolean | undefined; note?: string } {
  if (status === 'undecided') return { ok: undefined };
  if (status === 'absent') {
    return e.verdict === 'pass' ? { ok: true } : { ok: false, note: `expected ${e.verdict}, but the model does not define the property` };
  }
  if (e.verdict === 'pass') {
    return status === 'ok' ? { ok: true } : { ok: false, note: `expected to hold, found a counterexample of ${steps} steps` };
  }
  if (status === 'ok') {
    return missing.length === 0
      ? { ok: false, note: `expected ${e.verdict} (${e.why}), but the property holds` }
      : { ok: undefined, note: `expected ${e.verdict} (${e.why}); it holds in the scopes checked, and the expectation also covers ${missing.join(', ')}` };
  }
  if (e.steps !== undefined && steps !== undefined && steps !== e.steps) {
    return steps > e.steps && missing.length > 0
      ? { ok: undefined, note: `expected a shortest counterexample of ${e.steps} steps, found ${steps}; a shorter one may lie in ${missing.join(', ')}` }
      : { ok: false, note: `expected a shortest counterexample of ${e.steps} steps, found ${steps}` };
  }
  return { ok: true };
}

/** One verdict of one search, as the matrix merges it. */
export interface CellVerdict {
  readonly property: string;
  /** true: holds or reached; false: a counterexample; undefined: undecided. */
  readonly pass: boolean | undefined;
  /** The shrunk counterexample, without its replay command (the matrix adds it). */
  readonly doc?: TraceDoc;
}

/**
 * What one search of the matrix (a design in a scope) found. Plain data, so a
 * worker thread can send it (check-by-scope.ts).
 */
export interface CellRun {
  readonly run: Run;
  readonly verdicts: readonly CellVerdict[];
}

export interface CellOptions extends Bounds {
  readonly properties: readonly PropertyName[];
  readonly onProgress?: (p: Progress) => void;
  /** Where search workers import the model from (with workers > 1). */
  readonly source?: ModelSource;
}

/** Search `design` in `scope` and shrink each counterexample. */
export function runCell(world: World, design: Design, scope: string, o: CellOptions): CellRun {
  const model = world.buildModel(design, scope);
  const defined = o.properties.filter((p) => model.properties.some((q) => q.name === p));
  const r = searchWorld(model, defined, o, o.onProgress, o.source);
  const run: Run = {
    design: design.name,
    scope,
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    states: r.stats.distinct,
    depth: r.stats.depth,
    elapsedMs: r.stats.elapsedMs,
  };
  const verdicts = r.verdicts.map((v): CellVerdict => {
    const pass = isPass(v);
    if (pass !== false || !v.trace) return { property: v.property, pass };
    // BFS gives a shortest trace; shrinking keeps its length and
    // simplifies action arguments until the trace is 1-minimal.
    const trace = shrinkTrace(model, v.property, v.trace).trace;
    return { property: v.property, pass, doc: traceDoc(model, v.property, trace, undefined) };
  });
  return { run, verdicts };
}

/** The label of a search in progress reports. */
export function runLabel(design: string, scope: string): string {
  return `${design} (${scope})`;
}

/** Run the matrix in this thread, one search after another. */
export function runMatrix(world: World, o: MatrixOptions): MatrixResult {
  const properties = o.properties ?? [...PROPERTY_NAMES];
  return assembleMatrix(o, (design, scope) => {
    const what = runLabel(design.name, scope);
    o.onRun?.(what, false);
    const source = o.workers && o.workers > 1 ? world.modelSource?.(design.name, scope) : undefined;
    const cell = runCell(world, design, scope, { ...o, properties, onProgress: o.onProgress && ((p) => o.onProgress!(what, p)), source });
    o.onRun?.(what, true);
    return cell;
  });
}

/**
 * The matrix from each design's searches, taken design by design and scope
 * by scope in the order of `o`: per property the shortest counterexample
 * over the scopes, or why it stays undecided, compared with the catalog.
 */
export function assembleMatrix(o: MatrixOptions, cellOf: (design: Design, scope: string) => CellRun): MatrixResult {
  const properties = o.properties ?? [...PROPERTY_NAMES];
  const cells: Cell[] = [];
  const runs: Run[] = [];
  for (const design of o.designs) {
    const found = new Map<string, Found>();
    // Per property, the scopes whose search stopped before deciding it: like
    // scopes left out, they may hold a shorter counterexample.
    const undecidedIn = new Map<string, string[]>();
    for (const scope of o.scopes) {
      const { run, verdicts } = cellOf(design, scope);
      runs.push(run);
      for (const v of verdicts) {
        const prev = found.get(v.property);
        if (v.pass === false) {
          const replay = o.replayCommand?.(design.name, v.property);
          const raw = v.doc && { ...v.doc, ...(replay ? { replay } : {}) };
          const doc = raw && o.deep ? { ...raw, expected: expectationOf(design, v.property as PropertyName, true) } : raw;
          const shorter = !prev || prev.status !== 'fail' || (doc && prev.doc && doc.steps.length < prev.doc.steps.length);
          if (shorter) found.set(v.property, { status: 'fail', doc });
        } else if (v.pass === undefined) {
          undecidedIn.set(v.property, [...(undecidedIn.get(v.property) ?? []), scope]);
          if (!prev || prev.status === 'ok') found.set(v.property, { status: 'undecided', reason: `scope ${scope}: ${run.reason}` });
        } else if (!prev) {
          found.set(v.property, { status: 'ok' });
        }
      }
    }
    for (const p of properties) {
      const f = found.get(p) ?? { status: 'absent' as const };
      const steps = f.doc?.steps.length;
      const expected = expectationOf(design, p, o.deep);
      const cmp = compareWithExpectation(f.status, steps, expected, [...(o.scopesLeftOut ?? []), ...(undecidedIn.get(p) ?? [])]);
      cells.push({
        design: design.name,
        property: p,
        status: f.status,
        ...(steps !== undefined ? { steps } : {}),
        expected,
        asExpected: cmp.ok,
        ...(cmp.note ? { note: cmp.note } : f.reason ? { note: f.reason } : {}),
        ...(f.doc ? { counterexample: f.doc } : {}),
      });
    }
  }
  return { designs: o.designs, properties, scopes: o.scopes, cells, runs };
}
