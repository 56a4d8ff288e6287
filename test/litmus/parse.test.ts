import { describe, expect, it } from 'vitest';
import { conditionText, evalCondition, parseCondition } from '../../litmus/condition.js';
import { parseLitmus } from '../../litmus/parse.js';
import { InputError } from '../../report/input-error.js';

const GOOD = `pinspec fork-write
"Does the child keep its copy?"
scope toy
{
  P0: fork()
}
P0:
  write(A)   (* a comment *)
pipe:
  read()
exists (pipe=1 /\\ ~(P0:A=0))
Result: D-TOY-MAPCOUNT Allowed
Result: D-TOY-REFCOUNT Forbidden
`;

function error(text: string): string {
  try {
    parseLitmus(text, 't.litmus');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('parseLitmus', () => {
  it('reads the name, comment, scope, setup, programs, condition and results', () => {
    const t = parseLitmus(GOOD, 't.litmus');
    expect(t.name).toBe('fork-write');
    expect(t.comment).toBe('Does the child keep its copy?');
    expect(t.scope).toEqual({ name: 'toy', line: 3 });
    expect(t.init).toEqual([{ text: 'P0: fork()', line: 5, col: 3 }]);
    expect(t.programs.map((p) => [p.actor, p.instrs.map((i) => i.text)])).toEqual([
      ['P0', ['write(A)']],
      ['pipe', ['read()']],
    ]);
    expect(conditionText(t.exists.cond)).toBe('pipe=1 /\\ ~P0:A=0');
    expect(t.results).toEqual([
      { design: 'D-TOY-MAPCOUNT', verdict: 'Allowed', line: 12, col: 1 },
      { design: 'D-TOY-REFCOUNT', verdict: 'Forbidden', line: 13, col: 1 },
    ]);
  });

  it.each([
    ['', 't.litmus:1:1: empty file, expected "pinspec NAME" and a litmus test'],
    ['litmus x\n', 't.litmus:1:1: expected "pinspec NAME" (the test name), found "litmus x"'],
    ['pinspec x\nP0:\n', 't.litmus:2:1: expected a quoted comment asking the question the test answers, found "P0:"'],
    ['pinspec x\n"open\n', `t.litmus:2:1: unterminated comment, expected a closing '"'`],
    ['pinspec x\n"q"\n{\n  P0: fork()\n', "t.litmus:3:1: unterminated setup block, expected '}'"],
    ['pinspec x\n"q"\nexists (pipe=1)\n', 't.litmus:3:1: expected a program: "P0:" then indented actions, found "exists (pipe=1)"'],
    ['pinspec x\n"q"\nP0:\nexists (pipe=1)\n', 't.litmus:3:1: expected indented actions for P0'],
    ['pinspec x\n"q"\nP0:\n  write(A)\n', 't.litmus:5:1: expected "exists (CONDITION)", found end of file'],
    ['pinspec x\n"q"\nP0:\n  write(A)\nexists (pipe=)\n', 't.litmus:5:14: in exists: expected a value (a number, true, false or a word), found ")"'],
    ['pinspec x\n"q"\nP0:\n  write(A)\nexists (pipe=1\n', "t.litmus:5:8: in exists: expected ')', found end of condition"],
    ['pinspec x\n"q"\nP0:\n  write(A)\nexists (pipe=1)\nResult: D-X Maybe\n', 't.litmus:6:13: expected Allowed or Forbidden, found "Maybe"'],
    ['pinspec x\n"q"\nP0:\n  write(A)\nexists (pipe=1)\nResult D-X Allowed\n', 't.litmus:6:1: expected "Result: DESIGN Allowed" or "Result: DESIGN Forbidden", found "Result D-X Allowed"'],
    ['pinspec x\n"q"\nP0:\n  a\nP0:\n  b\nexists (pipe=1)\n', 't.litmus:5:1: a second program for P0; write each actor\'s program once'],
    ['pinspec x\n"q" (* open\n', 't.litmus:2:5: unterminated comment, expected "*)"'],
  ])('reports %j as one line with file:line:col', (text, message) => {
    expect(error(text)).toBe(message);
  });
});

describe('conditions', () => {
  it('parses and evaluates /\\, \\/, ~, != and values of each type', () => {
    const c = parseCondition('(P1:A=2 \\/ pipe!=1) /\\ P0:ret=-ENOMEM /\\ flag=true');
    const obs: Record<string, number | string | boolean> = { 'P1:A': 2, pipe: 1, 'P0:ret': '-ENOMEM', flag: true };
    expect(evalCondition(c, (n) => obs[n])).toBe(true);
    obs['P1:A'] = 3;
    expect(evalCondition(c, (n) => obs[n])).toBe(false);
    expect(conditionText(c)).toBe('(P1:A=2 \\/ ~pipe=1) /\\ P0:ret=-ENOMEM /\\ flag=true');
  });
});
