// The contract between the kernel world (models/) and what is built on it:
// the CLI and reporters, litmus tests, replay, the reality check. Those see a
// design, a scope and a WorldModel; nothing else of the world's internals.
import type { Model } from '../checker/model.js';

/** The properties of kernel-background.md section 9; spec/ defines each one. */
export const PROPERTY_NAMES = [
  'P-ISO',
  'P-COH-RW',
  'P-COH-RO',
  'P-FS',
  'P-BAL',
  'P-OVF',
  'P-NOFN',
  'P-LT-PLACE',
  'P-LT-LIVE',
  'P-FAST',
  'P-RO-GUP-NOT-WRITE',
] as const;
export type PropertyName = (typeof PROPERTY_NAMES)[number];

/**
 * What a design is recorded to do on a property, in the default scopes
 * (Design.expected) or with the deep scopes added (Design.deep).
 * - pass: the checker must find no violation;
 * - fail: the checker must find a violation (the design's known bug); `steps`
 *   is the length of the shortest counterexample when it is known;
 * - xfail: a violation the current kernel documents as not fixed
 *   (kernel-background.md section 6.5); `why` says where it is documented,
 *   `steps` is the length of its shortest counterexample when it is known.
 */
export type Expectation =
  | { readonly verdict: 'pass' }
  | { readonly verdict: 'fail'; readonly why: string; readonly steps?: number }
  | { readonly verdict: 'xfail'; readonly why: string; readonly steps?: number };

/**
 * What a commit is to the design it is listed with:
 * - introduced: the design is (part of) what this commit did;
 * - fixed-by: it fixed the design's bug;
 * - reverted-by: it reverted the design's own commit;
 * - removed-by: it removed the design's mechanism (a later design replaced it);
 * - based-on: the design is a patch or plan on top of this commit.
 */
export const COMMIT_ROLES = ['introduced', 'fixed-by', 'reverted-by', 'removed-by', 'based-on'] as const;
export type CommitRole = (typeof COMMIT_ROLES)[number];

export interface Commit {
  /** 12+ hex digits, as in a Fixes: line. */
  readonly id: string;
  /** The commit's subject line, as in the kernel tree. */
  readonly title: string;
  /** First mainline release, e.g. 'v5.9' (append ' (by date)' when only the date was checked). */
  readonly kernel?: string;
  /** What the commit is to this design; reports print it before the id ('fixed by 57efa1fe5957'). */
  readonly role?: CommitRole;
}

export interface Provenance {
  /** Seed file or mailing-list thread the design comes from. */
  readonly thread?: string;
  readonly commits: readonly Commit[];
  readonly notes?: string;
}

/** A design: a value naming its policy choices. `C` is the world's knob type. */
export interface Design<C = unknown> {
  /** Catalog name, e.g. 'D-MAPCOUNT'. */
  readonly name: string;
  /** One line: what the design changes. */
  readonly title: string;
  readonly provenance: Provenance;
  readonly choices: C;
  readonly expected: Readonly<Record<PropertyName, Expectation>>;
  /**
   * What `pinspec check --deep` (the default scopes plus the deep scopes,
   * verdicts merged per property) must find, for the properties where it
   * differs from `expected`: a violation only the deep scopes reach, or a
   * shorter one. `steps` is the shortest counterexample over all those
   * scopes; `why` tells that trace. Unlisted properties: `expected`.
   */
  readonly deep?: Partial<Readonly<Record<PropertyName, Expectation>>>;
}

/** The expectation a verdict is compared with: with the deep scopes added, the design's `deep` entry when it has one; else `expected`. */
export function expectationOf(design: Design, property: PropertyName, deep = false): Expectation {
  return (deep ? design.deep?.[property] : undefined) ?? design.expected[property];
}

/** A named scope: the bounds a design is checked in (actors, addresses, frames, counter scale...). */
export interface Scope {
  readonly name: string;
  readonly description: string;
}

/** The world for one design in one scope: a checker Model plus what reporters need. */
export interface WorldModel<S = any, A = any> extends Model<S, A> {
  readonly design: Design;
  readonly scope: Scope;
  /** The lane an action belongs to in a report: 'P0', 'P1', 'device', 'pipe', 'kernel'. */
  actorOf(action: A): string;
  /** What changed between two states, in kernel words ('frame 1: refcount 1 -> 1025'). */
  explainStep(before: S, action: A, after: S): string[];
  /** Why `state` breaks `property`: the values that break it, in kernel words. */
  explainViolation(property: PropertyName, state: S): string;
  /** Parse an action from its describe() text; throws Error with a clear message. */
  parseAction(text: string): A;
  /**
   * A named observable of a state, for litmus conditions and the reality check
   * (e.g. 'P1:A' the value process 1 reads at address A, 'pipe' what a pipe
   * read returns). Throws Error naming the unknown observable.
   */
  observe(state: S, name: string): number | boolean | string;
  /** The observables that exist in this scope, for error messages and docs. */
  observables(): readonly string[];
}
