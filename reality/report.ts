// The reality check's report: per test the model's verdict for the current
// kernel next to what this kernel did, then the counts and every skip reason.
// Plain ASCII, 80 columns, for mail.
import type { CaseResult, RealityRun } from './check.js';
import { counts } from './check.js';
import { wrapAtSpaces } from './wrap.js';

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function kernelCell(r: CaseResult): string {
  const k = r.kernel;
  switch (k.kind) {
    case 'observed':
    case 'not-observed':
      return `${k.kind === 'observed' ? 'observed' : 'not observed'}${k.schedules > 1 ? ` ${k.observedIn}/${k.schedules}` : ''}`;
    case 'skip':
      return 'skipped';
    case 'error':
      return 'error';
  }
}

/** `text` in lines of at most 80 columns where spaces allow, the first indented by `indent`, the rest by two more. */
const wrap = (text: string, indent: string): string[] => wrapAtSpaces(text, 80 - indent.length).map((l) => indent + l);

const modelCell = (r: CaseResult): string => (r.case.model.kind === 'none' ? 'no verdict' : r.case.model.kind === 'allowed' ? 'Allowed' : 'Forbidden');

function summaryLine(run: RealityRun): string {
  const c = counts(run);
  const parts = [`${c.agree} agree`, `${c.disagree + c.expected} disagree${c.expected ? ` (${c.expected} expected, documented)` : ''}`, `${c.skip} skipped`];
  if (c.error) parts.push(`${c.error} errors`);
  return parts.join(', ');
}

export function realityText(run: RealityRun): string {
  const designs = [...new Set(run.results.map((r) => r.case.model.design))];
  const out: string[] = [];
  out.push(`reality check on ${run.kernel ?? 'this kernel'}; model: ${designs.join(', ') || '(none)'}`);
  out.push('');
  out.push(`${pad('test', 34)} ${pad('variant', 7)} ${pad('model', 10)} ${pad('kernel', 16)} result`);
  for (const r of run.results) {
    const name = r.case.name.length > 34 ? r.case.name.slice(0, 31) + '...' : r.case.name;
    out.push(`${pad(name, 34)} ${pad(r.case.variant, 7)} ${pad(modelCell(r), 10)} ${pad(kernelCell(r), 16)} ${r.agreement}`);
  }
  out.push('');
  out.push(summaryLine(run));
  const noted = run.results.filter((r) => r.agreement !== 'agree');
  for (const r of noted) {
    out.push('');
    out.push(...wrap(`${r.agreement}: ${r.case.name} (${r.case.variant}), ${r.case.file}`, ''));
    if (r.why) out.push(...wrap(`why: ${r.why}`, '  '));
    if (r.case.model.kind !== 'none' || r.agreement !== 'skip') out.push(...wrap(`model (${r.case.model.design}): ${r.case.model.detail}`, '  '));
    if (r.kernel.kind === 'observed' || r.kernel.kind === 'not-observed') {
      out.push(...wrap(`kernel: ${kernelCell(r)}; ${r.kernel.values.join(' ') || 'no values'}`, '  '));
    }
    if (r.agreement === 'disagree' || r.agreement === 'error') {
      out.push('  reproduce:');
      out.push(`    pinspec repro ${r.case.file}${r.case.variant === 'thp' ? ' --thp' : ''} --design ${r.case.model.design} -o t.c`);
      out.push('    cc -Wall -o t t.c && ./t');
    }
  }
  return out.join('\n') + '\n';
}

export function realityJson(run: RealityRun): string {
  const c = counts(run);
  return (
    JSON.stringify(
      {
        schema: 'pinspec-reality',
        version: 1,
        kernel: run.kernel ?? null,
        counts: c,
        results: run.results.map((r) => ({
          test: r.case.name,
          file: r.case.file,
          variant: r.case.variant,
          model: r.case.model,
          kernel: r.kernel,
          result: r.agreement,
          why: r.why ?? null,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
