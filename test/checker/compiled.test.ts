// Compiled recipes (tools/recipe-compiler, checker/compiled.ts) against the
// recipes on the views: the search gives the same result with and without
// them (status, counts, levels, coverage, every verdict and its shortest
// path) for pinbench and for every design in every scope; every model that
// should have them has them; a model on another layout gets none; and a step
// that fails on them is run again on the views, so the error is the model's.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pinbench } from '../../bench/pinbench.js';
import { array, compileLayout, int, struct } from '../../checker/layout.js';
import type { Model } from '../../checker/model.js';
import { bfs, type SearchResult } from '../../checker/search.js';
import { ModelError, WordStepper } from '../../checker/step.js';
import { buildModel, getScope, listDesigns, listScopes } from '../../models/index.js';
import { DEEP_SCOPES } from '../../models/scopes.js';

function summary(r: SearchResult<unknown, unknown>): unknown {
  const { status, verdicts, stats } = r;
  return {
    status,
    distinct: stats.distinct,
    generated: stats.generated,
    levels: stats.levels,
    coverage: stats.coverage,
    verdicts: verdicts.map((v) => [v.property, v.status, v.path]),
  };
}

function onViews<S, A>(m: Model<S, A>): Model<S, A> {
  return { ...m, compiled: undefined };
}

describe('compiled recipes', () => {
  it('pinbench: the same search, to depth 12, with and without them', () => {
    expect(pinbench.compiled).toBeDefined();
    const a = bfs(pinbench, { keepGoing: true, maxDepth: 12 });
    const b = bfs(onViews(pinbench), { keepGoing: true, maxDepth: 12 });
    expect(a.stats.distinct).toBeGreaterThan(100_000);
    expect(summary(a)).toEqual(summary(b));
  });

  for (const scope of listScopes()) {
    const deep = (DEEP_SCOPES as readonly string[]).includes(scope.name);
    // Every design in the default scopes, until decided and to the end; in the
    // deep ones (seconds each), today's kernel and the one with most states, to the end.
    const designs = listDesigns().filter((d) => !deep || ['D-CURRENT', 'D-REFS1'].includes(d.name));
    it(`the world in scope ${scope.name}: the same search for ${deep ? 'D-CURRENT and D-REFS1' : 'every design'}`, () => {
      for (const d of designs) {
        const m = buildModel(d.name, scope.name);
        expect(m.compiled, `${d.name} in ${scope.name} has compiled recipes`).toBeDefined();
        for (const keepGoing of deep ? [true] : [false, true]) {
          expect(summary(bfs(m, { keepGoing })), `${d.name} in ${scope.name}, keepGoing ${keepGoing}`).toEqual(summary(bfs(onViews(m), { keepGoing })));
        }
      }
    });
  }

  it('are not paired with a model whose layout differs from the one they were compiled for', () => {
    const s = getScope('anon-fork');
    const m = buildModel('D-CURRENT', { ...s, frames: s.frames + 1 });
    expect(m.compiled).toBeUndefined();
    expect(buildModel('D-CURRENT', 'anon-fork').compiled).toBeDefined();
  });
});

describe('a compiled target, bundled into one module', () => {
  // esbuild puts a "// <path>" line before each module it takes in.
  const words = fileURLToPath(new URL('../../dist/words/', import.meta.url));
  it.each(['pinbench', ...listScopes().map((s) => `world-${s.name}`)])('%s takes in only its own generated modules and imports the rest', (name) => {
    const dir = `${words}${name}/`;
    const text = readFileSync(`${dir}entry.mjs`, 'utf8');
    const taken = [...text.matchAll(/^\/\/ (dist\/\S+)$/gm)].map((m) => m[1]);
    expect(taken.length).toBeGreaterThan(0);
    for (const t of taken) expect({ t, ours: t === `dist/words/${name}/modules.mjs` || (t.startsWith(`dist/words/${name}/`) && t.endsWith('.words.mjs')) }).toEqual({ t, ours: true });
    // Imported, not copied: the checker and the world's modules, shared with the process (one layout cache, one action universe).
    const imported = [...text.matchAll(/^import .* from "(\.[^"]+)";$/gm)].map((m) => resolve(dir, m[1]));
    expect(imported.length).toBeGreaterThan(0);
    for (const f of imported) {
      expect(f.startsWith(words)).toBe(false);
      expect(existsSync(f)).toBe(true);
    }
    if (name === 'pinbench') return;
    // The modules that work on the state, found without a list (modules.ts):
    // every property's, and not the action universe's (one for the process).
    const specs = readdirSync(fileURLToPath(new URL('../../spec/', import.meta.url))).filter((f) => /^p-.*\.ts$/.test(f));
    expect(specs.length).toBeGreaterThan(10);
    for (const f of specs) expect(taken).toContain(`dist/words/${name}/spec/${f.replace(/\.ts$/, '.words.mjs')}`);
    expect(taken).not.toContain(`dist/words/${name}/models/world/actions.words.mjs`);
  });
});

describe('a step that fails on the compiled recipes', () => {
  const layout = compileLayout(struct({ xs: array(2, int(0, 3)) }));
  const toy = (next: Model<{ xs: number[] }, 'go'>['next']): Model<{ xs: number[] }, 'go'> => ({
    name: 'toy',
    layout,
    initialStates: () => [{ xs: [0, 0] }],
    actions: (_s, out) => out.push('go'),
    next,
    properties: [],
    describe: (a) => a,
    compiled: {
      actions: (_w, out) => out.push('go'),
      next: () => {
        throw new Error('compiled: bad index');
      },
      holds: new Map(),
    },
  });

  it("is run again on the views, which throw the model's own error", () => {
    const st = new WordStepper(toy((d) => void (d.xs[1] = 9)));
    expect(() => st.step('go')).toThrow('state field xs[1]: cannot store 9, expected an integer in 0..3');
  });

  it('is a ModelError naming both when the views do not fail (a compiler bug, never a verdict)', () => {
    const st = new WordStepper(toy((d) => void (d.xs[1] = 2)));
    expect(() => st.step('go')).toThrow(ModelError);
    expect(() => st.step('go')).toThrow(/toy: the compiled recipes failed on go \(compiled: bad index\) where the recipes on the views did not/);
  });
});
