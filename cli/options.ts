// Option parsers shared by the commands: numbers, the report format.
import { InvalidArgumentError, Option } from 'commander';

export const FORMATS = ['text', 'json', 'md', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function formatOption(formats: readonly Format[] = FORMATS): Option {
  return new Option('--format <format>', 'report format').choices(formats).default('text');
}

/** A whole number >= min, for --depth, --max-states, --workers. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
      throw new InvalidArgumentError(`expected a whole number >= ${min}`);
    }
    return Number(value);
  };
}

/** Seconds, possibly fractional, > 0, for --time-limit. */
export function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds > 0');
  return n;
}

/** Collect a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
