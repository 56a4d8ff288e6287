// The contract between a model and the checker. The checker knows nothing of
// pages: a model is a state layout, initial states, the actions enabled in a
// state, a recipe giving the successor, and named properties.
import type { CompiledRecipes } from './compiled.js';
import type { Layout } from './layout.js';

/**
 * A named property.
 * - `always`: an invariant; violated by any reachable state where `holds` is false.
 * - `sometimes`: a reachability target; satisfied by a reachable state where
 *   `holds` is true, and failed when the (complete) search never reaches one.
 */
export interface Property<S> {
  readonly name: string;
  readonly kind: 'always' | 'sometimes';
  /** One line: what the property says and the rule it encodes. */
  readonly doc?: string;
  holds(state: Readonly<S>): boolean;
}

export interface Model<S, A> {
  readonly name: string;
  readonly layout: Layout<S>;
  initialStates(): S[];
  /**
   * Push the actions enabled in `state` onto `out`, in a deterministic order.
   * Traces store the index of an action in this list, so the order must be a
   * pure function of the state.
   */
  actions(state: Readonly<S>, out: A[]): void;
  /**
   * The successor of `draft` under `action`, written as an immer recipe: mutate
   * the draft. It must be a pure function of the draft and the action (the
   * checker runs it on a reused copy while exploring and under immer's
   * produce() in replay). Return false when the action turns out to be
   * disabled in this state: no successor is generated.
   */
  next(draft: S, action: A): void | false;
  readonly properties: readonly Property<S>[];
  /** The action in the model's own words (kernel words for kernel models). */
  describe(action: A): string;
  /** A short class name for coverage statistics (default: `action.kind`). */
  label?(action: A): string;
  /**
   * Symmetry: rewrite `draft` into the canonical representative of its
   * equivalence class (for example sort interchangeable actors). Must be
   * idempotent and map equivalent states to the same representative.
   */
  canonicalize?(draft: S): void;
  /** State constraint (like TLC's CONSTRAINT): successors outside it are not explored. */
  within?(state: Readonly<S>): boolean;
  /**
   * actions(), next() and the properties compiled to operations on the packed
   * words (checker/compiled.ts): the search uses them instead of the views.
   * They must agree with the recipes; a model without them runs on the views.
   */
  readonly compiled?: CompiledRecipes<A>;
  /** Simpler variants of an action, simplest first, for shrinking traces. */
  shrinkAction?(action: A): A[];
  /** Encode an action as JSON-safe data, and back (for saved traces). */
  actionToJson?(action: A): unknown;
  actionFromJson?(json: unknown): A;
}

export type AnyModel = Model<any, any>;

export function labelOf<A>(model: Model<unknown, A>, action: A): string {
  if (model.label) return model.label(action);
  const k = (action as { kind?: unknown } | null)?.kind;
  return typeof k === 'string' ? k : String(action);
}
