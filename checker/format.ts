// A plain-text rendering of any model's trace: each step is the action in
// the model's words and the leaf fields it changed (`path: old -> new`),
// read off the layout, so it needs nothing from the model beyond its layout
// and describe(). Kernel reports have their own richer renderer (report/).
import type { Model } from './model.js';
import type { Trace } from './trace.js';

/** The leaves that differ between two states, as `path: old -> new`. */
export function stateDiff<S>(model: Model<S, unknown>, before: S, after: S): string[] {
  const layout = model.layout;
  const a = new Int32Array(layout.slots);
  const b = new Int32Array(layout.slots);
  layout.encode(before, a);
  layout.encode(after, b);
  const out: string[] = [];
  for (const leaf of layout.leaves) {
    const x = a[leaf.slot];
    const y = b[leaf.slot];
    if (x !== y) out.push(`${leaf.path}: ${layout.show(leaf, x)} -> ${layout.show(leaf, y)}`);
  }
  return out;
}

/** Every leaf of a state as `path = value`. */
export function stateLines<S>(model: Model<S, unknown>, state: S): string[] {
  const layout = model.layout;
  const buf = new Int32Array(layout.slots);
  layout.encode(state, buf);
  return layout.leaves.map((leaf) => `${leaf.path} = ${layout.show(leaf, buf[leaf.slot])}`);
}

/** The trace as lines: the initial state in full, then per step the action and what changed. */
export function formatTrace<S, A>(model: Model<S, A>, trace: Trace<S, A>): string[] {
  const lines = [`initial state #${trace.initialIndex}:`, ...stateLines(model, trace.initial).map((l) => `    ${l}`)];
  let before = trace.initial;
  trace.steps.forEach((step, n) => {
    lines.push(`${n + 1}. ${model.describe(step.action)}`);
    const diff = stateDiff(model, before, step.state);
    lines.push(...(diff.length ? diff : ['(no change)']).map((l) => `    ${l}`));
    before = step.state;
  });
  return lines;
}
