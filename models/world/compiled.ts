// The world's recipes compiled to word operations, one target per scope
// (tools/recipe-compiler, run by npm run build): loaded once, and paired with
// a model only when the model's layout is the one the target was compiled for.
import { compiledFor, loadCompiled, type CompiledRecipes } from '../../checker/compiled.js';
import type { Layout } from '../../checker/layout.js';
import type { Property } from '../../checker/model.js';
import { SCOPES } from '../scopes.js';
import type { Action, ActionUniverse } from './actions.js';
import type { DesignChoices } from './choices.js';
import type { Ctx } from './context.js';
import type { WorldScope } from './scope.js';

/** What a world target exports: the compiled twins of these functions, each taking the words first, and no state (the words are the state). */
interface WorldTarget {
  makeCtx(scope: WorldScope, c: DesignChoices): Ctx;
  enabledActions(words: Uint32Array, ctx: Ctx, u: ActionUniverse, out: Action[]): void;
  next(words: Uint32Array, ctx: Ctx, x: Action): boolean;
  properties(ctx: Pick<Ctx, 'bias' | 'limit' | 'movable'>): (Omit<Property<unknown>, 'holds'> & { holds(words: Uint32Array): boolean })[];
}

const targets = new Map(await Promise.all(SCOPES.map(async (s) => [s.name, await loadCompiled(`world-${s.name}`)] as const)));

/** The compiled recipes for `scope` and `choices`, over the same action universe as the model's; undefined without a target for this layout. */
export function compiledWorld(scope: WorldScope, choices: DesignChoices, u: ActionUniverse, layout: Layout<unknown>): CompiledRecipes<Action> | undefined {
  const target = targets.get(scope.name);
  if (!compiledFor(target, layout)) return undefined;
  const t = target as unknown as WorldTarget;
  // The compiled makeCtx builds the design's rules (canReuse) as compiled functions too.
  const ctx = t.makeCtx(scope, choices);
  const props = t.properties({ bias: ctx.bias, limit: ctx.limit, movable: ctx.movable });
  return {
    actions: (w, out) => t.enabledActions(w, ctx, u, out),
    next: (w, x) => (t.next(w, ctx, x) ? undefined : false),
    holds: new Map(props.map((p) => [p.name, p.holds])),
  };
}
