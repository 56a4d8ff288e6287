// Litmus tests run on the toy world: verdicts, witnesses, exit codes, and the
// errors that need the world (unknown action, observable, design).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toyWorld } from '../report/toy-world.js';
import { ROOT, runIn, tempDir } from '../cli/harness.js';

const FIXTURE = 'test/litmus/fixtures/toy-fork-vmsplice-child-reads.litmus';

describe('pinspec litmus (toy world)', () => {
  it('gives Allowed with a witness on the mapcount design and Forbidden on the refcount one', async () => {
    const r = await runIn(toyWorld, ['litmus', FIXTURE], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}D-TOY-MAPCOUNT +Allowed +Allowed +ok$/m);
    expect(r.stdout).toMatch(/^ {2}D-TOY-REFCOUNT +Forbidden +Forbidden +ok$/m);
    expect(r.stdout).toContain('Witness on D-TOY-MAPCOUNT (pipe=1):');
    const witness = r.stdout.slice(r.stdout.indexOf('Witness'));
    expect(witness.indexOf('vmsplice(A)')).toBeLessThan(witness.indexOf('write(A)'));
    expect(witness.indexOf('munmap(A)')).toBeLessThan(witness.indexOf('write(A)'));
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('litmus: 1 test, 2 verdicts as expected, 0 differ, 0 inconclusive');
  });

  it('exits 1 when a verdict differs from its Result: line', async () => {
    const cwd = tempDir();
    const text = `pinspec wrong\n"q"\n{\n  P0: fork()\n}\nP0:\n  write(A)\nexists (P0:A=1)\nResult: D-TOY-REFCOUNT Forbidden\n`;
    writeFileSync(join(cwd, 'wrong.litmus'), text);
    const r = await runIn(toyWorld, ['litmus', 'wrong.litmus'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}D-TOY-REFCOUNT +Allowed +Forbidden +DIFFERS$/m);
    const junit = await runIn(toyWorld, ['litmus', 'wrong.litmus', '--format', 'junit'], cwd);
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    expect(junit.stdout).toContain('<failure type="verdict" message="Allowed, expected Forbidden"');
  });

  it('gives Forbidden, with a note, when no interleaving runs every program to its end', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'stuck.litmus'), `pinspec stuck\n"q"\nP1:\n  vmsplice(A)\nexists (pipe=0)\nResult: D-TOY-REFCOUNT Forbidden\n`);
    const r = await runIn(toyWorld, ['litmus', 'stuck.litmus'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}D-TOY-REFCOUNT +Forbidden +Forbidden +ok$/m);
    expect(r.stdout).toContain('D-TOY-REFCOUNT: no interleaving runs every program to its end');
  });

  it.each([
    ['P0:\n  frobnicate(A)\nexists (pipe=1)\nResult: D-TOY-REFCOUNT Allowed', 'x.litmus:4:3: unknown action "P0: frobnicate(A)"'],
    ['P1:\n  P0: write(A)\nexists (pipe=1)\nResult: D-TOY-REFCOUNT Allowed', 'x.litmus:4:3: "P0: write(A)" is an action of P0, expected one of P1 (move it to the P0: program)'],
    ['P0:\n  write(A)\nexists (P2:A=1)\nResult: D-TOY-REFCOUNT Allowed', 'x.litmus:5:8: unknown observable "P2:A"; known: pipe, P0:A, P1:A'],
    ['P0:\n  write(A)\nexists (pipe=1)\nResult: D-NOPE Allowed', 'x.litmus:6:1: unknown design "D-NOPE"; known designs: D-TOY-MAPCOUNT, D-TOY-REFCOUNT, D-TOY-LEAKY'],
  ])('rejects %j with file:line:col and exit 2', async (body, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'x.litmus'), `pinspec x\n"q"\n${body}\n`);
    const r = await runIn(toyWorld, ['litmus', 'x.litmus'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^pinspec: ${message.replace(/[()[\]|.*+?^$\\]/g, '\\$&')}`));
    expect(r.stdout).toBe('');
  });

  it('rejects an empty file and a syntax error with exit 2', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'empty.litmus'), '');
    writeFileSync(join(cwd, 'bad.litmus'), 'pinspec bad\n"q"\nP0:\n  write(A)\nexists (pipe=1 /\\)\n');
    expect(await runIn(toyWorld, ['litmus', 'empty.litmus'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'pinspec: empty.litmus:1:1: empty file, expected "pinspec NAME" and a litmus test\n' });
    const bad = await runIn(toyWorld, ['litmus', 'bad.litmus'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('pinspec: bad.litmus:5:18: in exists: expected an observable, "~" or "(", found ")"\n');
  });
});
