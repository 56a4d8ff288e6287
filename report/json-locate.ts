// JSON.parse with positions: a small recursive-descent parser that returns the
// value and the line and column of every value by its path ('steps.3.action'),
// so an error in a saved trace names the line to look at. Syntax errors are
// thrown as JsonSyntaxError with the line, column and what was expected.

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    readonly line: number,
    readonly col: number,
    readonly expected: string,
  ) {
    super(`line ${line}, column ${col}: expected ${expected}`);
  }
}

export interface Located {
  readonly value: unknown;
  /** Line and column (1-based) of the value at `path` (keys joined by '.'), or of its nearest located ancestor. */
  at(path: readonly (string | number)[]): { line: number; col: number };
}

export function parseJsonLocated(text: string): Located {
  const where = new Map<string, number>();
  let i = 0;

  const lineCol = (pos: number): { line: number; col: number } => {
    let line = 1;
    let start = 0;
    for (let k = 0; k < pos && k < text.length; k++) {
      if (text[k] === '\n') {
        line++;
        start = k + 1;
      }
    }
    return { line, col: pos - start + 1 };
  };
  const fail = (expected: string): never => {
    const { line, col } = lineCol(i);
    const found = i >= text.length ? 'end of file' : JSON.stringify(text[i]);
    throw new JsonSyntaxError(line, col, `${expected}, found ${found}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const literal = (word: string, v: unknown): unknown => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return v;
    }
    return fail('a JSON value');
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] < ' ') fail('a closing quote');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const num = (): number => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) return fail('a JSON value');
    i += m[0].length;
    return Number(m[0]);
  };
  const value = (path: string): unknown => {
    ws();
    where.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a quoted key');
        const k = str();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        o[k] = value(path === '' ? k : `${path}.${k}`);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value(path === '' ? String(a.length) : `${path}.${a.length}`));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        fail("',' or ']'");
      }
    }
    if (c === '"') return str();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    return fail('a JSON value');
  };

  const v = value('');
  ws();
  if (i < text.length) fail('end of file');
  return {
    value: v,
    at(path) {
      for (let n = path.length; n >= 0; n--) {
        const pos = where.get(path.slice(0, n).join('.'));
        if (pos !== undefined) return lineCol(pos);
      }
      return { line: 1, col: 1 };
    },
  };
}
