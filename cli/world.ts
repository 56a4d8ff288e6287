// What the CLI needs from the kernel world (models/index.ts), as an interface
// so that commands can be run in tests on a small world of their own.
import type { ModelSource } from '../checker/search.js';
import type { Design, Scope, WorldModel } from '../models/api.js';
import { InputError } from '../report/input-error.js';

export interface World {
  listDesigns(): readonly Design[];
  listScopes(): readonly Scope[];
  defaultScopes(): readonly (Scope | string)[];
  deepScopes(): readonly (Scope | string)[];
  buildModel(design: string | Design, scope?: string): WorldModel;
  /** Where worker threads import the same model from (needed for --workers > 1). */
  modelSource?(design: string, scope: string): ModelSource;
  /**
   * The module whose exports are this world (as a URL), for checking each
   * scope in a worker thread of its own (cli/check-by-scope.ts); without it,
   * the matrix runs in the calling thread.
   */
  readonly moduleUrl?: string;
}

export function scopeName(s: Scope | string): string {
  return typeof s === 'string' ? s : s.name;
}

/** The design called `name`, or an InputError listing the known ones. */
export function designByName(world: World, name: string): Design {
  const d = world.listDesigns().find((x) => x.name === name);
  if (!d) throw new InputError(`unknown design "${name}"; known designs: ${world.listDesigns().map((x) => x.name).join(', ')}`);
  return d;
}

/** The scope called `name`, or an InputError listing the known ones. */
export function scopeByName(world: World, name: string): Scope {
  const s = world.listScopes().find((x) => x.name === name);
  if (!s) throw new InputError(`unknown scope "${name}"; known scopes: ${world.listScopes().map((x) => x.name).join(', ')}`);
  return s;
}
