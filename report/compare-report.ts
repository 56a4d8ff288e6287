// `pinspec compare D1 D2`: the properties on which two designs differ, each
// with the witness trace of the design that breaks it.
import { cellAt, cellText, type Cell, type MatrixResult } from './matrix.js';
import { block, table } from './text.js';
import { TOOL_VERSION } from './tool-version.js';
import { renderTraceText } from './trace-text.js';
import { xmlEscape as x } from './xml.js';

export interface Difference {
  readonly property: string;
  readonly a: Cell;
  readonly b: Cell;
}

export interface Comparison {
  readonly a: string;
  readonly b: string;
  readonly scopes: readonly string[];
  readonly differences: readonly Difference[];
  /** Properties where either verdict is inconclusive. */
  readonly inconclusive: readonly string[];
}

export function compareDesigns(m: MatrixResult, a: string, b: string): Comparison {
  const differences: Difference[] = [];
  const inconclusive: string[] = [];
  for (const p of m.properties) {
    const ca = cellAt(m, a, p);
    const cb = cellAt(m, b, p);
    if (ca.status === 'undecided' || cb.status === 'undecided') inconclusive.push(p);
    else if ((ca.status === 'fail') !== (cb.status === 'fail')) differences.push({ property: p, a: ca, b: cb });
  }
  return { a, b, scopes: m.scopes, differences, inconclusive };
}

const plain = (c: Cell): string => cellText({ ...c, asExpected: true });

function witnesses(d: Difference): Cell[] {
  return [d.a, d.b].filter((c) => c.counterexample);
}

export function compareText(c: Comparison): string {
  const out = block(`${c.a} vs ${c.b} (scope ${c.scopes.join(', ')}): ${c.differences.length} propert${c.differences.length === 1 ? 'y differs' : 'ies differ'}`, 0);
  if (c.differences.length) {
    out.push('');
    out.push(...table('property', c.differences.map((d) => d.property), [
      { header: c.a, cells: c.differences.map((d) => plain(d.a)) },
      { header: c.b, cells: c.differences.map((d) => plain(d.b)) },
    ]));
  }
  if (c.inconclusive.length) out.push('', ...block(`inconclusive: ${c.inconclusive.join(', ')}`, 2, ''));
  for (const d of c.differences) for (const w of witnesses(d)) out.push('', '-'.repeat(80), '', renderTraceText(w.counterexample!).trimEnd());
  return out.join('\n') + '\n';
}

export function compareJson(c: Comparison): string {
  return JSON.stringify({ schema: 'pinspec-compare', version: 1, tool: { name: 'pinspec', version: TOOL_VERSION }, ...c }, null, 2) + '\n';
}

export function compareMarkdown(c: Comparison): string {
  const out = [`## ${c.a} vs ${c.b}`, '', `| property | \`${c.a}\` | \`${c.b}\` |`, '|---|:---:|:---:|'];
  for (const d of c.differences) out.push(`| ${d.property} | ${plain(d.a)} | ${plain(d.b)} |`);
  if (c.inconclusive.length) out.push('', `Inconclusive: ${c.inconclusive.join(', ')}`);
  for (const d of c.differences) {
    for (const w of witnesses(d)) {
      out.push('', `<details><summary>${w.design} ${w.property}: ${plain(w)}</summary>`, '', '```text', renderTraceText(w.counterexample!).trimEnd(), '```', '', '</details>');
    }
  }
  return out.join('\n') + '\n';
}

export function compareJunit(c: Comparison, properties: readonly string[]): string {
  const name = `${c.a} vs ${c.b}`;
  const cases = properties.map((p) => {
    const d = c.differences.find((z) => z.property === p);
    const head = `    <testcase classname="${x(name)}" name="${x(p)}"`;
    if (c.inconclusive.includes(p)) return `${head}>\n      <skipped message="inconclusive"/>\n    </testcase>`;
    if (!d) return `${head}/>`;
    const msg = `${c.a}: ${plain(d.a)}, ${c.b}: ${plain(d.b)}`;
    const text = witnesses(d).map((w) => renderTraceText(w.counterexample!)).join('\n');
    return `${head}>\n      <failure type="differs" message="${x(msg)}">${x(text)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pinspec compare" tests="${properties.length}" failures="${c.differences.length}" skipped="${c.inconclusive.length}">`,
    `  <testsuite name="${x(name)}" tests="${properties.length}" failures="${c.differences.length}" skipped="${c.inconclusive.length}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
