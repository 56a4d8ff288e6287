// Every committed counterexample is 1-minimal: removing any one step, or
// replacing any one action by one of the model's simpler variants
// (shrinkAction), no longer breaks the same property. Checked with the plain
// definition in test/checker/one-minimal.ts, independent of checker/shrink.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFromActions } from '../../checker/trace.js';
import { buildModel } from '../../models/index.js';
import { readTraceDoc } from '../../report/trace-schema.js';
import { smallerFailures } from '../checker/one-minimal.js';
import { ROOT } from './harness.js';

const dir = join(ROOT, 'counterexamples');
const files = readdirSync(dir)
  .sort()
  .flatMap((d) => readdirSync(join(dir, d)).sort().filter((f) => f.endsWith('.json')).map((f) => join(d, f)));

describe('committed counterexamples', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s is 1-minimal', (f) => {
    const { doc } = readTraceDoc(readFileSync(join(dir, f), 'utf8'), f);
    const model = buildModel(doc.design.name, doc.scope.name);
    const r = traceFromActions(model, doc.initialIndex, doc.steps.map((s) => model.parseAction(s.action)));
    if (!('trace' in r)) throw new Error(`${f}: step ${r.failedAt + 1} is not enabled`);
    expect(smallerFailures(model, doc.property.name, r.trace)).toEqual([]);
  });
});
