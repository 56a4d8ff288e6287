// The commands run in-process on the toy world: exit codes, counterexample
// files, replay, compare, designs, and every kind of bad input.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { World } from '../../cli/world.js';
import { TOY_DESIGNS, toyWorld } from '../report/toy-world.js';
import { runIn, tempDir } from './harness.js';

const MAPCOUNT_ISO = 'counterexamples/D-TOY-MAPCOUNT/P-ISO.json';
/** Text with its line wrapping undone. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');

/** The toy world with one design whose recorded expectation is wrong. */
const wrongWorld: World = {
  ...toyWorld,
  listDesigns: () => [{ ...TOY_DESIGNS[1], expected: { ...TOY_DESIGNS[1].expected, 'P-ISO': { verdict: 'fail', why: 'claimed' } } }],
};

describe('pinspec check (toy world)', () => {
  it('prints the matrix, writes counterexamples and exits 0 when every verdict is as recorded', async () => {
    const cwd = tempDir();
    const r = await runIn(toyWorld, ['check'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^D-TOY-MAPCOUNT +FAIL 5 /m);
    expect(r.stdout).toMatch(/^D-TOY-LEAKY +ok +- +- +- +xfail 3 /m);
    expect(readdirSync(join(cwd, 'counterexamples/D-TOY-MAPCOUNT')).sort()).toEqual(['P-ISO.json', 'P-ISO.txt']);
    expect(readdirSync(join(cwd, 'counterexamples/D-TOY-LEAKY')).sort()).toEqual(['P-BAL.json', 'P-BAL.txt']);
    expect(existsSync(join(cwd, 'counterexamples/D-TOY-REFCOUNT'))).toBe(false);
  });

  it('writes the same files twice (no timestamps, no timings)', async () => {
    const a = tempDir();
    const b = tempDir();
    await runIn(toyWorld, ['check'], a);
    await runIn(toyWorld, ['check'], b);
    for (const f of ['D-TOY-MAPCOUNT/P-ISO.json', 'D-TOY-MAPCOUNT/P-ISO.txt', 'D-TOY-LEAKY/P-BAL.json']) {
      expect(readFileSync(join(a, 'counterexamples', f), 'utf8')).toBe(readFileSync(join(b, 'counterexamples', f), 'utf8'));
    }
  });

  it('removes stale counterexamples of properties that now hold and of designs that no longer exist', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'counterexamples/D-TOY-REFCOUNT'), { recursive: true });
    mkdirSync(join(cwd, 'counterexamples/D-GONE'), { recursive: true });
    writeFileSync(join(cwd, 'counterexamples/D-TOY-REFCOUNT/P-ISO.txt'), 'old');
    writeFileSync(join(cwd, 'counterexamples/D-GONE/P-ISO.txt'), 'old');
    expect((await runIn(toyWorld, ['check'], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, 'counterexamples/D-TOY-REFCOUNT'))).toBe(false);
    expect(existsSync(join(cwd, 'counterexamples/D-GONE'))).toBe(false);
  });

  it('exits 1 and says why when a verdict differs from the catalog', async () => {
    const r = await runIn(wrongWorld, ['check', '--no-write']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^D-TOY-REFCOUNT +ok! /m);
    expect(r.stdout).toContain('! D-TOY-REFCOUNT P-ISO: expected fail (claimed), but the property holds');
  });

  it('exits 3 when a budget stops a search before it can tell', async () => {
    const r = await runIn(toyWorld, ['check', '--no-write', '--max-states', '3']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^D-TOY-REFCOUNT +\? /m);
    expect(r.stdout).toContain('inconclusive: scope toy: state budget of 3 states reached');
  });

  it('checks one design and one property', async () => {
    const r = await runIn(toyWorld, ['check', '--no-write', '--design', 'D-TOY-MAPCOUNT', '--property', 'P-ISO']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('D-TOY'))).toEqual(['D-TOY-MAPCOUNT  FAIL 5']);
  });

  it('writes valid JUnit XML with a failure element for a verdict that differs', async () => {
    const ok = await runIn(toyWorld, ['check', '--no-write', '--format', 'junit']);
    expect(XMLValidator.validate(ok.stdout)).toBe(true);
    expect(ok.stdout).toContain('<testcase classname="D-TOY-MAPCOUNT" name="P-ISO"');
    expect(ok.stdout.match(/<testcase /g)).toHaveLength(33);
    const bad = await runIn(wrongWorld, ['check', '--no-write', '--format', 'junit']);
    expect(XMLValidator.validate(bad.stdout)).toBe(true);
    expect(bad.stdout).toContain('<failure type="verdict" message="ok!: expected fail (claimed), but the property holds; expected fail (claimed)"');
  });

  it('writes the matrix as Markdown and as JSON', async () => {
    const md = await runIn(toyWorld, ['check', '--no-write', '--format', 'md']);
    expect(md.stdout).toContain('| `D-TOY-MAPCOUNT` | FAIL 5 |');
    const js = JSON.parse((await runIn(toyWorld, ['check', '--no-write', '--format', 'json'])).stdout);
    expect(js.schema).toBe('pinspec-check');
    expect(js.cells.find((c: { design: string; property: string }) => c.design === 'D-TOY-MAPCOUNT' && c.property === 'P-ISO').counterexample.steps).toHaveLength(5);
  });
});

