// `pinspec check` as Markdown for a PR description: the matrix as a table and
// each counterexample as a folded plain-text block.
import { cellAt, cellText, problemLines, summaryLine, type MatrixResult } from './matrix.js';
import { renderTraceText } from './trace-text.js';

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function checkMarkdown(m: MatrixResult): string {
  const out: string[] = ['## pinspec check', '', summaryLine(m), ''];
  out.push(row(['design', ...m.properties]));
  out.push(row(['---', ...m.properties.map(() => ':---:')]));
  for (const d of m.designs) out.push(row([`\`${d.name}\``, ...m.properties.map((p) => cellText(cellAt(m, d.name, p)))]));
  const problems = problemLines(m);
  if (problems.length) out.push('', '```text', ...problems, '```');
  const traces = m.cells.filter((c) => c.counterexample);
  if (traces.length) out.push('', '### Counterexamples');
  for (const c of traces) {
    const flag = c.asExpected === false ? ' (differs from the catalog)' : '';
    out.push('', `<details><summary>${c.design} ${c.property}: ${cellText(c)}${flag}</summary>`, '', '```text');
    out.push(renderTraceText(c.counterexample!).trimEnd(), '```', '', '</details>');
  }
  return out.join('\n') + '\n';
}
