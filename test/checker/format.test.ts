import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../checker/format.js';
import { bfs } from '../../checker/search.js';
import { traceFromIndices } from '../../checker/trace.js';
import { dieHard } from './models/die-hard.js';
import { naiveFlag } from './models/mutex.js';

describe('plain-text traces', () => {
  it('shows each action and the fields it changed', () => {
    const v = bfs(naiveFlag).verdicts[0];
    expect(formatTrace(naiveFlag, v.trace!).join('\n')).toBe(
      [
        'initial state #0:',
        '    pc[0] = test',
        '    pc[1] = test',
        '    flag[0] = false',
        '    flag[1] = false',
        '1. test(P0)',
        '    pc[0]: test -> raise',
        '2. test(P1)',
        '    pc[1]: test -> raise',
        '3. raise(P0)',
        '    pc[0]: raise -> cs',
        '    flag[0]: false -> true',
        '4. raise(P1)',
        '    pc[1]: raise -> cs',
        '    flag[1]: false -> true',
      ].join('\n'),
    );
  });

  it('says when a step changes nothing', () => {
    const t = traceFromIndices(dieHard, 0, [3]); // emptyBig on empty jugs
    expect(formatTrace(dieHard, t).slice(-2)).toEqual(['1. emptyBig', '    (no change)']);
  });
});
