// The final condition of a litmus test, herd7 style: `exists (P1:A=2 /\ ~(pipe=1))`.
// Atoms compare a WorldModel observable with a value; `/\` is and, `\/` is or,
// `~` is not. The shape matches reality/scenario.ts's Cond, with values that
// may also be booleans or words (an errno such as -ENOMEM).

export type Value = number | boolean | string;

export type Cond =
  | { readonly kind: 'eq'; readonly obs: string; readonly value: Value }
  | { readonly kind: 'not'; readonly arg: Cond }
  | { readonly kind: 'and' | 'or'; readonly args: readonly Cond[] }
  | { readonly kind: 'true' };

export class ConditionError extends Error {
  override name = 'ConditionError';
  /** 0-based offset in the condition text. */
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_:.[\]-]*/;
const VALUE = /^-?[A-Za-z0-9_]+/;

/** Parse a condition; throws ConditionError with the offset of the problem. */
export function parseCondition(text: string): Cond {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (expected: string): never => {
    const found = i >= text.length ? 'end of condition' : `"${text.slice(i, i + 8)}"`;
    throw new ConditionError(i, `expected ${expected}, found ${found}`);
  };
  const eat = (tok: string): boolean => {
    ws();
    if (text.startsWith(tok, i)) {
      i += tok.length;
      return true;
    }
    return false;
  };
  const unary = (): Cond => {
    ws();
    if (eat('~')) return { kind: 'not', arg: unary() };
    if (eat('(')) {
      const c = or();
      if (!eat(')')) fail("')'");
      return c;
    }
    const m = NAME.exec(text.slice(i));
    if (!m) return fail('an observable, "~" or "("');
    i += m[0].length;
    if (m[0] === 'true') return { kind: 'true' };
    const negate = eat('!=');
    if (!negate && !eat('=')) fail("'=' or '!='");
    ws();
    const v = VALUE.exec(text.slice(i));
    if (!v) return fail('a value (a number, true, false or a word)');
    i += v[0].length;
    const value: Value = /^-?\d+$/.test(v[0]) ? Number(v[0]) : v[0] === 'true' ? true : v[0] === 'false' ? false : v[0];
    const atom: Cond = { kind: 'eq', obs: m[0], value };
    return negate ? { kind: 'not', arg: atom } : atom;
  };
  const and = (): Cond => {
    const args = [unary()];
    while (eat('/\\')) args.push(unary());
    return args.length === 1 ? args[0] : { kind: 'and', args };
  };
  const or = (): Cond => {
    const args = [and()];
    while (eat('\\/')) args.push(and());
    return args.length === 1 ? args[0] : { kind: 'or', args };
  };
  const c = or();
  ws();
  if (i < text.length) fail("'/\\', '\\/' or the end of the condition");
  return c;
}

export function observablesIn(c: Cond): string[] {
  switch (c.kind) {
    case 'eq':
      return [c.obs];
    case 'not':
      return observablesIn(c.arg);
    case 'and':
    case 'or':
      return [...new Set(c.args.flatMap(observablesIn))];
    case 'true':
      return [];
  }
}

export function evalCondition(c: Cond, observe: (name: string) => Value): boolean {
  switch (c.kind) {
    case 'eq':
      // By text: an observable may give 0 as a number or as the word "0" (a return code).
      return String(observe(c.obs)) === String(c.value);
    case 'not':
      return !evalCondition(c.arg, observe);
    case 'and':
      return c.args.every((a) => evalCondition(a, observe));
    case 'or':
      return c.args.some((a) => evalCondition(a, observe));
    case 'true':
      return true;
  }
}

export function conditionText(c: Cond): string {
  switch (c.kind) {
    case 'eq':
      return `${c.obs}=${String(c.value)}`;
    case 'not':
      return c.arg.kind === 'eq' ? `~${conditionText(c.arg)}` : `~(${conditionText(c.arg)})`;
    case 'and':
      return c.args.map((a) => (a.kind === 'or' ? `(${conditionText(a)})` : conditionText(a))).join(' /\\ ');
    case 'or':
      return c.args.map((a) => (a.kind === 'and' ? `(${conditionText(a)})` : conditionText(a))).join(' \\/ ');
    case 'true':
      return 'true';
  }
}
