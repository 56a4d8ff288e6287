// cli/main.ts starts the search workers a command line asks for before it
// loads the program: only for check --workers N searched in this thread.
import { describe, expect, it } from 'vitest';
import { searchThreadsAsked } from '../../cli/workers-asked.js';

describe('the threads a command line asks its searches for', () => {
  it.each([
    [['check', '--workers', '2'], 2],
    [['check', '--design', 'D-GET', '--workers=3', '--scope', 'anon-fork'], 3],
    [['check', '--workers', '2', '--workers', '4'], 4],
    [['check'], 1],
    [['check', '--workers', '2', '--deep'], 1],
    [['check', '--workers', '2', '--jobs', '1'], 1],
    [['check', '--workers', '2', '--jobs=2'], 1],
    [['compare', '--workers', '2'], 1],
    [['check', '--workers', 'two'], 1],
    [['check', '--workers', '0'], 1],
    [['check', '--workers'], 1],
  ])('%j: %d', (argv, threads) => {
    expect(searchThreadsAsked(argv)).toBe(threads);
  });
});
