import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search.js';
import { InputError } from '../../report/input-error.js';
import { traceDoc } from '../../report/trace-doc.js';
import { readTraceDoc, writeTraceDoc, TRACE_VERSION, type TraceDoc } from '../../report/trace-schema.js';
import { commitText, provenanceLines, renderTraceText } from '../../report/trace-text.js';
import { buildToyModel, TOY_DESIGNS } from './toy-world.js';

function counterexample(design: string, property: string): TraceDoc {
  const model = buildToyModel(TOY_DESIGNS.find((d) => d.name === design)!);
  const v = bfs(model).verdicts.find((x) => x.property === property)!;
  expect(v.status).toBe('violated');
  return traceDoc(model, property, v.trace!, `npx pinspec replay counterexamples/${design}/${property}.json`);
}

const golden = (name: string): string => new URL(`golden/${name}`, import.meta.url).pathname;

describe('a counterexample as text', () => {
  for (const [design, property] of [
    ['D-TOY-MAPCOUNT', 'P-ISO'],
    ['D-TOY-LEAKY', 'P-BAL'],
  ]) {
    it(`${design} ${property} matches its golden file, within 80 columns`, () => {
      const text = renderTraceText(counterexample(design, property));
      const file = golden(`${design}.${property}.txt`);
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      expect(text).toMatch(/^[\x20-\x7e\n]*$/);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
  it('names the step actions in their lanes and the values that break the property', () => {
    const text = renderTraceText(counterexample('D-TOY-MAPCOUNT', 'P-ISO'));
    expect(text).toContain('D-TOY-MAPCOUNT breaks P-ISO in 5 steps (scope toy)');
    expect(text).toContain('commit 17839856fd58');
    expect(text).toContain('frame 0: mapcount 2 -> 1');
    expect(text).toContain('Violation: the pipe read 1, but P1 saw 0');
    expect(text).toContain('Replay:   npx pinspec replay counterexamples/D-TOY-MAPCOUNT/P-ISO.json');
  });
});

describe('provenance as text', () => {
  const revert = { id: 'c36c04c2e132', title: 'Revert "mm/gup: small refactoring: simplify try_grab_page()"', kernel: 'v5.17-rc3 (by date)' };

  it('puts a commit\'s role before its id, and says "commit" when it has none', () => {
    expect(commitText({ ...revert, role: 'fixed-by' })).toBe('fixed by c36c04c2e132 ("Revert "mm/gup: small refactoring: simplify try_grab_page()"") v5.17-rc3 (by date)');
    expect(commitText({ ...revert, role: 'reverted-by' })).toMatch(/^reverted by c36c04c2e132 /);
    expect(commitText({ ...revert, role: 'introduced' })).toMatch(/^introduced by c36c04c2e132 /);
    expect(commitText({ ...revert, role: 'removed-by' })).toMatch(/^removed by c36c04c2e132 /);
    expect(commitText({ ...revert, role: 'based-on' })).toMatch(/^based on c36c04c2e132 /);
    expect(commitText({ id: '17839856fd58', title: 't' })).toBe('commit 17839856fd58 ("t")');
  });

  it('wraps the commits under the design within 80 columns', () => {
    const lines = provenanceLines({ name: 'D-X', title: 'x', choices: {}, provenance: { commits: [{ ...revert, role: 'reverted-by' }] } });
    expect(lines[1]).toBe('          reverted by c36c04c2e132 ("Revert "mm/gup: small refactoring: simplify');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });
});

describe('the saved-trace JSON', () => {
  it('round-trips through write and read', () => {
    const doc = counterexample('D-TOY-MAPCOUNT', 'P-ISO');
    const text = writeTraceDoc(doc);
    expect(readTraceDoc(text, 'x.json').doc).toEqual(JSON.parse(text));
    expect(JSON.parse(text)).toMatchObject({ schema: 'pinspec-trace', version: TRACE_VERSION, design: { name: 'D-TOY-MAPCOUNT', choices: { reuse: 'mapcount' } } });
    expect(doc.steps.map((s) => s.action)).toEqual(['P0: fork()', 'P1: vmsplice(A)', 'P1: munmap(A)', 'P0: write(A)', 'pipe: read()']);
  });

  const bad = (text: string): string => {
    try {
      readTraceDoc(text, 't.json');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  const good = (): string => writeTraceDoc(counterexample('D-TOY-MAPCOUNT', 'P-ISO'));

  it('rejects an empty file', () => expect(bad('  \n')).toBe('t.json: empty file, expected a pinspec trace (JSON)'));
  it('rejects malformed JSON with its line and column', () => {
    expect(bad('{\n  "schema": "pinspec-trace",\n  "version" 1\n}')).toBe(`t.json:3:13: malformed JSON: expected ':', found "1"`);
  });
  it('rejects a truncated file', () => {
    const t = good();
    const cut = t.slice(0, Math.floor(t.length / 2));
    expect(bad(cut)).toMatch(/^t\.json:\d+:\d+: malformed JSON: expected .*, found end of file$/);
  });
  it('rejects a trace of another schema version', () => {
    expect(bad(good().replace('"version": 1', '"version": 2'))).toBe('t.json:3: trace schema version 2, this pinspec reads version 1 only');
  });
  it('rejects another kind of JSON', () => {
    expect(bad('{"name": "pinspec"}')).toBe('t.json:1: not a pinspec trace: expected "schema": "pinspec-trace", found none');
  });
  it('names the line of a field of the wrong type', () => {
    const t = good().replace('"action": "P1: munmap(A)"', '"action": 7');
    const line = t.split('\n').findIndex((l) => l.includes('"action": 7')) + 1;
    expect(bad(t)).toBe(`t.json:${line}: steps.2.action: expected string, received number`);
  });
});
