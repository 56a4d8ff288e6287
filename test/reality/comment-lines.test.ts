// The C programs' comments are wrapped to 80 columns. A word longer than a
// line (the path of a litmus test in a deep checkout) once made the wrapper
// loop forever: CI's clone path was long enough, this machine's was not.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { commentLines, emitC } from '../../reality/emit-c.js';
import { forkVmspliceChildReads } from './fixtures.js';

const word = fc.stringMatching(/^[a-z/().:-]{1,120}$/);
const line = fc.tuple(fc.nat({ max: 6 }), fc.array(word, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 12 })).map(
  ([lead, words, gaps]) => ' '.repeat(lead) + words.map((w, i) => w + ' '.repeat(gaps[i] ?? 1)).join('').trimEnd(),
);

describe('commentLines', () => {
  test.prop([fc.array(line, { maxLength: 4 }), fc.constantFrom('', '\t', '\t\t')])(
    'keeps every word in order, and breaks lines only at spaces, to 80 columns unless one word is longer',
    (lines, indent) => {
      const out = commentLines(lines, indent);
      const body = out.map((l) => {
        expect(l.startsWith(`${indent} *`)).toBe(true);
        return l.slice(indent.length + 3);
      });
      const words = (ls: readonly string[]) => ls.join(' ').split(' ').filter(Boolean);
      expect(words(body)).toEqual(words(lines));
      for (const b of body) if (b.trim().includes(' ')) expect(indent.length + 3 + b.length).toBeLessThanOrEqual(80);
    },
  );

  it('puts a path longer than the line on a line of its own', () => {
    const path = `(/${'a-rather-deep-checkout/'.repeat(5)}t.litmus):`;
    expect(commentLines(['litmus test t', `  ${path}`, 'then more words'], '')).toEqual([' * litmus test t', ` *   ${path}`, ' * then more words']);
  });
});

describe('emitC', () => {
  it('writes the program of a scenario whose header names a file deeper than 80 columns', () => {
    const deep = `/${'nested-directory/'.repeat(8)}fork-vmsplice.litmus`;
    const c = emitC({ ...forkVmspliceChildReads(), header: [`litmus test fork-vmsplice (${deep}): words after it`] });
    expect(c.split('\n')).toContain(` *   (${deep}):`);
    expect(c).toContain('int main(void)');
  });
});
