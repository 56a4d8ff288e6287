// litmus/tests/ is a regression suite: every test's verdict on every design of
// its Result: lines must equal the recorded one, and every test records the
// current kernel's verdict.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../../litmus/parse.js';
import { ROOT, runIn } from '../cli/harness.js';
import { realWorld } from '../cli/real-world.js';

const DIR = join(ROOT, 'litmus/tests');
const CURRENT = 'D-CURRENT';
const files = readdirSync(DIR).filter((f) => f.endsWith('.litmus')).sort();

describe('litmus/tests', () => {
  it('has tests named by what they show', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of files) {
      const t = parseLitmus(readFileSync(join(DIR, f), 'utf8'), f);
      expect(`${t.name}.litmus`).toBe(f);
      expect(f).not.toMatch(/test\d/);
      expect(t.results.map((r) => r.design), f).toContain(CURRENT);
    }
  });

  for (const f of files) {
    it(`${f}: every verdict as its Result: lines say`, async () => {
      const r = await runIn(realWorld, ['litmus', `litmus/tests/${f}`], ROOT);
      expect(r.stderr).toBe('');
      expect(r.code, r.stdout).toBe(0);
    });
  }
});
