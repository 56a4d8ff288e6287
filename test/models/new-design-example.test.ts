// The example of docs/designs.md "Writing a new design", compiled and run:
// the code between the markers below is the documented snippet (its imports
// seen from the repository root there, from test/models/ here), and the last
// test fails when the two drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROPERTY_NAMES } from '../../models/api.js';

// docs/designs.md snippet begin
import { bfs } from '../../checker/search.js';
import { ERA, V6_5 } from '../../models/designs/eras.js';
import { expectations, fail, type WorldDesign } from '../../models/designs/types.js';
import { buildModel, defaultScopes } from '../../models/index.js';

// The current kernel, except that a R/O pin never unshares a shared page
// (as if gup_must_unshare() always said no).
export const D_NO_UNSHARE: WorldDesign = {
  name: 'D-NO-UNSHARE',
  title: 'the current kernel, but R/O pins never unshare',
  provenance: { commits: [], notes: 'a what-if, not a kernel' },
  choices: { ...V6_5, unshare: 'none' },
  expected: expectations({
    'P-COH-RO': fail('a R/O long-term pin of a shared page goes stale when its owner writes', 4),
    'P-ISO': ERA.hugetlbIso,
  }),
};

/** Each property violated in some default scope, with its shortest counterexample's length. */
export function violations(design: WorldDesign): Record<string, number> {
  const out: Record<string, number> = {};
  for (const scope of defaultScopes()) {
    for (const v of bfs(buildModel(design, scope)).verdicts) {
      if (v.status === 'violated') out[v.property] = Math.min(out[v.property] ?? Infinity, v.trace!.steps.length);
    }
  }
  return out;
}
// docs/designs.md snippet end

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/designs.md: writing a new design', () => {
  it('the example design breaks exactly what it records, in the recorded number of steps', () => {
    const want = Object.fromEntries(
      PROPERTY_NAMES.flatMap((p) => {
        const e = D_NO_UNSHARE.expected[p];
        return e.verdict === 'pass' ? [] : [[p, e.steps]];
      }),
    );
    expect(violations(D_NO_UNSHARE)).toEqual(want);
    expect(want).toEqual({ 'P-COH-RO': 4, 'P-ISO': 6 });
  });

  it('the documented snippet is the code above', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'designs.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Writing a new design'));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    const self = readFileSync(join(ROOT, 'test', 'models', 'new-design-example.test.ts'), 'utf8');
    const code = /\/\/ docs\/designs\.md snippet begin\n([\s\S]*?)\/\/ docs\/designs\.md snippet end/.exec(self)![1];
    expect(snippet, 'copy the snippet between the markers of this file into docs/designs.md').toBe(code.replaceAll("from '../../", "from './"));
  });
});
