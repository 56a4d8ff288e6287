// A catalog design: models/api.ts Design with the world's knobs, plus what
// the history says about its bug, so tests can hold the checker to it.
import type { Commit, CommitRole, Design, Expectation, PropertyName } from '../api.js';
import type { DesignChoices } from '../world/choices.js';

export interface KnownCounterexample {
  readonly property: PropertyName;
  /** The default scope the counterexample lives in. */
  readonly scope: string;
  /** The shortest trace BFS finds, as describe() strings. */
  readonly trace: readonly string[];
  /** The trace as the kernel history tells it, when longer than the shortest; it must break the property too. */
  readonly history?: readonly string[];
  /** How the trace maps to the history. */
  readonly note: string;
}

export interface WorldDesign extends Design<DesignChoices> {
  /** For each property the design breaks by its own change: the design that fixed it. */
  readonly fixedBy?: Partial<Record<PropertyName, string>>;
  /** The known counterexamples of kernel-background.md section 10. */
  readonly counterexamples?: readonly KnownCounterexample[];
}

/** The commits `cs`, each with `role` (what it is to the design that lists it). */
export function role(r: CommitRole, ...cs: readonly Commit[]): Commit[] {
  return cs.map((c) => ({ ...c, role: r }));
}

export const PASS: Expectation = { verdict: 'pass' };

export function fail(why: string, steps?: number): Expectation {
  return steps === undefined ? { verdict: 'fail', why } : { verdict: 'fail', why, steps };
}

export function xfail(why: string, steps?: number): Expectation {
  return steps === undefined ? { verdict: 'xfail', why } : { verdict: 'xfail', why, steps };
}

/** Every property passes except those listed. */
export function expectations(over: Partial<Record<PropertyName, Expectation>>): Record<PropertyName, Expectation> {
  return {
    'P-ISO': PASS,
    'P-COH-RW': PASS,
    'P-COH-RO': PASS,
    'P-FS': PASS,
    'P-BAL': PASS,
    'P-OVF': PASS,
    'P-NOFN': PASS,
    'P-LT-PLACE': PASS,
    'P-LT-LIVE': PASS,
    'P-FAST': PASS,
    'P-RO-GUP-NOT-WRITE': PASS,
    ...over,
  };
}
