// What `pinspec replay` says: whether the recorded outcome reproduces on the
// design it was run on, and the re-executed trace (or the step that could not
// be taken).
import { block, hanging } from './text.js';
import { TOOL_VERSION } from './tool-version.js';
import { renderTraceText } from './trace-text.js';
import type { TraceDoc } from './trace-schema.js';
import { xmlEscape as x } from './xml.js';

export type ReplayOutcome =
  | { readonly reproduced: true; readonly trace: TraceDoc }
  /** A step could not be taken on this design. */
  | { readonly reproduced: false; readonly step: number; readonly action: string; readonly enabled: readonly string[] }
  /** Every step was taken, and the property holds (or the target is not reached) at the end. */
  | { readonly reproduced: false; readonly holds: true; readonly steps: number; readonly trace: TraceDoc };

/** One line: the answer. */
export function replayVerdict(file: string, doc: TraceDoc, design: string, o: ReplayOutcome): string {
  const what = `${doc.property.name} ${doc.outcome === 'violated' ? 'violation' : 'witness'}`;
  if (o.reproduced) return `reproduced: ${file}: ${design} ${doc.outcome === 'violated' ? 'breaks' : 'reaches'} ${doc.property.name} after ${o.trace.steps.length} steps`;
  if ('step' in o) return `not reproduced: ${file}: the ${what} does not replay on ${design}: step ${o.step}, ${o.action}, is not enabled`;
  return `not reproduced: ${file}: on ${design}, ${o.trace.explanation}`;
}

export function replayText(file: string, doc: TraceDoc, design: string, o: ReplayOutcome): string {
  const out = hanging(replayVerdict(file, doc, design, o), 2);
  if ('step' in o) out.push(...block(`enabled at step ${o.step}: ${o.enabled.join('; ') || 'nothing'}`, 2));
  else if (o.reproduced) out.push('', renderTraceText(o.trace).trimEnd());
  else {
    const title = `${design} runs the ${o.steps} steps of ${doc.design.name}'s ${doc.property.name} trace (scope ${doc.scope.name})`;
    out.push('', renderTraceText(o.trace, { title, verdictLabel: 'Now:' }).trimEnd());
  }
  return out.join('\n') + '\n';
}

export function replayJson(file: string, doc: TraceDoc, design: string, o: ReplayOutcome): string {
  return (
    JSON.stringify(
      {
        schema: 'pinspec-replay',
        version: 1,
        tool: { name: 'pinspec', version: TOOL_VERSION },
        file,
        recordedDesign: doc.design.name,
        design,
        property: doc.property.name,
        ...o,
      },
      null,
      2,
    ) + '\n'
  );
}

export function replayMarkdown(file: string, doc: TraceDoc, design: string, o: ReplayOutcome): string {
  return ['```text', replayText(file, doc, design, o).trimEnd(), '```', ''].join('\n');
}

export function replayJunit(file: string, doc: TraceDoc, design: string, o: ReplayOutcome): string {
  const verdict = replayVerdict(file, doc, design, o);
  const body = o.reproduced ? '' : `\n      <failure type="not-reproduced" message="${x(verdict)}">${x(replayText(file, doc, design, o))}</failure>\n    `;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pinspec replay" tests="1" failures="${o.reproduced ? 0 : 1}">`,
    `  <testsuite name="${x(design)}" tests="1" failures="${o.reproduced ? 0 : 1}">`,
    `    <testcase classname="${x(design)}" name="${x(`${doc.property.name} ${file}`)}">${body}</testcase>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
