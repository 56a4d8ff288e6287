// The version of pinspec, from package.json, recorded in every saved trace.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findVersion(): string {
  // report/ under vitest, dist/report/ when built: walk up to the package root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pinspec' && pkg.version) return pkg.version;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('pinspec: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const TOOL_VERSION = findVersion();
