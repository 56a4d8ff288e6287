// The saved-trace format, version 1 (docs/trace-format.md). A trace file names
// the design (by name and by its choices), the scope, the property and its
// outcome, and the steps: each action as describe() text (what a reviewer
// reads and edits) plus the model's actionToJson data and the index of the
// action in the enabled list (what replay uses). Files are deterministic: no
// timestamps, no timings.
import { z } from 'zod';
import { COMMIT_ROLES } from '../models/api.js';
import { InputError, located } from './input-error.js';
import { JsonSyntaxError, parseJsonLocated } from './json-locate.js';

export const TRACE_SCHEMA = 'pinspec-trace';
export const TRACE_VERSION = 1;

const commit = z.object({ id: z.string(), title: z.string(), kernel: z.string().optional(), role: z.enum(COMMIT_ROLES).optional() });
const expectation = z.union([
  z.object({ verdict: z.literal('pass') }),
  z.object({ verdict: z.literal('fail'), why: z.string(), steps: z.number().int().optional() }),
  z.object({ verdict: z.literal('xfail'), why: z.string(), steps: z.number().int().optional() }),
]);

export const traceStep = z.object({
  /** 1-based step number, for people. */
  step: z.number().int().positive(),
  /** The lane: 'P0', 'P1', 'device', 'pipe', 'kernel'. */
  actor: z.string(),
  /** The action in kernel words, as describe() prints it and parseAction() reads it. */
  action: z.string(),
  /** Index of the action in the enabled list of the state it applies to. */
  index: z.number().int().nonnegative(),
  /** actionToJson(action), when the model has it. */
  data: z.unknown().optional(),
  /** What the step changed, in kernel words. */
  changes: z.array(z.string()),
});

export const traceFile = z.object({
  schema: z.literal(TRACE_SCHEMA),
  version: z.literal(TRACE_VERSION),
  tool: z.object({ name: z.literal('pinspec'), version: z.string() }),
  design: z.object({
    name: z.string(),
    title: z.string(),
    choices: z.unknown(),
    provenance: z.object({ thread: z.string().optional(), commits: z.array(commit), notes: z.string().optional() }),
  }),
  scope: z.object({ name: z.string(), description: z.string() }),
  property: z.object({ name: z.string(), kind: z.enum(['always', 'sometimes']), doc: z.string().optional() }),
  /** violated: an `always` property fails in the last state; reached: a `sometimes` target holds there. */
  outcome: z.enum(['violated', 'reached']),
  /** What the design records for this property. */
  expected: expectation.optional(),
  initialIndex: z.number().int().nonnegative(),
  steps: z.array(traceStep),
  /** explainViolation() of the last state. */
  explanation: z.string(),
  /** The command that replays this file. */
  replay: z.string().optional(),
});

export type TraceStepDoc = z.infer<typeof traceStep>;
export type TraceDoc = z.infer<typeof traceFile>;

export interface TraceFile {
  readonly doc: TraceDoc;
  /** The line of a field of the file ('steps', 2, 'action'). */
  lineOf(path: readonly (string | number)[]): number;
}

/** Parse and validate a saved trace; every problem is an InputError naming the file and line. */
export function readTraceDoc(text: string, file: string): TraceFile {
  if (text.trim() === '') throw new InputError(located(file, undefined, undefined, 'empty file, expected a pinspec trace (JSON)'));
  let parsed;
  try {
    parsed = parseJsonLocated(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw new InputError(located(file, e.line, e.col, `malformed JSON: expected ${e.expected}`));
  }
  const v = parsed.value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new InputError(located(file, 1, 1, 'expected a JSON object (a pinspec trace)'));
  }
  if (v.schema !== TRACE_SCHEMA) {
    const { line } = parsed.at(['schema']);
    throw new InputError(located(file, line, undefined, `not a pinspec trace: expected "schema": "${TRACE_SCHEMA}", found ${JSON.stringify(v.schema) ?? 'none'}`));
  }
  if (v.version !== TRACE_VERSION) {
    const { line } = parsed.at(['version']);
    throw new InputError(
      located(file, line, undefined, `trace schema version ${JSON.stringify(v.version) ?? '(none)'}, this pinspec reads version ${TRACE_VERSION} only`),
    );
  }
  const r = traceFile.safeParse(v);
  if (!r.success) {
    const issue = r.error.issues[0];
    const { line } = parsed.at(issue.path as (string | number)[]);
    const field = issue.path.length ? issue.path.join('.') : 'the trace';
    throw new InputError(located(file, line, undefined, `${field}: ${issue.message.replace(/^Invalid input: /, '')}`));
  }
  return { doc: r.data, lineOf: (path) => parsed.at(path).line };
}

/** The file's text: stable key order, two-space indent, final newline. */
export function writeTraceDoc(doc: TraceDoc): string {
  return JSON.stringify(traceFile.parse(doc), null, 2) + '\n';
}
