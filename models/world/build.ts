// The world for one design in one scope, as a checker Model plus what
// reporters need (models/api.ts WorldModel).
import { compileLayout } from '../../checker/layout.js';
import { properties } from '../../spec/index.js';
import type { Design, PropertyName, WorldModel } from '../api.js';
import { actionUniverse, actorOf, describe, labelOf, parseAction, type Action } from './actions.js';
import type { DesignChoices } from './choices.js';
import { compiledWorld } from './compiled.js';
import { makeCtx } from './context.js';
import { enabledActions } from './enabled.js';
import { explainStep, explainViolation } from './explain.js';
import { next } from './next.js';
import { observableNames, observe } from './observe.js';
import type { WorldScope } from './scope.js';
import { initialWorld, worldShape, type World } from './state.js';


export function buildWorldModel(design: Design<DesignChoices>, scope: WorldScope): WorldModel<World, Action> {
  const ctx = makeCtx(scope, design.choices);
  const u = actionUniverse(scope);
  const layout = compileLayout(worldShape(scope));
  const text = (x: Action): string => describe(x);
  const simpler = (x: Action): Action[] => {
    const out: Action[] = [];
    const push = (t: string): void => {
      const y = u.byText.get(t);
      if (y && y !== x && !out.includes(y)) out.push(y);
    };
    if (x.kind === 'gup') {
      const g = x.gup;
      const variants = [
        { ...g, longterm: false },
        { ...g, write: false },
        { ...g, fast: false },
        { ...g, call: 'get' as const },
      ];
      for (const v of variants) push(describe({ ...x, gup: v }));
    } else if (x.kind === 'release') {
      push(describe({ ...x, how: x.use === 'pin' ? 'unpin' : 'put' }));
    } else if (x.kind === 'mmap') {
      for (const v of scope.mmaps) {
        if (v.huge === 'no' && (v.kind === 'anon' || v.kind === x.vma.kind)) push(describe({ ...x, vma: v }));
      }
    } else if (x.kind === 'dma_write') {
      push(describe({ ...x, kind: 'dma_read' }));
    }
    return out;
  };
  return {
    name: `${design.name}@${scope.name}`,
    design,
    scope,
    layout,
    initialStates: () => [initialWorld(scope)],
    actions: (s, out) => enabledActions(ctx, u, s, out),
    next: (d, x) => (next(ctx, d, x) ? undefined : false),
    compiled: compiledWorld(scope, design.choices, u, layout),
    properties: properties({ bias: ctx.bias, limit: ctx.limit, movable: ctx.movable }),
    describe: text,
    label: labelOf,
    shrinkAction: simpler,
    actionToJson: (x) => describe(x),
    actionFromJson: (j) => {
      if (typeof j !== 'string') throw new Error(`a saved action must be its text, e.g. "P0: write(A)"; got ${JSON.stringify(j)}`);
      return parseAction(u, scope.name, j);
    },
    actorOf,
    explainStep: (b, _x, a) => explainStep(ctx, b, a),
    explainViolation: (p: PropertyName, s) => explainViolation(ctx, p, s),
    parseAction: (t) => parseAction(u, scope.name, t),
    observe: (s, name) => observe(ctx, s, name),
    observables: () => observableNames(ctx),
  };
}
