// Running a model's recipe. Two paths that must agree (test/checker/step.test.ts):
// - fast: copy the parent's slot vector into a reused scratch vector and run
//   the recipe on a view of it (what the search does);
// - immer: decode to a plain object, produce() with the same recipe, encode.
// Both then canonicalize (symmetry), so a "step" always means next + canonicalize.
import { produce } from 'immer';
import type { Layout } from './layout.js';
import type { Model } from './model.js';

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
    return true;
  }
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
