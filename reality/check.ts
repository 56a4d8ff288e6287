// The reality check proper: run each case's program on this kernel and set
// what the kernel did next to what the model of the current kernel says.
import { emitC } from './emit-c.js';
import type { ExpectedDifference } from './expected.js';
import { findExpected } from './expected.js';
import { compileAndRunAll } from './run-c.js';
import type { Backing, Scenario } from './scenario.js';
import { parseTap } from './tap.js';

/** What the model of the current kernel says about the case's condition. */
export type ModelVerdict =
  | { readonly kind: 'allowed' | 'forbidden'; readonly design: string; readonly detail: string }
  /** The model could not give a verdict (the trace does not replay there, no litmus support...). */
  | { readonly kind: 'none'; readonly design: string; readonly detail: string };

export interface RealityCase {
  /** The file it came from. */
  readonly file: string;
  /** The test's name: the litmus name, or design/property for a counterexample. */
  readonly name: string;
  readonly variant: Backing;
  readonly scenario: Scenario;
  readonly model: ModelVerdict;
  /** The file could not be turned into a program (a parse or model error): reported, not run. */
  readonly error?: string;
}

export type KernelResult =
  | { readonly kind: 'observed' | 'not-observed'; readonly observedIn: number; readonly schedules: number; readonly values: readonly string[] }
  | { readonly kind: 'skip' | 'error'; readonly reason: string };

export type Agreement = 'agree' | 'disagree' | 'expected' | 'skip' | 'error';

export interface CaseResult {
  readonly case: RealityCase;
  readonly kernel: KernelResult;
  readonly agreement: Agreement;
  /** For 'skip', 'error' and 'expected': why. */
  readonly why?: string;
}

export interface RealityRun {
  readonly kernel?: string;
  readonly results: readonly CaseResult[];
}

/** The same scenario with every anonymous address backed by a PMD THP. */
export function thpVariant(s: Scenario): Scenario | undefined {
  const anon = Object.keys(s.backing);
  if (s.skip !== undefined || anon.length === 0) return undefined;
  return { ...s, backing: Object.fromEntries(anon.map((a) => [a, 'thp' as const])) };
}

/** Fold the TAP of one program (one test per schedule) into one kernel result. */
export function kernelResult(stdout: string, status: number | null, signal: string | null): { kernel?: string; result: KernelResult } {
  const tap = parseTap(stdout);
  if (signal !== null || status !== 0) {
    return { kernel: tap.kernel, result: { kind: 'error', reason: signal ? `program killed by ${signal}` : `program exited with status ${status}` } };
  }
  if (tap.problems.length) return { kernel: tap.kernel, result: { kind: 'error', reason: tap.problems[0] } };
  const errors = tap.tests.filter((t) => t.outcome.kind === 'error');
  if (errors.length) {
    const o = errors[0].outcome as { reason: string };
    return { kernel: tap.kernel, result: { kind: 'error', reason: `schedule ${errors[0].n}${errors[0].description}: ${o.reason}` } };
  }
  const ran = tap.tests.filter((t) => t.outcome.kind === 'observed' || t.outcome.kind === 'not-observed');
  if (ran.length === 0) {
    const skip = tap.tests.find((t) => t.outcome.kind === 'skip');
    return { kernel: tap.kernel, result: { kind: 'skip', reason: skip ? (skip.outcome as { reason: string }).reason : 'no schedule ran' } };
  }
  const observedIn = ran.filter((t) => t.outcome.kind === 'observed').length;
  const shown = ran.find((t) => t.outcome.kind === 'observed') ?? ran[0];
  const values = [...shown.observed].map(([k, v]) => `${k}=${v}`);
  return {
    kernel: tap.kernel,
    result: { kind: observedIn > 0 ? 'observed' : 'not-observed', observedIn, schedules: ran.length, values },
  };
}

export function judge(c: RealityCase, k: KernelResult, expected: readonly ExpectedDifference[]): CaseResult {
  if (k.kind === 'error') return { case: c, kernel: k, agreement: 'error', why: k.reason };
  if (k.kind === 'skip') return { case: c, kernel: k, agreement: 'skip', why: k.reason };
  if (c.model.kind === 'none') return { case: c, kernel: k, agreement: 'skip', why: `no model verdict: ${c.model.detail}` };
  const agrees = (c.model.kind === 'allowed') === (k.kind === 'observed');
  if (agrees) return { case: c, kernel: k, agreement: 'agree' };
  const doc = findExpected(expected, c.name, c.variant);
  return doc ? { case: c, kernel: k, agreement: 'expected', why: doc.reason } : { case: c, kernel: k, agreement: 'disagree' };
}

/** Generate, compile and run every case (two at a time), then judge each. */
export async function runReality(
  cases: readonly RealityCase[],
  expected: readonly ExpectedDifference[],
  options: { cc?: string; jobs?: number; extraFlags?: readonly string[] } = {},
): Promise<RealityRun> {
  const runnable = cases.filter((c) => c.error === undefined);
  const programs = runnable.map((c) => ({ name: `${c.name} (${c.variant})`, source: emitC(c.scenario) }));
  const ran = new Map((await compileAndRunAll(programs, options)).map((r, i) => [runnable[i], r]));
  let kernel: string | undefined;
  const results = cases.map((c) => {
    const r = ran.get(c);
    if (!r) return judge(c, { kind: 'error', reason: c.error ?? 'not run' }, expected);
    if (r.kind === 'not-run') return judge(c, { kind: 'error', reason: r.message }, expected);
    const k = kernelResult(r.stdout, r.status, r.signal);
    kernel ??= k.kernel;
    return judge(c, k.result, expected);
  });
  return { kernel, results };
}

export function counts(run: RealityRun): Record<Agreement, number> {
  const c: Record<Agreement, number> = { agree: 0, disagree: 0, expected: 0, skip: 0, error: 0 };
  for (const r of run.results) c[r.agreement]++;
  return c;
}

/** 0 when nothing disagrees except the documented expected differences, 1 otherwise. */
export function exitCodeOf(run: RealityRun): number {
  const c = counts(run);
  return c.disagree + c.error > 0 ? 1 : 0;
}
