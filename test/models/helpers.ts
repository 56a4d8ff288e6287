// Helpers for the world's tests: replay action texts on a design in a scope.
import { traceFromActions, type Trace } from '../../checker/trace.js';
import { bfs } from '../../checker/search.js';
import type { Design, Scope } from '../../models/api.js';
import { buildModel, type Action, type World } from '../../models/index.js';

/** Replay `texts` from the initial state; throws naming the first action that is not enabled. */
export function replay(design: string | Design, scope: string | Scope, texts: readonly string[]): Trace<World, Action> {
  const m = buildModel(design, scope);
  const r = traceFromActions(m, 0, texts.map((t) => m.parseAction(t)));
  if ('failedAt' in r) {
    throw new Error(`step ${r.failedAt + 1} "${texts[r.failedAt]}" not enabled; enabled: ${r.enabled.join('; ')}`);
  }
  return r.trace;
}

/** The state after replaying `texts`. */
export function after(design: string | Design, scope: string | Scope, texts: readonly string[]): World {
  const t = replay(design, scope, texts);
  return t.steps.length ? t.steps[t.steps.length - 1].state : t.initial;
}

/** BFS for one property: its status and shortest trace as action texts. */
export function search(design: string | Design, scope: string, property: string): { status: string; trace: string[] } {
  const m = buildModel(design, scope);
  const r = bfs(m, { properties: [property] });
  const v = r.verdicts[0];
  return { status: v.status, trace: v.trace ? v.trace.steps.map((s) => m.describe(s.action)) : [] };
}
