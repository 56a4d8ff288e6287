// The built CLI (dist/cli/main.js, as `npm test` builds it) on the real world:
// every kind of bad input gets one line naming the file, line and what was
// expected, exit 2, never a stack trace; and the exit codes of good runs.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnCli, tempDir } from './harness.js';

/** Some committed counterexample, to corrupt. */
function someCounterexample(): { rel: string; text: string } {
  const dir = join(ROOT, 'counterexamples');
  const design = readdirSync(dir).sort()[0];
  const file = readdirSync(join(dir, design)).filter((f) => f.endsWith('.json')).sort()[0];
  const rel = `counterexamples/${design}/${file}`;
  return { rel, text: readFileSync(join(ROOT, rel), 'utf8') };
}

function expectOneLine(r: { code: number; stdout: string; stderr: string }, message: string | RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  if (typeof message === 'string') expect(lines[0]).toBe(message);
  else expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('pinspec (built) on bad input', () => {
  it('an unknown design lists the known ones', () => {
    expectOneLine(spawnCli(['check', '--design', 'D-NOPE']), /^pinspec: unknown design "D-NOPE"; known designs: D-/);
  });
  it('an unknown property lists the known ones', () => {
    expectOneLine(spawnCli(['check', '--property', 'P-NOPE']), /^pinspec: unknown property "P-NOPE"; known properties: P-ISO, /);
  });
  it('a bound that is not a number', () => {
    expectOneLine(spawnCli(['check', '--max-states', '1e9x']), "error: option '--max-states <n>' argument '1e9x' is invalid. expected a whole number >= 1");
  });
  it('no scope at a time', () => {
    expectOneLine(spawnCli(['check', '--jobs', '0']), "error: option '--jobs <n>' argument '0' is invalid. expected a whole number >= 1");
  });
  it('an empty trace file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'empty.json'), '');
    expectOneLine(spawnCli(['replay', 'empty.json'], cwd), 'pinspec: empty.json: empty file, expected a pinspec trace (JSON)');
  });
  it('a truncated trace names the line where it ends', () => {
    const cwd = tempDir();
    const { text } = someCounterexample();
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    writeFileSync(join(cwd, 'cut.json'), cut);
    expectOneLine(spawnCli(['replay', 'cut.json'], cwd), new RegExp(`^pinspec: cut\\.json:${cut.split('\n').length}:\\d+: malformed JSON: expected .*, found end of file$`));
  });
  it('malformed JSON names line and column', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.json'), '{\n  "schema": "pinspec-trace",\n  "version": 1,,\n}\n');
    expectOneLine(spawnCli(['replay', 'bad.json'], cwd), 'pinspec: bad.json:3:16: malformed JSON: expected a quoted key, found ","');
  });
  it('a trace from another schema version', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'v2.json'), someCounterexample().text.replace('"version": 1', '"version": 2'));
    expectOneLine(spawnCli(['replay', 'v2.json'], cwd), 'pinspec: v2.json:3: trace schema version 2, this pinspec reads version 1 only');
  });
  it('an action that is not enabled in the replayed state: step, action, what was enabled', () => {
    const cwd = tempDir();
    const doc = JSON.parse(someCounterexample().text);
    doc.steps = [...doc.steps].reverse();
    const text = JSON.stringify(doc, null, 2);
    writeFileSync(join(cwd, 'reversed.json'), text);
    const r = spawnCli(['replay', 'reversed.json'], cwd);
    expectOneLine(r, /^pinspec: reversed\.json:\d+: step \d+: .+ is not enabled on D-[A-Z0-9-]+; enabled: .+$/);
  });
  it('a litmus syntax error names file:line:col', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 't.litmus'), 'pinspec t\n"q"\nP0:\n  P0: write(A)\nexists (P0:A=)\n');
    expectOneLine(spawnCli(['litmus', 't.litmus'], cwd), 'pinspec: t.litmus:5:14: in exists: expected a value (a number, true, false or a word), found ")"');
  });
  it('an empty litmus file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'e.litmus'), '\n');
    expectOneLine(spawnCli(['litmus', 'e.litmus'], cwd), 'pinspec: e.litmus:1:1: empty file, expected "pinspec NAME" and a litmus test');
  });
  it('a missing file', () => {
    expectOneLine(spawnCli(['replay', 'no/such.json'], tempDir()), 'pinspec: no/such.json: no such file');
  });
});

describe('pinspec (built) on good input', () => {
  it('replays a committed counterexample: exit 0', () => {
    const { rel } = someCounterexample();
    const r = spawnCli(['replay', rel]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^reproduced: /);
  });
  it('prints --help for every command', () => {
    for (const c of ['check', 'compare', 'replay', 'litmus', 'designs']) {
      const r = spawnCli([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout).toContain(`Usage: pinspec ${c}`);
    }
  });
  it('compares two designs: the property that differs, with its witness, exit 1', () => {
    const r = spawnCli(['compare', 'D-SHARED-HELPER', 'D-SEPARATE']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^P-LT-LIVE +FAIL \d+ +ok$/m);
    expect(r.stdout).toContain('D-SHARED-HELPER breaks P-LT-LIVE');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
  it('reports a counterexample that a fixing design does not reproduce: exit 1, naming the step', () => {
    const r = spawnCli(['replay', 'counterexamples/D-SHARED-HELPER/P-LT-LIVE.json', '--design', 'D-SEPARATE']);
    expect(r.code).toBe(1);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/^not reproduced: .*on D-SEPARATE, P-LT-LIVE holds after step \d+/);
  });
  it('lists the catalog', () => {
    const r = spawnCli(['designs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('D-MAPCOUNT');
  });
});
