// The kernel world's public entry point: the design catalog, the scopes, and
// buildModel() giving a checker Model (models/api.ts WorldModel) for a design
// in a scope. The action vocabulary is documented in docs/actions.md.
import type { Design, Scope, WorldModel } from './api.js';
import { DESIGNS } from './designs/index.js';
import type { WorldDesign } from './designs/types.js';
import { DEEP_SCOPES, DEFAULT_SCOPES, SCOPES } from './scopes.js';
import type { Action } from './world/actions.js';
import { buildWorldModel } from './world/build.js';
import type { DesignChoices } from './world/choices.js';
import type { WorldScope } from './world/scope.js';
import type { World } from './world/state.js';

export type { Action } from './world/actions.js';
export { describe as describeAction } from './world/actions.js';
export type { DesignChoices } from './world/choices.js';
export type { KnownCounterexample, WorldDesign } from './designs/types.js';
export type { WorldScope, MmapSpec, GupSpec } from './world/scope.js';
export { scaleText } from './world/scope.js';
export type { World } from './world/state.js';
export { V6_5 as CURRENT_CHOICES } from './designs/eras.js';

export function listDesigns(): WorldDesign[] {
  return [...DESIGNS];
}

export function getDesign(name: string): WorldDesign {
  const d = DESIGNS.find((x) => x.name === name);
  if (!d) throw new Error(`unknown design "${name}"; known: ${DESIGNS.map((x) => x.name).join(', ')}`);
  return d;
}

export function listScopes(): WorldScope[] {
  return [...SCOPES];
}

export function getScope(name: string): WorldScope {
  const s = SCOPES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scope "${name}"; known: ${SCOPES.map((x) => x.name).join(', ')}`);
  return s;
}

/** The scopes `pinspec check` runs by default; verdicts merge per property over them. */
export function defaultScopes(): string[] {
  return [...DEFAULT_SCOPES];
}

/** The scopes of `pinspec check --deep`. */
export function deepScopes(): string[] {
  return [...DEEP_SCOPES];
}

function isWorldScope(s: Scope | string): s is WorldScope {
  return typeof s !== 'string' && 'procs' in s;
}

function checkChoices(d: Design): asserts d is Design<DesignChoices> {
  const c = d.choices as Partial<DesignChoices> | null;
  const need: (keyof DesignChoices)[] = Object.keys(CHOICE_KEYS) as (keyof DesignChoices)[];
  const missing = need.filter((k) => c == null || c[k] === undefined);
  if (missing.length) throw new Error(`design "${d.name}": choices lack ${missing.join(', ')} (see models/world/choices.ts)`);
}

const CHOICE_KEYS: Record<keyof DesignChoices, true> = {
  accounting: true,
  misuse: true,
  anonReuse: true,
  hugetlbReuse: true,
  forceCowOnGup: true,
  forkCopyPinned: true,
  forkSeqcount: true,
  unshare: true,
  roLongtermForcedWrite: true,
  longtermCheck: true,
  refuseLongtermWriteFile: true,
  zeroPagePin: true,
  reclaimSkipsPinned: true,
};

/**
 * The world for a design (by name, or a Design value whose choices are
 * DesignChoices) in a scope (by name or value; default: the first default
 * scope).
 */
export function buildModel(design: string | Design, scope?: string | Scope | WorldScope): WorldModel<World, Action> {
  const d = typeof design === 'string' ? getDesign(design) : design;
  checkChoices(d);
  const s = scope === undefined ? getScope(DEFAULT_SCOPES[0]) : isWorldScope(scope) ? scope : getScope(typeof scope === 'string' ? scope : scope.name);
  return buildWorldModel(d, s);
}
