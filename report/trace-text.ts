// A counterexample as plain text for a kernel mail: what breaks, the design
// and where it comes from, the steps in lanes, the values that break the
// property, and the command that replays it.
import type { Commit, CommitRole, Expectation } from '../models/api.js';
import { renderLanes } from './lanes.js';
import { block, hanging } from './text.js';
import type { TraceDoc } from './trace-schema.js';

export function expectationText(e: Expectation | undefined): string {
  if (!e) return 'not recorded';
  if (e.verdict === 'pass') return 'pass';
  if (e.verdict === 'xfail') return `xfail (${e.why})`;
  return `fail${e.steps !== undefined ? ` in ${e.steps} steps` : ''} (${e.why})`;
}

/** How a commit's role reads before its id. */
export const ROLE_WORDS: Record<CommitRole, string> = {
  introduced: 'introduced by',
  'fixed-by': 'fixed by',
  'reverted-by': 'reverted by',
  'removed-by': 'removed by',
  'based-on': 'based on',
};

/** `fixed by 57efa1fe5957 ("mm/gup: ...") v5.11`; `commit 57efa1fe5957 (...)` when no role is recorded. */
export function commitText(c: Commit): string {
  return `${c.role ? ROLE_WORDS[c.role] : 'commit'} ${c.id} ("${c.title}")${c.kernel ? ` ${c.kernel}` : ''}`;
}

/** Design name, title and provenance, as indented lines after `label`. */
export function provenanceLines(d: TraceDoc['design'], label = 'Design:'): string[] {
  const out = block(`${d.name}: ${d.title}`, 10, label);
  for (const c of d.provenance.commits) out.push(...block(commitText(c), 10));
  if (d.provenance.thread) out.push(...block(`thread: ${d.provenance.thread}`, 10));
  return out;
}

export interface TraceTextOptions {
  /** The first line, instead of "D breaks P in n steps (scope S)". */
  readonly title?: string;
  /** The label of the closing explanation, instead of "Violation:". */
  readonly verdictLabel?: string;
}

export function renderTraceText(doc: TraceDoc, options: TraceTextOptions = {}): string {
  const n = doc.steps.length;
  const verb = doc.outcome === 'violated' ? 'breaks' : 'reaches';
  const out: string[] = [];
  out.push(...hanging(options.title ?? `${doc.design.name} ${verb} ${doc.property.name} in ${n} step${n === 1 ? '' : 's'} (scope ${doc.scope.name})`, 2));
  out.push('');
  out.push(...provenanceLines(doc.design));
  out.push(...block(`${doc.property.name}${doc.property.doc ? `: ${doc.property.doc}` : ''}`, 10, 'Property:'));
  if (doc.expected) out.push(...block(expectationText(doc.expected as Expectation), 10, 'Expected:'));
  out.push(...block(doc.scope.description, 10, 'Scope:'));
  out.push('');
  out.push(...renderLanes(doc.steps));
  out.push('');
  const label = options.verdictLabel ?? (doc.outcome === 'violated' ? 'Violation:' : 'Reached:');
  out.push(...block(doc.explanation, Math.max(10, label.length + 1), label));
  out.push('');
  out.push(...block(doc.replay ?? 'save this trace with --format json, then: npx pinspec replay FILE', 10, 'Replay:'));
  return out.join('\n') + '\n';
}
