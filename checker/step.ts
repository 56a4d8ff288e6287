// Running a model's recipe. Evaluators that must agree
// (test/checker/immer-equivalence.test.ts, pinbench-fastpath.test.ts,
// compiled.test.ts):
// - WordStepper: the recipe runs on a word view of the packed state, or,
//   when the model has them, the recipes compiled to word operations run on
//   the packed state itself (what the search does);
// - Stepper: the recipe runs on a view of the unpacked slot vector (replay,
//   traces and shrinking);
// - stepWithImmer: decode to a plain object, produce() with the same recipe,
//   encode (the reference semantics).
// All then canonicalize (symmetry), so a "step" always means next + canonicalize.
import { produce } from 'immer';
import type { Layout } from './layout.js';
import type { CompiledRecipes } from './compiled.js';
import type { Model, Property } from './model.js';

export class ModelError extends Error {
  override name = 'ModelError';
}

/** A reusable evaluator of one model's steps on slot vectors. */
export class Stepper<S, A> {
  readonly model: Model<S, A>;
  readonly layout: Layout<S>;
  /** Current state's slots and a read-only view of them. */
  readonly cur: Int32Array;
  readonly curView: S;
  /** Successor under construction and the draft view the recipe mutates. */
  readonly nxt: Int32Array;
  readonly nxtView: S;

  constructor(model: Model<S, A>) {
    this.model = model;
    this.layout = model.layout;
    this.cur = new Int32Array(model.layout.slots);
    this.curView = model.layout.view(this.cur);
    this.nxt = new Int32Array(model.layout.slots);
    this.nxtView = model.layout.view(this.nxt);
  }

  /** Enabled actions of the state held in `cur`. */
  actions(out: A[]): A[] {
    out.length = 0;
    this.model.actions(this.curView, out);
    return out;
  }

  /** Successor of `cur` under `action` into `nxt`; false when disabled. */
  step(action: A): boolean {
    const cur = this.cur;
    const nxt = this.nxt;
    for (let i = 0; i < cur.length; i++) nxt[i] = cur[i];
    if (this.model.next(this.nxtView, action) === false) return false;
    if (this.model.canonicalize) this.model.canonicalize(this.nxtView);
    if (!this.layout.intact(this.nxtView)) throw replacedElement(this.model, action);
    return true;
  }
}

function replacedElement<A>(model: Model<unknown, A>, action: A): ModelError {
  return new ModelError(
    `${model.name}: ${model.describe(action)} replaced, added or removed an element of a state array; assign its fields instead`,
  );
}

/**
 * The search's evaluator: a state is its packed words (layout.words Uint32s),
 * and the recipe runs on a word view of a copy of them, so a step copies a
 * few words and writes only the bits the recipe assigns: no slot vector, no
 * pack or unpack. Same semantics as Stepper (test/checker/pinbench-fastpath).
 */
export class WordStepper<S, A> {
  readonly model: Model<S, A>;
  readonly layout: Layout<S>;
  readonly words: number;
  /** Current state's words and a read-only view of them (for actions()). */
  readonly cur: Uint32Array;
  readonly curView: S;
  /** Successor under construction and the draft view the recipe mutates. */
  readonly nxt: Uint32Array;
  readonly nxtView: S;
  /** A read-only view of the successor (for properties and the constraint). */
  readonly nxtRead: S;
  /**
   * The model's compiled recipes (checker/compiled.ts), used instead of the
   * views when present; not for a model with a constraint or a symmetry
   * reduction (those run on views, so the successors would be too).
   */
  private readonly compiled?: CompiledRecipes<A>;

  constructor(model: Model<S, A>) {
    this.model = model;
    this.layout = model.layout;
    this.words = model.layout.words;
    this.cur = new Uint32Array(this.words);
    this.curView = model.layout.wordView(this.cur, true);
    this.nxt = new Uint32Array(this.words);
    this.nxtView = model.layout.wordView(this.nxt);
    this.nxtRead = model.layout.wordView(this.nxt, true);
    if (model.compiled && !model.canonicalize && !model.within) this.compiled = model.compiled;
  }

