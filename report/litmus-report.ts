// `pinspec litmus` reports: per test, the verdict per design next to its
// Result: line, and the witness interleaving of each Allowed verdict.
import type { LitmusOutcome, LitmusReport } from '../litmus/run.js';
import { renderLanes } from './lanes.js';
import { block, hanging, indented, table } from './text.js';
import { TOOL_VERSION } from './tool-version.js';
import { xmlEscape as x } from './xml.js';

function mark(o: LitmusOutcome): string {
  return o.asExpected === true ? 'ok' : o.asExpected === false ? 'DIFFERS' : o.verdict === '?' ? 'inconclusive' : 'no Result: line';
}

export function litmusSummary(reports: readonly LitmusReport[]): string {
  const all = reports.flatMap((r) => r.outcomes);
  const differ = all.filter((o) => o.asExpected === false).length;
  const open = all.filter((o) => o.verdict === '?').length;
  return `litmus: ${reports.length} test${reports.length === 1 ? '' : 's'}, ${all.filter((o) => o.asExpected === true).length} verdicts as expected, ${differ} differ, ${open} inconclusive`;
}

export function litmusExitCode(reports: readonly LitmusReport[]): 0 | 1 | 3 {
  const all = reports.flatMap((r) => r.outcomes);
  if (all.some((o) => o.asExpected === false)) return 1;
  if (all.some((o) => o.verdict === '?')) return 3;
  return 0;
}

export function litmusTextOne(r: LitmusReport): string[] {
  const t = r.test;
  const out = hanging(`${t.name} (${t.file})`, 2);
  out.push(...block(`"${t.comment}"`, 2));
  out.push(...block(`exists ${t.exists.text}, scope ${r.scope}`, 2));
  out.push('');
  const rows = r.outcomes.map((o) => o.design);
  out.push(
    ...table('  design', rows.map((d) => `  ${d}`), [
      { header: 'verdict', cells: r.outcomes.map((o) => o.verdict) },
      { header: 'expected', cells: r.outcomes.map((o) => o.expected ?? '-') },
      { header: '', cells: r.outcomes.map(mark) },
    ]),
  );
  for (const o of r.outcomes) {
    if (o.note) out.push(...indented(`${o.design}: ${o.note}`, 2, 4));
  }
  for (const o of r.outcomes) {
    if (!o.witness) continue;
    const seen = Object.entries(o.observed ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    out.push('', ...block(`Witness on ${o.design} (${seen}):`, 2));
    out.push(...renderLanes(o.witness, r.lanes));
  }
  return out;
}

export function litmusText(reports: readonly LitmusReport[]): string {
  const out: string[] = [];
  for (const r of reports) out.push(...litmusTextOne(r), '');
  out.push(litmusSummary(reports));
  return out.join('\n') + '\n';
}

export function litmusJson(reports: readonly LitmusReport[]): string {
  const doc = {
    schema: 'pinspec-litmus',
    version: 1,
    tool: { name: 'pinspec', version: TOOL_VERSION },
    exitCode: litmusExitCode(reports),
    tests: reports.map((r) => ({
      name: r.test.name,
      file: r.test.file,
      comment: r.test.comment,
      scope: r.scope,
      exists: r.test.exists.text,
      outcomes: r.outcomes,
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function litmusMarkdown(reports: readonly LitmusReport[]): string {
  const out = ['## pinspec litmus', '', litmusSummary(reports), '', '| test | design | verdict | expected | |', '|---|---|---|---|---|'];
  for (const r of reports) for (const o of r.outcomes) out.push(`| ${r.test.name} | \`${o.design}\` | ${o.verdict} | ${o.expected ?? '-'} | ${mark(o)} |`);
  for (const r of reports) {
    out.push('', `<details><summary>${r.test.name}</summary>`, '', '```text', ...litmusTextOne(r), '```', '', '</details>');
  }
  return out.join('\n') + '\n';
}

export function litmusJunit(reports: readonly LitmusReport[]): string {
  const all = reports.flatMap((r) => r.outcomes);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pinspec litmus" tests="${all.length}" failures="${all.filter((o) => o.asExpected === false).length}" skipped="${all.filter((o) => o.asExpected === undefined).length}">`,
  ];
  for (const r of reports) {
    const f = r.outcomes.filter((o) => o.asExpected === false).length;
    const s = r.outcomes.filter((o) => o.asExpected === undefined).length;
    out.push(`  <testsuite name="${x(r.test.name)}" tests="${r.outcomes.length}" failures="${f}" skipped="${s}">`);
    for (const o of r.outcomes) {
      const head = `    <testcase classname="${x(r.test.name)}" name="${x(o.design)}"`;
      if (o.asExpected === false) {
        const msg = `${o.verdict}, expected ${o.expected ?? '-'}${o.note ? `: ${o.note}` : ''}`;
        out.push(`${head}>`, `      <failure type="verdict" message="${x(msg)}">${x(litmusTextOne(r).join('\n'))}</failure>`, '    </testcase>');
      } else if (o.asExpected === undefined) {
        out.push(`${head}>`, `      <skipped message="${x(o.note ?? 'no Result: line for this design')}"/>`, '    </testcase>');
      } else out.push(`${head}/>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
