// Replaying a trace by its actions: each must be enabled where it is applied,
// and a failure says which step and what was enabled there, where "enabled"
// means the recipe gives a successor, not merely that actions() listed it.
import { describe, expect, it } from 'vitest';
import { traceFromActions } from '../../checker/trace.js';
import { counter } from './models/counter.js';

describe('traceFromActions', () => {
  it('replays enabled actions into the trace of their states', () => {
    const r = traceFromActions(counter(), 0, ['inc', 'spin', 'inc']);
    if (!('trace' in r)) throw new Error('did not replay');
    expect(r.trace.steps.map((s) => s.state)).toEqual([
      { x: 1, a: 0, b: false },
      { x: 1, a: 1, b: false },
      { x: 2, a: 1, b: false },
    ]);
  });

  it('names the step that is not enabled, and lists only actions whose recipe gives a successor', () => {
    // `flip` is listed by actions() but refused by the recipe while x is odd.
    const base = counter();
    const model = { ...base, next: (d: Parameters<typeof base.next>[0], a: Parameters<typeof base.next>[1]) => (a === 'flip' && d.x % 2 === 1 ? false : base.next(d, a)) };
    expect(traceFromActions(model, 0, ['inc', 'flip'])).toEqual({ failedAt: 1, enabled: ['inc', 'dec', 'spin'] });
    expect(traceFromActions(model, 0, ['dec'])).toEqual({ failedAt: 0, enabled: ['inc', 'spin', 'flip'] });
  });
});
