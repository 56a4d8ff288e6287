// `pinspec check` as plain text: the matrix, the verdicts that differ from the
// catalog or are inconclusive, the searches run, and the full traces of the
// counterexamples nobody expected.
import { matrixLines, problemLines, summaryLine, type MatrixResult } from './matrix.js';
import { block, indented } from './text.js';
import { renderTraceText } from './trace-text.js';

export const LEGEND =
  'ok: holds in the scope; FAIL n: shortest counterexample has n steps; xfail n: ' +
  'a failure the kernel documents as not fixed; ?: inconclusive (bound or budget); ' +
  '-: not modelled; !: differs from the catalog';

export function checkText(m: MatrixResult): string {
  const out: string[] = [];
  out.push(...block(`pinspec check: ${summaryLine(m)}`, 0));
  out.push('');
  out.push(...matrixLines(m));
  out.push('');
  out.push(...block(LEGEND, 0));
  const problems = problemLines(m);
  if (problems.length) out.push('', ...problems);
  out.push('', 'Searches:');
  for (const r of m.runs) {
    const secs = (r.elapsedMs / 1000).toFixed(1);
    out.push(...indented(`${r.design} in ${r.scope}: ${r.states} states, depth ${r.depth}, ${r.reason ?? r.status}, ${secs} s`, 2, 4));
  }
  for (const c of m.cells) {
    if (c.asExpected === false && c.counterexample) out.push('', '-'.repeat(80), '', renderTraceText(c.counterexample).trimEnd());
  }
  return out.join('\n') + '\n';
}
