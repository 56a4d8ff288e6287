// A mistake in what the user gave (a file, an option, a name): reported as one
// line, exit code 2, never a stack trace.
export class InputError extends Error {
  override name = 'InputError';
}

/** "FILE:LINE:COL: message", leaving out the parts that are not known. */
export function located(file: string, line: number | undefined, col: number | undefined, message: string): string {
  const at = line === undefined ? file : col === undefined ? `${file}:${line}` : `${file}:${line}:${col}`;
  return `${at}: ${message}`;
}
