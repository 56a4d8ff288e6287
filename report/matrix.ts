// The result of checking designs against properties: one cell per design x
// property, compared with the design's recorded expectation, and the matrix
// as text (designs down, properties across).
import type { Design, Expectation, PropertyName } from '../models/api.js';
import { block, table } from './text.js';
import type { TraceDoc } from './trace-schema.js';

/**
 * - ok: the property holds in every scope checked;
 * - fail: a scope has a counterexample (the shortest is kept);
 * - undecided: a bound or budget stopped a search before it could tell;
 * - absent: the design's model does not define the property.
 */
export type CellStatus = 'ok' | 'fail' | 'undecided' | 'absent';

export interface Cell {
  readonly design: string;
  readonly property: PropertyName;
  readonly status: CellStatus;
  /** Steps of the shortest counterexample, for `fail`. */
  readonly steps?: number;
  readonly expected: Expectation;
  /** true/false: the verdict agrees/disagrees with `expected`; undefined: inconclusive. */
  readonly asExpected: boolean | undefined;
  /** Why the verdict differs, or why it is inconclusive. */
  readonly note?: string;
  readonly counterexample?: TraceDoc;
  /** Where the counterexample was written, relative to the working directory. */
  readonly file?: string;
}

/** One search: a design in one scope. */
export interface Run {
  readonly design: string;
  readonly scope: string;
  readonly status: 'complete' | 'decided' | 'depth-bound' | 'budget';
  readonly reason?: string;
  readonly states: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

export interface MatrixResult {
  readonly designs: readonly Design[];
  readonly properties: readonly PropertyName[];
  readonly scopes: readonly string[];
  readonly cells: readonly Cell[];
  readonly runs: readonly Run[];
}

export function cellAt(m: MatrixResult, design: string, property: string): Cell {
  const c = m.cells.find((x) => x.design === design && x.property === property);
  if (!c) throw new RangeError(`no cell ${design} x ${property}`);
  return c;
}

/** `ok`, `FAIL n`, `xfail n`, `?` or `-`, with `!` when it differs from the expectation. */
export function cellText(c: Cell): string {
  const n = c.steps !== undefined ? ` ${c.steps}` : '';
  const base =
    c.status === 'ok'
      ? 'ok'
      : c.status === 'fail'
        ? c.expected.verdict === 'xfail'
          ? `xfail${n}`
          : `FAIL${n}`
        : c.status === 'undecided'
          ? '?'
          : '-';
  return c.asExpected === false ? `${base}!` : base;
}

/** The exit code of a check: 1 a verdict differs, else 3 one is inconclusive, else 0. */
export function exitCodeOf(cells: readonly Cell[]): 0 | 1 | 3 {
  if (cells.some((c) => c.asExpected === false)) return 1;
  if (cells.some((c) => c.asExpected === undefined)) return 3;
  return 0;
}

export function matrixLines(m: MatrixResult): string[] {
  const rows = m.designs.map((d) => d.name);
  const columns = m.properties.map((p) => ({ header: p, cells: rows.map((d) => cellText(cellAt(m, d, p))) }));
  return table('design', rows, columns);
}

/** Cells that differ from their expectation, and inconclusive ones, one line each. */
export function problemLines(m: MatrixResult): string[] {
  const out: string[] = [];
  for (const c of m.cells) {
    if (c.asExpected === false) out.push(...block(`${c.design} ${c.property}: ${c.note}${c.file ? ` (${c.file})` : ''}`, 2, '! '));
  }
  for (const c of m.cells) {
    if (c.asExpected === undefined) out.push(...block(`${c.design} ${c.property}: inconclusive: ${c.note}`, 2, '? '));
  }
  return out;
}

export function summaryLine(m: MatrixResult): string {
  const differ = m.cells.filter((c) => c.asExpected === false).length;
  const open = m.cells.filter((c) => c.asExpected === undefined).length;
  const states = m.runs.reduce((a, r) => a + r.states, 0);
  const parts = [
    `${m.designs.length} design${m.designs.length === 1 ? '' : 's'} x ${m.properties.length} properties`,
    `scope ${m.scopes.join(', ')}`,
    `${states} states`,
    differ
      ? `${differ} verdict${differ === 1 ? '' : 's'} differ${differ === 1 ? 's' : ''} from the catalog`
      : open
        ? 'no verdict differs from the catalog'
        : 'all verdicts as recorded',
  ];
  if (open) parts.push(`${open} inconclusive`);
  return parts.join('; ');
}
