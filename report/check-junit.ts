// `pinspec check` as JUnit XML for CI dashboards: one testsuite per design,
// one testcase per design x property; a failure element when the verdict
// differs from the catalog, skipped when inconclusive.
import { cellText, type Cell, type MatrixResult } from './matrix.js';
import { expectationText, renderTraceText } from './trace-text.js';
import { xmlEscape as x } from './xml.js';

function testcase(c: Cell, seconds: string): string[] {
  const head = `    <testcase classname="${x(c.design)}" name="${x(c.property)}" time="${seconds}">`;
  const body: string[] = [];
  if (c.asExpected === false) {
    const msg = `${cellText(c)}: ${c.note ?? ''}; expected ${expectationText(c.expected)}`;
    const text = c.counterexample ? renderTraceText(c.counterexample) : msg;
    body.push(`      <failure type="verdict" message="${x(msg)}">${x(text)}</failure>`);
  } else if (c.asExpected === undefined) {
    body.push(`      <skipped message="${x(`inconclusive: ${c.note ?? ''}`)}"/>`);
  } else if (c.counterexample) {
    body.push(`      <system-out>${x(renderTraceText(c.counterexample))}</system-out>`);
  }
  return body.length ? [head, ...body, '    </testcase>'] : [head.replace(/>$/, '/>')];
}

export function checkJunit(m: MatrixResult): string {
  const count = (cells: readonly Cell[]): string =>
    `tests="${cells.length}" failures="${cells.filter((c) => c.asExpected === false).length}" errors="0" skipped="${cells.filter((c) => c.asExpected === undefined).length}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="pinspec check" ${count(m.cells)}>`];
  for (const d of m.designs) {
    const cells = m.cells.filter((c) => c.design === d.name);
    const ms = m.runs.filter((r) => r.design === d.name).reduce((a, r) => a + r.elapsedMs, 0);
    const seconds = (ms / 1000 / Math.max(1, cells.length)).toFixed(3);
    out.push(`  <testsuite name="${x(d.name)}" ${count(cells)} time="${(ms / 1000).toFixed(3)}">`);
    for (const c of cells) out.push(...testcase(c, seconds));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
