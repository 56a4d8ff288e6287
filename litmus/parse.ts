// The litmus format (docs/litmus.md), in the spirit of herd7:
//
//   pinspec fork-vmsplice-child-reads
//   "Can the child read, through the pipe, what the parent wrote after fork?"
//   scope litmus
//   { <setup actions, run in order before the programs> }
//   P0:
//     <action>
//   P1:
//     <action>
//   exists (pipe=2)
//   Result: D-MAPCOUNT Allowed
//   Result: D-PIN Forbidden
//
// Actions are written as the world's describe() prints them; comments are
// (* ... *). Every error names the file, line and column.
import { InputError, located } from '../report/input-error.js';
import { ConditionError, parseCondition, type Cond } from './condition.js';

export interface Instr {
  readonly text: string;
  readonly line: number;
  readonly col: number;
}

export interface Program {
  /** The lane: an actor (`P0`, `device`) or a thread of a process (`P0.t1`). */
  readonly actor: string;
  readonly line: number;
  readonly instrs: readonly Instr[];
}

export type LitmusVerdict = 'Allowed' | 'Forbidden';

export interface ResultLine {
  readonly design: string;
  readonly verdict: LitmusVerdict;
  readonly line: number;
  readonly col: number;
}

export interface LitmusTest {
  readonly file: string;
  readonly name: string;
  readonly comment: string;
  readonly scope?: { readonly name: string; readonly line: number };
  readonly init: readonly Instr[];
  readonly programs: readonly Program[];
  readonly exists: { readonly cond: Cond; readonly text: string; readonly line: number; readonly col: number };
  readonly results: readonly ResultLine[];
}

/** Blank out (* ... *) comments, keeping line and column numbers. */
function stripComments(text: string, err: (line: number, col: number, msg: string) => never): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('(*', i)) {
      const end = text.indexOf('*)', i + 2);
      if (end < 0) {
        const before = text.slice(0, i).split('\n');
        err(before.length, before[before.length - 1].length + 1, 'unterminated comment, expected "*)"');
      }
      out += text.slice(i, end + 2).replace(/[^\n]/g, ' ');
      i = end + 2;
    } else out += text[i++];
  }
  return out;
}

// An actor, or one thread of a process: `P0.t1:` is a second program of P0.
const ACTOR = /^([A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)?):\s*$/;
const RESULT = /^Result:\s*(\S+)\s+(\S+)\s*$/;

