// Where a built module is, seen from a module that may run from its .ts
// source (under vitest) or from dist/. Worker threads run JavaScript, and
// the compiled recipes are written by the build, so both are taken from
// dist/ when the caller runs from source.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The candidates for `path` (relative to dist/), seen from the module at
 * `here` (its import.meta.url, one directory below the project root or
 * dist/): in the same tree, then under dist/.
 */
function candidates(here: string, path: string): URL[] {
  return [new URL(`../${path}`, here), new URL(`../dist/${path}`, here)];
}

/** The built file `path` (relative to dist/), or undefined when the build made none. */
export function builtFile(here: string, path: string): URL | undefined {
  return candidates(here, path).find((url) => existsSync(fileURLToPath(url)));
}

/** The compiled entry module `file` of a worker thread, in directory `dir` of the project (e.g. 'checker'). */
export function compiledEntry(here: string, dir: string, file: string): URL {
  const url = builtFile(here, `${dir}/${file}`);
  if (url) return url;
  const [beside, built] = candidates(here, `${dir}/${file}`).map((u) => fileURLToPath(u));
  throw new Error(`no compiled worker at ${beside} or ${built} (run npm run build)`);
}
