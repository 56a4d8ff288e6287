// An error thrown by a model's own code during a search names the model, what
// the search was doing and the path to the state, and keeps its class.
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../checker/layout.js';
import { bfs } from '../../checker/search.js';
import { dieHard } from './models/die-hard.js';

describe('errors from model code during bfs', () => {
  it('a recipe storing a value out of range: LayoutError with the action and the path', () => {
    // Pouring without the capacity check overflows the 5-gallon jug.
    const sloppy = {
      ...dieHard,
      next(d: { small: number; big: number }, a: string) {
        if (a === 'smallToBig') {
          d.big += d.small;
          d.small = 0;
          return;
        }
        return dieHard.next(d, a as never);
      },
    };
    let caught: unknown;
    try {
      bfs(sloppy as typeof dieHard);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LayoutError);
    expect((caught as Error).message).toMatch(
      /^state field big: cannot store 8, expected an integer in 0\.\.5 \(in die-hard, applying smallToBig after: fillSmall; fillBig\)$/,
    );
  });

  it('a property predicate that throws: names the checking phase', () => {
    const broken = { ...dieHard, properties: [{ name: 'boom', kind: 'always' as const, holds: (s: { big: number }) => { if (s.big === 5) throw new Error('boom'); return true; } }] };
    expect(() => bfs(broken as typeof dieHard)).toThrow(/^boom \(in die-hard, checking the properties of a successor after: initial state 0\)$/);
  });
});