  /**
   * The properties as the search checks them, on `checked`: compiled ones on
   * the successor's words when the model has them all compiled, else the
   * model's own on a read-only view.
   */
  checkedProperties(props: readonly Property<S>[]): { props: Property<S>[]; checked: S } {
    const holds = this.compiled?.holds;
    if (!holds || !props.every((p) => holds.has(p.name))) return { props: [...props], checked: this.nxtRead };
    // The compiled holds() take the words: `checked` is the words, passed where a state goes.
    const props2 = props.map((p) => ({ ...p, holds: holds.get(p.name)! as unknown as Property<S>['holds'] }));
    return { props: props2, checked: this.nxt as unknown as S };
  }

  /** Make `src[at .. at + words)` the current state. */
  load(src: Uint32Array, at: number): void {
    const cur = this.cur;
    for (let i = 0; i < cur.length; i++) cur[i] = src[at + i];
  }

  /**
   * Throw if a recipe, actions() or a property replaced, added or removed an
   * element of a state array. The search calls this periodically and before
   * it reports: a replaced element stays replaced, so such a model bug can
   * never yield a result.
   */
  verify(): void {
    const l = this.layout;
    if (!l.intact(this.curView) || !l.intact(this.nxtView) || !l.intact(this.nxtRead)) {
      throw new ModelError(
        `${this.model.name}: an element of a state array was replaced, added or removed; assign its fields instead`,
      );
    }
  }

  /** Enabled actions of the current state. */
  actions(out: A[]): A[] {
    out.length = 0;
    this.fillActions(out);
    return out;
  }

  /** Enabled actions of the current state, in a fresh array (cheaper than emptying one). */
  enabled(): A[] {
    const out: A[] = [];
    this.fillActions(out);
    return out;
  }

  private fillActions(out: A[]): void {
    if (!this.compiled) {
      this.model.actions(this.curView, out);
      return;
    }
    try {
      this.compiled.actions(this.cur, out);
    } catch (e) {
      out.length = 0;
      this.model.actions(this.curView, out); // throws the model's own error
      throw this.disagree('actions()', e);
    }
  }

  /** Successor of `cur` under `action` into `nxt`; false when disabled. */
  step(action: A): boolean {
    const cur = this.cur;
    const nxt = this.nxt;
    for (let i = 0; i < cur.length; i++) nxt[i] = cur[i];
    if (this.compiled) {
      try {
        return this.compiled.next(nxt, action) !== false;
      } catch (e) {
        // A bad write, or a bad index: the views say it in the model's terms.
        for (let i = 0; i < cur.length; i++) nxt[i] = cur[i];
        this.model.next(this.nxtView, action);
        throw this.disagree(this.model.describe(action), e);
      }
    }
    if (this.model.next(this.nxtView, action) === false) return false;
    if (this.model.canonicalize) this.model.canonicalize(this.nxtView);
    return true;
  }

  /** The compiled recipes failed where the views did not: a bug in the compiler, never a verdict. */
  private disagree(what: string, e: unknown): ModelError {
    return new ModelError(
      `${this.model.name}: the compiled recipes failed on ${what} (${(e as Error)?.message ?? e}) where the recipes on the views did not`,
    );
  }
}

/** Encode initial state `state`, canonicalized, into packed words `out[0 .. words)`. */
export function encodeInitialWords<S>(model: Model<S, unknown>, state: S, out: Uint32Array): void {
  const slots = new Int32Array(model.layout.slots);
  encodeInitial(model, state, slots);
  model.layout.pack(slots, out, 0);
}

/** The reference semantics: the same step through immer's produce(). */
export function stepWithImmer<S, A>(model: Model<S, A>, state: S, action: A): S | undefined {
  let disabled = false;
  const after = produce(state, (draft: S) => {
    if (model.next(draft, action) === false) disabled = true;
  });
  if (disabled) return undefined;
  const result = model.canonicalize
    ? produce(after, (draft: S) => {
        model.canonicalize!(draft);
      })
    : after;
  // Views range-check every write on the fast path; a plain draft does not,
  // so check the result against the layout: a recipe storing a value the
  // layout cannot hold (or a field it does not have) throws LayoutError here.
  model.layout.encode(result, new Int32Array(model.layout.slots));
  return result;
}

/** Encode an initial state, canonicalized, into a slot vector. */
export function encodeInitial<S>(model: Model<S, unknown>, state: S, buf: Int32Array): void {
  model.layout.encode(state, buf);
  if (model.canonicalize) model.canonicalize(model.layout.view(buf));
}