describe('pinspec replay (toy world)', () => {
  async function withCounterexamples(): Promise<string> {
    const cwd = tempDir();
    expect((await runIn(toyWorld, ['check'], cwd)).code).toBe(0);
    return cwd;
  }

  it('reproduces a saved counterexample on its design (report -> replay -> same violation)', async () => {
    const cwd = await withCounterexamples();
    const r = await runIn(toyWorld, ['replay', MAPCOUNT_ISO], cwd);
    expect(r.code).toBe(0);
    expect(flat(r.stdout)).toContain(`reproduced: ${MAPCOUNT_ISO}: D-TOY-MAPCOUNT breaks P-ISO after 5 steps`);
    const again = JSON.parse((await runIn(toyWorld, ['replay', MAPCOUNT_ISO, '--format', 'json'], cwd)).stdout);
    const saved = JSON.parse(readFileSync(join(cwd, MAPCOUNT_ISO), 'utf8'));
    expect(again.reproduced).toBe(true);
    expect(again.trace).toEqual(saved);
  });

  it('says the property now holds on a design that fixes it, and exits 1', async () => {
    const cwd = await withCounterexamples();
    const r = await runIn(toyWorld, ['replay', MAPCOUNT_ISO, '--design', 'D-TOY-REFCOUNT'], cwd);
    expect(r.code).toBe(1);
    expect(flat(r.stdout)).toContain('on D-TOY-REFCOUNT, P-ISO holds after step 5');
    expect(r.stdout).toContain('frame 1: content 0 -> 1');
  });

  it('says which step cannot be taken on another design, and exits 1', async () => {
    const cwd = await withCounterexamples();
    const r = await runIn(toyWorld, ['replay', 'counterexamples/D-TOY-LEAKY/P-BAL.json', '--design', 'D-TOY-MAPCOUNT'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('step 3, pipe: leak(), is not enabled');
    expect(r.stdout).toContain('enabled at step 3: P0: write(A); P0: munmap(A); P1: munmap(A); pipe: read()');
  });

  it('rejects, with exit 2, a step that is not enabled on the recorded design', async () => {
    const cwd = await withCounterexamples();
    const doc = JSON.parse(readFileSync(join(cwd, MAPCOUNT_ISO), 'utf8'));
    [doc.steps[0], doc.steps[1]] = [doc.steps[1], doc.steps[0]];
    writeFileSync(join(cwd, 'swapped.json'), JSON.stringify(doc, null, 2));
    const line = JSON.stringify(doc, null, 2).split('\n').findIndex((l) => l.includes('"action": "P1: vmsplice(A)"')) + 1;
    const r = await runIn(toyWorld, ['replay', 'swapped.json'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pinspec: swapped.json:${line}: step 1: P1: vmsplice(A) is not enabled on D-TOY-MAPCOUNT; enabled: P0: fork(); P0: write(A); P0: munmap(A)\n`);
  });

  it('rejects an action it cannot parse, naming its line', async () => {
    const cwd = await withCounterexamples();
    const text = readFileSync(join(cwd, MAPCOUNT_ISO), 'utf8').replace('"P1: munmap(A)"', '"P1: munmap(B)"');
    writeFileSync(join(cwd, 'typo.json'), text);
    const line = text.split('\n').findIndex((l) => l.includes('munmap(B)')) + 1;
    const r = await runIn(toyWorld, ['replay', 'typo.json'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^pinspec: typo\\.json:${line}: step 3: unknown action "P1: munmap\\(B\\)"`));
  });

  it.each([
    ['empty.json', '', 'pinspec: empty.json: empty file, expected a pinspec trace (JSON)'],
    ['broken.json', '{ "schema": "pinspec-trace", ', 'pinspec: broken.json:1:30: malformed JSON: expected a quoted key, found end of file'],
    ['v9.json', '{ "schema": "pinspec-trace", "version": 9 }', 'pinspec: v9.json:1: trace schema version 9, this pinspec reads version 1 only'],
  ])('rejects %s with one line and exit 2', async (name, text, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, name), text);
    const r = await runIn(toyWorld, ['replay', name], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stdout).toBe('');
  });

  it('rejects a missing file and an unknown design', async () => {
    const cwd = await withCounterexamples();
    const missing = await runIn(toyWorld, ['replay', 'nope.json'], cwd);
    expect([missing.code, missing.stderr]).toEqual([2, 'pinspec: nope.json: no such file\n']);
    const unknown = await runIn(toyWorld, ['replay', MAPCOUNT_ISO, '--design', 'D-NOPE'], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('pinspec: unknown design "D-NOPE"; known designs: D-TOY-MAPCOUNT, D-TOY-REFCOUNT, D-TOY-LEAKY\n');
  });

  it('writes valid JUnit XML for a replay that does not reproduce', async () => {
    const cwd = await withCounterexamples();
    const r = await runIn(toyWorld, ['replay', MAPCOUNT_ISO, '--design', 'D-TOY-REFCOUNT', '--format', 'junit'], cwd);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expect(r.stdout).toContain('<failure type="not-reproduced"');
  });
});

describe('pinspec compare and designs (toy world)', () => {
  it('lists the properties on which two designs differ, with the witness', async () => {
    const r = await runIn(toyWorld, ['compare', 'D-TOY-MAPCOUNT', 'D-TOY-REFCOUNT']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('D-TOY-MAPCOUNT vs D-TOY-REFCOUNT (scope toy): 1 property differs');
    expect(r.stdout).toMatch(/^P-ISO +FAIL 5 +ok$/m);
    expect(r.stdout).toContain('D-TOY-MAPCOUNT breaks P-ISO in 5 steps');
    const same = await runIn(toyWorld, ['compare', 'D-TOY-REFCOUNT', 'D-TOY-REFCOUNT']);
    expect(same.code).toBe(0);
    const junit = await runIn(toyWorld, ['compare', 'D-TOY-MAPCOUNT', 'D-TOY-LEAKY', '--format', 'junit']);
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
  });

  it('prints the catalog with provenance, knobs and expected verdicts', async () => {
    const r = await runIn(toyWorld, ['designs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('D-TOY-MAPCOUNT: write fault reuses an anon page if mapcount == 1');
    expect(r.stdout).toContain('  knobs: reuse=refcount, leakyPipe=true');
    expect(r.stdout).toContain('  expected P-ISO: fail in 5 steps (CVE-2020-29374)');
    expect(JSON.parse((await runIn(toyWorld, ['designs', '--format', 'json'])).stdout).designs).toHaveLength(3);
  });
});

describe('usage errors', () => {
  it.each([
    [['check', '--depth', 'ten'], "error: option '--depth <n>' argument 'ten' is invalid. expected a whole number >= 0"],
    [['check', '--time-limit', 'soon'], "error: option '--time-limit <seconds>' argument 'soon' is invalid. expected a number of seconds > 0"],
    [['check', '--format', 'xml'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, md, junit."],
    [['check', '--design', 'D-NOPE'], 'pinspec: unknown design "D-NOPE"; known designs: D-TOY-MAPCOUNT, D-TOY-REFCOUNT, D-TOY-LEAKY'],
    [['check', '--property', 'P-NOPE'], 'pinspec: unknown property "P-NOPE"; known properties: P-ISO, P-COH-RW, P-COH-RO, P-FS, P-BAL, P-OVF, P-NOFN, P-LT-PLACE, P-LT-LIVE, P-FAST, P-RO-GUP-NOT-WRITE'],
    [['check', '--scope', 'huge'], 'pinspec: unknown scope "huge"; known scopes: toy, toy-deep'],
    [['check', '--workers', '2'], 'pinspec: --workers 2: this world cannot be loaded by worker threads; use --workers 1'],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
  ])('%j: one line, exit 2', async (argv, first) => {
    const r = await runIn(toyWorld, argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(first);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help exits 0 for every command', async () => {
    for (const c of ['check', 'compare', 'replay', 'litmus', 'designs']) {
      const r = await runIn(toyWorld, [c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout).toContain(`Usage: pinspec ${c}`);
    }
  });
});
