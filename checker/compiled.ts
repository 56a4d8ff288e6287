// Recipes compiled to operations on a layout's packed words
// (tools/recipe-compiler, run by `npm run build` into dist/words/<target>/).
// A model that has them is searched with them instead of its views: the same
// actions, successors and property values (test/checker/compiled.test.ts
// checks every design in every default scope, and pinbench), several times
// faster per field access. A step that fails on them is run again on the
// views, so errors read as they always did (step.ts).
import type { Layout } from './layout.js';
import { builtFile } from './built-file.js';

export interface CompiledRecipes<A> {
  /** The model's actions() on the state's words. */
  actions(words: Uint32Array, out: A[]): void;
  /** The model's next() on the successor's words. */
  next(words: Uint32Array, action: A): void | false;
  /** Each property's holds() on the words, by property name. */
  readonly holds: ReadonlyMap<string, (words: Uint32Array) => boolean>;
}

/**
 * The entry module of compiled target `name` (its exports, and `shape`, the
 * JSON text of the layout shape it was compiled for), or undefined when the
 * build made none.
 */
export async function loadCompiled(name: string): Promise<Record<string, unknown> | undefined> {
  const entry = builtFile(import.meta.url, `words/${name}/entry.mjs`);
  return entry && ((await import(entry.href)) as Record<string, unknown>);
}

/** Was the compiled target compiled for this layout (the same shape, so the same offsets)? */
export function compiledFor(target: Record<string, unknown> | undefined, layout: Layout<unknown>): boolean {
  return target !== undefined && target.shape === JSON.stringify(layout.shape);
}

/** A compiled model object, as the compiler leaves it: every function with a state parameter takes the words instead. */
interface CompiledModelExport<A> {
  actions(words: Uint32Array, out: A[]): void;
  next(words: Uint32Array, action: A): void | false;
  readonly properties: readonly { readonly name: string; holds(words: Uint32Array): boolean }[];
}

/** The recipes of a model object exported as `name` by compiled target `target`, if it was compiled for `layout`. */
export function compiledModel<A>(target: Record<string, unknown> | undefined, name: string, layout: Layout<unknown>): CompiledRecipes<A> | undefined {
  if (!compiledFor(target, layout)) return undefined;
  const m = target![name] as CompiledModelExport<A>;
  return { actions: m.actions, next: m.next, holds: new Map(m.properties.map((p) => [p.name, p.holds])) };
}
