// `pinspec designs`: the catalog, each design with its title, provenance,
// knobs (choices) and the verdicts recorded for it (default and deep runs).
import type { Design } from '../models/api.js';
import { hanging, indented } from './text.js';
import { commitText, expectationText, ROLE_WORDS } from './trace-text.js';

/** A design's choices as `knob=value` items (nested objects flattened with dots). */
export function choiceItems(choices: unknown, prefix = ''): string[] {
  if (choices === null || typeof choices !== 'object' || Array.isArray(choices)) {
    return [`${prefix || 'choices'}=${JSON.stringify(choices)}`];
  }
  return Object.entries(choices as Record<string, unknown>).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? choiceItems(v, `${prefix}${k}.`) : [`${prefix}${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`],
  );
}

/** The recorded verdicts that are not `pass`, then how many pass. */
export function expectedItems(d: Design): string[] {
  const entries = Object.entries(d.expected);
  const notPass = entries.filter(([, e]) => e.verdict !== 'pass').map(([p, e]) => `${p}: ${expectationText(e)}`);
  const pass = entries.length - notPass.length;
  return [...notPass, `${pass === entries.length ? 'every property' : `the other ${pass}`}: pass`];
}

/** What the deep run must find where it differs from `expected` (Design.deep). */
export function deepItems(d: Design): string[] {
  return Object.entries(d.deep ?? {}).map(([p, e]) => `${p}: ${expectationText(e)}`);
}

export function designsText(designs: readonly Design[]): string {
  const out: string[] = [];
  for (const d of designs) {
    if (out.length) out.push('');
    out.push(...hanging(`${d.name}: ${d.title}`, 2));
    for (const c of d.provenance.commits) out.push(...indented(commitText(c), 2, 4));
    if (d.provenance.thread) out.push(...indented(`thread: ${d.provenance.thread}`, 2, 4));
    if (d.provenance.notes) out.push(...indented(`notes: ${d.provenance.notes}`, 2, 4));
    out.push(...indented(`knobs: ${choiceItems(d.choices).join(', ')}`, 2, 4));
    for (const e of expectedItems(d)) out.push(...indented(`expected ${e}`, 2, 4));
    for (const e of deepItems(d)) out.push(...indented(`deep ${e}`, 2, 4));
  }
  return out.join('\n') + '\n';
}

export function designsJson(designs: readonly Design[]): string {
  return JSON.stringify({ schema: 'pinspec-designs', version: 1, designs }, null, 2) + '\n';
}

export function designsMarkdown(designs: readonly Design[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const out = ['| design | what it changes | provenance | knobs | expected |', '|---|---|---|---|---|'];
  for (const d of designs) {
    const prov = [...d.provenance.commits.map((c) => `${c.role ? `${ROLE_WORDS[c.role]} ` : ''}${c.id} ${c.kernel ?? ''}`.trim()), ...(d.provenance.thread ? [d.provenance.thread] : [])];
    out.push(
      `| \`${d.name}\` | ${cell(d.title)} | ${cell(prov.join('; '))} | ${cell(choiceItems(d.choices).join(', '))} | ${cell([...expectedItems(d), ...deepItems(d).map((e) => `deep ${e}`)].join('; '))} |`,
    );
  }
  return out.join('\n') + '\n';
}
