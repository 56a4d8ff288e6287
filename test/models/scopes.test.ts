// The scopes: each deep scope is strictly larger than the default scope it
// extends, and docs/designs.md records the states D-CURRENT explores in
// every scope as BFS finds them today (the table goes stale with the model).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search.js';
import { buildModel, deepScopes, defaultScopes, getScope } from '../../models/index.js';

const DOC = readFileSync(fileURLToPath(new URL('../../docs/designs.md', import.meta.url)), 'utf8');

/** Bounds that make a scope larger: processes, addresses, frames, holders. */
function bounds(name: string): number[] {
  const s = getScope(name);
  return [s.procs, s.addrs, s.frames, s.holders];
}

describe('scopes', () => {
  it.each([
    ['anon-deep', 'anon-fork'],
    ['thp', 'anon-fork'],
    ['file-deep', 'file'],
  ])('%s is strictly larger than %s', (deep, base) => {
    const d = bounds(deep);
    const b = bounds(base);
    d.forEach((x, i) => expect(x, `bound ${i}`).toBeGreaterThanOrEqual(b[i]));
    expect(d.some((x, i) => x > b[i])).toBe(true);
  });

  for (const s of [...defaultScopes(), ...deepScopes()]) {
    it(`docs/designs.md records D-CURRENT's distinct states in ${s}, and BFS completes`, () => {
      const row = new RegExp(`^\\| ${s} \\|.*\\| ([\\d,]+) \\| [\\d,]+ \\([\\d,]+-[\\d,]+\\) \\|$`, 'm').exec(DOC);
      expect(row, `no row for ${s}`).not.toBeNull();
      const r = bfs(buildModel('D-CURRENT', s));
      expect(r.status).toBe('complete');
      expect(r.stats.distinct.toLocaleString('en-US')).toBe(row![1]);
    });
  }
});
