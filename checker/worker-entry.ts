// Where a worker thread's compiled entry module is. Worker threads run
// JavaScript: under vitest the main thread runs from the .ts sources, so the
// entry is taken from the build in dist/ instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled module `file` next to the module at `here` (its
 * import.meta.url), which lives in `dir` of the project (e.g. 'checker'); or
 * the same file under dist/ when `here` is a source file.
 */
export function compiledEntry(here: string, dir: string, file: string): URL {
  const beside = new URL(`./${file}`, here);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL(`../dist/${dir}/${file}`, here);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`no compiled worker at ${fileURLToPath(beside)} or ${fileURLToPath(built)} (run npm run build)`);
}
