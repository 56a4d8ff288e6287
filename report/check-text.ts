// `pinspec check` as plain text: the matrix, the verdicts that differ from the
// catalog or are inconclusive, the searches run, and the full traces of the
// counterexamples nobody expected.
import { matrixLines, problemLines, summaryLine, type MatrixResult } from './matrix.js';
import { block, indented } from './text.js';
import { renderTraceText } from './trace-text.js';

export const LEGEND =
  'ok: holds in the scope; FAIL n: shortest counterexample has n steps; xfail n: ' +
  'a failure the kernel documents as not fixed; ?: inconclusive (a bound or budget, or a recorded scope left out); ' +
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
  out.push('', 'Searches (states explored, deepest level, how they ended):');
  for (const d of m.designs) {
    const runs = m.runs.filter((r) => r.design === d.name);
    const states = runs.reduce((a, r) => a + r.states, 0);
    const depth = Math.max(...runs.map((r) => r.depth));
    const secs = (runs.reduce((a, r) => a + r.elapsedMs, 0) / 1000).toFixed(1);
    const ended = runs.filter((r) => r.status !== 'complete' && r.status !== 'decided');
    const how = ended.length === 0 ? `conclusive in ${runs.length} scope${runs.length === 1 ? '' : 's'}` : `${runs.length - ended.length} of ${runs.length} scopes conclusive`;
    out.push(...indented(`${d.name}: ${states} states, depth ${depth}, ${how}, ${secs} s`, 2, 4));
    for (const r of ended) out.push(...indented(`${r.scope}: ${r.reason ?? r.status}`, 4, 6));
  }
  for (const c of m.cells) {
    if (c.asExpected === false && c.counterexample) out.push('', '-'.repeat(80), '', renderTraceText(c.counterexample).trimEnd());
  }
  return out.join('\n') + '\n';
}