export function parseLitmus(text: string, file: string): LitmusTest {
  const err = (line: number, col: number, msg: string): never => {
    throw new InputError(located(file, line, col, msg));
  };
  if (text.trim() === '') err(1, 1, 'empty file, expected "pinspec NAME" and a litmus test');
  const lines = stripComments(text.replace(/\r\n?/g, '\n'), err).split('\n');
  let n = 0; // index of the current line
  const col = (s: string): number => s.length - s.trimStart().length + 1;
  const skipBlank = (): void => {
    while (n < lines.length && lines[n].trim() === '') n++;
  };
  const here = (): string => (n < lines.length ? lines[n] : '');
  const expectLine = (what: string): never => err(Math.min(n + 1, lines.length), n < lines.length ? col(here()) : 1, `expected ${what}${n >= lines.length ? ', found end of file' : `, found "${here().trim().slice(0, 30)}"`}`);

  skipBlank();
  const head = /^pinspec\s+([A-Za-z0-9][A-Za-z0-9_.+-]*)\s*$/.exec(here().trim());
  if (!head) expectLine('"pinspec NAME" (the test name)');
  const name = head![1];
  n++;

  skipBlank();
  if (!here().trimStart().startsWith('"')) expectLine('a quoted comment asking the question the test answers');
  const startLine = n;
  let comment = here().trimStart().slice(1);
  while (!comment.includes('"')) {
    n++;
    if (n >= lines.length) err(startLine + 1, col(lines[startLine]), 'unterminated comment, expected a closing \'"\'');
    comment += '\n' + here();
  }
  const close = comment.indexOf('"');
  if (comment.slice(close + 1).trim() !== '') err(n + 1, 1, 'expected nothing after the closing \'"\' of the comment');
  comment = comment.slice(0, close).split('\n').map((l) => l.trim()).join(' ').trim();
  n++;

  skipBlank();
  let scope: LitmusTest['scope'];
  const sc = /^scope\s+(\S+)\s*$/.exec(here().trim());
  if (sc) {
    scope = { name: sc[1], line: n + 1 };
    n++;
    skipBlank();
  }

  const init: Instr[] = [];
  if (here().trim() === '{') {
    const open = n;
    n++;
    for (;;) {
      if (n >= lines.length) err(open + 1, col(lines[open]), "unterminated setup block, expected '}'");
      const t = here().trim();
      if (t === '}') break;
      if (t !== '') init.push({ text: t, line: n + 1, col: col(here()) });
      n++;
    }
    n++;
  } else if (here().trim().startsWith('{')) {
    expectLine("'{' alone on its line, then one setup action per line, then '}'");
  }

  const programs: Program[] = [];
  skipBlank();
  while (n < lines.length && ACTOR.test(here().trim())) {
    const actor = ACTOR.exec(here().trim())![1];
    if (programs.some((p) => p.actor === actor)) err(n + 1, col(here()), `a second program for ${actor}; write each actor's program once`);
    const line = n + 1;
    n++;
    const instrs: Instr[] = [];
    while (n < lines.length) {
      const raw = here();
      const t = raw.trim();
      if (t === '') {
        n++;
        continue;
      }
      if (col(raw) === 1) break; // a program's actions are indented
      instrs.push({ text: t, line: n + 1, col: col(raw) });
      n++;
    }
    if (instrs.length === 0) err(line, 1, `expected indented actions for ${actor}`);
    programs.push({ actor, line, instrs });
    skipBlank();
  }
  if (programs.length === 0) expectLine('a program: "P0:" then indented actions');

  skipBlank();
  const ex = /^exists\s*/.exec(here().trimStart());
  if (!ex) expectLine('"exists (CONDITION)"');
  const exLine = n;
  const exCol = col(here()) + ex![0].length;
  let condText = here().trimStart().slice(ex![0].length);
  // The condition may span lines until its parentheses balance.
  const depth = (s: string): number => [...s].reduce((d, c) => d + (c === '(' ? 1 : c === ')' ? -1 : 0), 0);
  while (depth(condText) > 0 && n + 1 < lines.length) {
    n++;
    condText += ' ' + here().trim();
  }
  let cond: Cond;
  try {
    cond = parseCondition(condText);
  } catch (e) {
    if (!(e instanceof ConditionError)) throw e;
    const onFirst = e.offset <= lines[exLine].trimStart().length - ex![0].length;
    err(exLine + 1, onFirst ? exCol + e.offset : exCol, `in exists: ${e.message}`);
  }
  n++;

  const results: ResultLine[] = [];
  for (; n < lines.length; n++) {
    const t = here().trim();
    if (t === '') continue;
    const r = RESULT.exec(t);
    if (!r) expectLine('"Result: DESIGN Allowed" or "Result: DESIGN Forbidden"');
    if (r![2] !== 'Allowed' && r![2] !== 'Forbidden') {
      err(n + 1, col(here()) + t.indexOf(r![2], 'Result:'.length), `expected Allowed or Forbidden, found "${r![2]}"`);
    }
    if (results.some((x) => x.design === r![1])) err(n + 1, col(here()), `a second Result: line for ${r![1]}`);
    results.push({ design: r![1], verdict: r![2] as LitmusVerdict, line: n + 1, col: col(here()) });
  }
  return { file, name, comment, scope, init, programs, exists: { cond: cond!, text: condText.trim(), line: exLine + 1, col: exCol }, results };
}
