// Hand-built world states for the property tests: start from a scope's
// initial state and set frames, PTEs and holders directly, without running
// the actions that would normally lead there.
import { getScope, type World, type WorldScope } from '../../models/index.js';
import { initialWorld, type Frame, type Holder } from '../../models/world/state.js';
import type { SpecContext } from '../../spec/context.js';

/** A fresh state of `scope` (by name or value): nothing mapped, every frame free. */
export function blank(scope: string | WorldScope): World {
  return initialWorld(typeof scope === 'string' ? getScope(scope) : scope);
}

/** What the properties know of `scope`: pin bias, refcount limit, movable frames. */
export function specContext(scope: string | WorldScope): SpecContext {
  const s = typeof scope === 'string' ? getScope(scope) : scope;
  return { bias: s.pinBias, limit: s.refLimit, movable: Array.from({ length: s.frames }, (_, f) => s.movable.includes(f)) };
}

/** Frame f becomes a page of `use` with the given fields (the rest as a fresh page's). */
export function page(w: World, f: number, use: Frame['use'], fields: Partial<Frame> = {}): void {
  Object.assign(w.frames[f], { use, large: false, ref: 1, map: 0, pincount: 0, anonExclusive: false, dirty: false, buffers: false, data: 0, taint: 0 }, fields);
}

/** Process p maps frame f at address a through a VMA of `kind`. */
export function map(w: World, p: number, a: number, f: number, kind: 'anon' | 'file-private' | 'file-shared' = 'anon', writable = true): void {
  w.procs[p].alive = true;
  Object.assign(w.procs[p].vmas[a], { kind, huge: 'no', writable: true, anonVma: kind === 'anon' });
  Object.assign(w.procs[p].ptes[a], { frame: f, writable });
}

/** Holder slot h holds frame f for process `owner` at address a. */
export function hold(w: World, h: number, fields: Partial<Holder> & Pick<Holder, 'use' | 'frame'>): void {
  Object.assign(w.holders[h], { owner: 0, addr: 0, write: false, longterm: false, coherent: true, refAdded: 1, pincAdded: false }, fields);
}
