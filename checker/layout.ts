// A state layout, declared once per model. From it the checker derives:
//  - the TypeScript type of a state (Infer<typeof shape>), so recipes are typed;
//  - a flat slot vector (Int32Array, one slot per leaf field) that a "view"
//    reads and writes through plain property accessors, so a recipe written as
//    `draft.frames[f].ref++` runs on bytes, not on objects;
//  - a canonical bit-packed encoding (Uint32 words) used for storage and hashing;
//  - decode/encode to and from plain objects, so the same recipe can be run
//    under immer's produce() in tests and in replay.
// Every write through a view is range-checked: a recipe that stores a value
// its layout cannot hold throws LayoutError instead of silently wrapping.

export interface IntShape {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
}
export interface BoolShape {
  readonly kind: 'bool';
}
export interface EnumShape<T extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly T[];
}
export interface ArrayShape<E extends Shape = Shape> {
  readonly kind: 'array';
  readonly length: number;
  readonly of: E;
}
export interface StructShape<F extends { readonly [k: string]: Shape } = { readonly [k: string]: Shape }> {
  readonly kind: 'struct';
  readonly fields: F;
}
export type Shape = IntShape | BoolShape | EnumShape | ArrayShape<any> | StructShape<any>;

/** The plain TypeScript type of a value of shape S. */
export type Infer<S> = S extends IntShape
  ? number
  : S extends BoolShape
    ? boolean
    : S extends EnumShape<infer T>
      ? T
      : S extends ArrayShape<infer E>
        ? Infer<E>[]
        : S extends StructShape<infer F>
          ? { -readonly [K in keyof F]: Infer<F[K]> }
          : never;

export class LayoutError extends Error {
  override name = 'LayoutError';
}

export function int(min: number, max: number): IntShape {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
    throw new LayoutError(`int(${min}, ${max}): bounds must be integers with min <= max`);
  }
  if (max - min > 0x3fffffff) throw new LayoutError(`int(${min}, ${max}): range wider than 30 bits`);
  return { kind: 'int', min, max };
}
export function bool(): BoolShape {
  return { kind: 'bool' };
}
export function oneOf<const T extends string>(...values: T[]): EnumShape<T> {
  if (values.length === 0 || new Set(values).size !== values.length) {
    throw new LayoutError(`oneOf(${values.join(', ')}): needs distinct values`);
  }
  return { kind: 'enum', values };
}
export function array<E extends Shape>(length: number, of: E): ArrayShape<E> {
  if (!Number.isInteger(length) || length < 0) throw new LayoutError(`array(${length}): bad length`);
  return { kind: 'array', length, of };
}
export function struct<const F extends { readonly [k: string]: Shape }>(fields: F): StructShape<F> {
  for (const k of Object.keys(fields)) {
    if (k.startsWith('$')) throw new LayoutError(`struct field "${k}": names starting with $ are reserved`);
  }
  return { kind: 'struct', fields };
}

/** One leaf field of the layout: where it lives in the slot vector and the packed words. */
export interface Leaf {
  readonly path: string;
  readonly slot: number;
  readonly shape: IntShape | BoolShape | EnumShape;
  readonly min: number;
  readonly bits: number;
  readonly word: number;
  readonly shift: number;
}

export interface Layout<S> {
  readonly shape: Shape;
  readonly leaves: readonly Leaf[];
  /** Number of Int32 slots in the working vector. */
  readonly slots: number;
  /** Number of Uint32 words in the packed (stored) encoding. */
  readonly words: number;
  /** Bind a view to a slot vector: reads and writes go straight to `buf`. */
  view(buf: Int32Array): S;
  /**
   * Bind a view to packed words `buf[0 .. words)`: reads and writes go
   * straight to the bits of the canonical encoding (what the search runs
   * recipes on). Same fields, same checks as view(). A `readonly` view
   * throws LayoutError on any write (what actions() and properties get).
   */
  wordView(buf: Uint32Array, readonly?: boolean): S;
  /**
   * False once an array of structs in `view` (a view() or wordView()) had an
   * element replaced, added or removed instead of its fields assigned.
   */
  intact(view: S): boolean;
  /** The plain object for a slot vector (fresh, deep). */
  decode(buf: Int32Array): S;
  /** Write a plain object into a slot vector, checking every value. */
  encode(value: S, buf: Int32Array): void;
  /** Pack a slot vector into `out[at .. at + words)`. */
  pack(buf: Int32Array, out: Uint32Array, at: number): void;
  /** Unpack `src[at .. at + words)` into a slot vector. */
  unpack(src: Uint32Array, at: number, buf: Int32Array): void;
  /** Human text of a leaf's raw slot value (enum name, true/false, number). */
  show(leaf: Leaf, raw: number): string;
}

function bitsFor(range: number): number {
  let b = 0;
  while (1 << b <= range) b++;
  return b;
}

/** The raw values a leaf holds: an int's bounds, 0..1 for a bool, an enum's indices. */
export function leafRange(shape: IntShape | BoolShape | EnumShape): { min: number; max: number } {
  if (shape.kind === 'int') return { min: shape.min, max: shape.max };
  if (shape.kind === 'bool') return { min: 0, max: 1 };
  return { min: 0, max: shape.values.length - 1 };
}

function flatten(shape: Shape, path: string, out: Omit<Leaf, 'word' | 'shift'>[]): void {
  switch (shape.kind) {
    case 'struct':
      for (const [k, s] of Object.entries(shape.fields as Record<string, Shape>)) {
        flatten(s, path === '' ? k : `${path}.${k}`, out);
      }
      return;
    case 'array':
      for (let i = 0; i < shape.length; i++) flatten(shape.of, `${path}[${i}]`, out);
      return;
    default: {
      const { min, max } = leafRange(shape);
      out.push({ path, slot: out.length, shape, min, bits: bitsFor(max - min) });
    }
  }
}

// Placement of leaves in the packed words. A leaf never straddles a word, so
// packing is one shift and mask per field. A struct or array whose leaves fit
// in 32 bits is kept inside one word; a larger one starts on a word boundary.
// So every instance of a struct or array shape has the same relative layout
// (a small one shifted within its word, a large one at a word offset), and a
// view reading and writing the packed words directly compiles one class per
// shape, exactly as the slot views do.
function rawBits(shape: Shape): number {
  if (shape.kind === 'struct') {
    let n = 0;
    for (const s of Object.values(shape.fields as Record<string, Shape>)) n += rawBits(s);
    return n;
  }
  if (shape.kind === 'array') return shape.length * rawBits(shape.of);
  const { min, max } = leafRange(shape);
  return bitsFor(max - min);
}

interface Cursor {
  word: number;
  shift: number;
}

/** Move `cur` to where `shape` starts: a leaf or a small composite must fit in the word, a large composite starts a word. */
function alignTo(shape: Shape, cur: Cursor): void {
  const bits = rawBits(shape);
  const composite = shape.kind === 'struct' || shape.kind === 'array';
  if (!composite || bits <= 32 ? cur.shift + bits > 32 : cur.shift > 0) {
    cur.word++;
    cur.shift = 0;
  }
}

/** Visit the leaves of `shape` placed from `cur`, in slot order, with their word and shift. */
function placeShape(shape: Shape, cur: Cursor, visit: (word: number, shift: number) => void): void {
  alignTo(shape, cur);
  if (shape.kind === 'struct') {
    for (const s of Object.values(shape.fields as Record<string, Shape>)) placeShape(s, cur, visit);
  } else if (shape.kind === 'array') {
    for (let i = 0; i < shape.length; i++) placeShape(shape.of, cur, visit);
  } else {
    visit(cur.word, cur.shift);
    cur.shift += rawBits(shape);
  }
}

function wordsAfter(cur: Cursor): number {
  return Math.max(1, cur.shift > 0 ? cur.word + 1 : cur.word);
}

function place(shape: Shape, flat: Omit<Leaf, 'word' | 'shift'>[]): { leaves: Leaf[]; words: number } {
  const leaves: Leaf[] = [];
  const cur = { word: 0, shift: 0 };
  placeShape(shape, cur, (word, shift) => {
    leaves.push({ ...flat[leaves.length], word, shift });
  });
  return { leaves, words: wordsAfter(cur) };
}

function compilePack(leaves: readonly Leaf[], words: number): Layout<unknown>['pack'] {
  const lines: string[] = [];
  for (let w = 0; w < words; w++) {
    const parts = leaves
      .filter((l) => l.word === w && l.bits > 0)
      .map((l) => {
        const v = l.min === 0 ? `b[${l.slot}]` : `(b[${l.slot}] - ${l.min})`;
        return l.shift === 0 ? v : `(${v} << ${l.shift})`;
      });
    lines.push(`o[a + ${w}] = ${parts.length ? parts.join(' | ') : '0'};`);
  }
  return new Function('b', 'o', 'a', lines.join('\n')) as Layout<unknown>['pack'];
}

function compileUnpack(leaves: readonly Leaf[], words: number): Layout<unknown>['unpack'] {
  const lines: string[] = [];
  for (let w = 0; w < words; w++) lines.push(`const w${w} = s[a + ${w}];`);
  for (const l of leaves) {
    if (l.bits === 0) {
      lines.push(`b[${l.slot}] = ${l.min};`);
      continue;
    }
    const mask = l.bits === 32 ? '0xffffffff' : `${(2 ** l.bits - 1) >>> 0}`;
    const raw = l.shift === 0 ? `(w${l.word} & ${mask})` : `((w${l.word} >>> ${l.shift}) & ${mask})`;
    lines.push(`b[${l.slot}] = ${l.min === 0 ? raw : `${raw} + ${l.min}`};`);
  }
  return new Function('s', 'a', 'b', lines.join('\n')) as Layout<unknown>['unpack'];
}

/** What a leaf holds, as a refused write's message says it. */
function expected(shape: IntShape | BoolShape | EnumShape): string {
  if (shape.kind === 'int') return `an integer in ${shape.min}..${shape.max}`;
  return shape.kind === 'bool' ? 'a boolean' : `one of ${shape.values.join('|')}`;
}

/**
 * An expression giving the index of string `v` in `values`, or -1: a chain of
 * comparisons with the names as literals. V8 compares a string with a
 * literal by identity first, where a Map lookup hashed the string on every
 * write (the world writes an enum on every step); the chain is as long as
 * the enum, a handful of names.
 */
function enumIndexCode(values: readonly string[], v: string): string {
  return values.reduceRight((rest, name, i) => `${v} === ${JSON.stringify(name)} ? ${i} : ${rest}`, '-1');
}

function fail(path: string, expected: string, v: unknown): never {
  throw new LayoutError(`state field ${path}: cannot store ${JSON.stringify(v)}, expected ${expected}`);
}

// Views. Each struct shape compiles once to a class whose leaf fields are
// prototype accessors on the slot vector at constant offsets (so every element
// of an array of structs shares one hidden class and field accesses stay
// monomorphic). Nested structs and arrays are frozen own properties holding
// child views; arrays of structs are JS arrays of views (checked by $intact,
// below); arrays of scalars are views with index accessors, length and
// iteration. Instances are frozen: assigning a field the layout does not have
// throws.
type ViewClass = new (s: Int32Array, o: number, p: string) => object;

function countSlots(shape: Shape): number {
  if (shape.kind === 'struct') {
    let n = 0;
    for (const s of Object.values(shape.fields as Record<string, Shape>)) n += countSlots(s);
    return n;
  }
  if (shape.kind === 'array') return shape.length * countSlots(shape.of);
  return 1;
}

function accessorCode(name: string, key: string, shape: IntShape | BoolShape | EnumShape, k: number, env: unknown[]): string {
  const at = `this.$s[this.$o + ${k}]`;
  const where = `(this.$p === '' ? ${JSON.stringify(key)} : this.$p + ${JSON.stringify(key.startsWith('[') ? key : `.${key}`)})`;
  const want = JSON.stringify(expected(shape));
  if (shape.kind === 'int') {
    return `get ${name}() { return ${at}; }
  set ${name}(v) { if (!(v >= ${shape.min} && v <= ${shape.max}) || (v | 0) !== v) $fail(${where}, ${want}, v); ${at} = v; }`;
  }
  if (shape.kind === 'bool') {
    return `get ${name}() { return ${at} !== 0; }
  set ${name}(v) { if (typeof v !== 'boolean') $fail(${where}, ${want}, v); ${at} = v ? 1 : 0; }`;
  }
  const e = env.length;
  env.push(shape.values);
  return `get ${name}() { return $env[${e}][${at}]; }
  set ${name}(v) { const i = ${enumIndexCode(shape.values, 'v')}; if (i < 0) $fail(${where}, ${want}, v); ${at} = i; }`;
}

// Arrays of structs are plain JS arrays of views (frozen arrays are several
// times slower to index and iterate in V8), so a recipe could replace or add
// an element instead of assigning its fields. Every view class therefore has
// $intact(): false once any such array was changed; the steppers check it
// after each step and throw, so that mistake can never go unnoticed.
function hasViewArrays(shape: Shape): boolean {
  if (shape.kind === 'struct') return Object.values(shape.fields as Record<string, Shape>).some(hasViewArrays);
  return shape.kind === 'array' && (shape.of.kind === 'struct' || shape.of.kind === 'array');
}

/** Constructor and $intact() code for an array field holding views built by `elems` (an array expression). */
function viewArrayCode(
  name: string,
  path: string,
  elems: string,
  n: number,
  k: number,
  deep: boolean,
  ctor: string[],
  checks: string[],
): void {
  // The original elements are kept in a hidden (plain, unshared) array; the
  // check compares identities, and descends only where elements hold arrays.
  ctor.push(`{ const q = ${path}; const a = ${elems}; this.$k${k} = a.slice(); this${name} = a; }`);
  checks.push(
    `{ const a = this${name}; const k = this.$k${k}; if (a.length !== ${n}) return false; for (let i = 0; i < ${n}; i++) if (a[i] !== k[i]${deep ? ' || !k[i].$intact()' : ''}) return false; }`,
  );
}

function intactCode(checks: string[]): string {
  return `$intact() { ${checks.join(' ')} return true; }`;
}

const classCache = new WeakMap<Shape, ViewClass>();

function viewClass(shape: StructShape | ArrayShape): ViewClass {
  const cached = classCache.get(shape);
  if (cached) return cached;
  const env: unknown[] = [];
  const members: string[] = [];
  const ctor: string[] = ['this.$s = s;', 'this.$o = o;', 'this.$p = p;'];
  const checks: string[] = [];
  const child = (s: Shape, rel: number, key: string, name: string): void => {
    const path = `(p === '' ? ${JSON.stringify(key)} : p + ${JSON.stringify(key.startsWith('[') ? key : `.${key}`)})`;
    if (s.kind === 'struct' || (s.kind === 'array' && s.of.kind !== 'struct' && s.of.kind !== 'array')) {
      env.push(viewClass(s));
      ctor.push(`this${name} = new $env[${env.length - 1}](s, o + ${rel}, ${path});`);
      if (hasViewArrays(s)) checks.push(`if (!this${name}.$intact()) return false;`);
    } else if (s.kind === 'array') {
      const C = s.of.kind === 'struct' || (s.of.kind === 'array' && s.of.of.kind !== 'struct' && s.of.of.kind !== 'array')
        ? viewClass(s.of)
        : undefined;
      if (!C) throw new LayoutError(`${key}: arrays of arrays of arrays are not supported`);
      env.push(C);
      const stride = countSlots(s.of);
      const elems = `Array.from({ length: ${s.length} }, (_, i) => new $env[${env.length - 1}](s, o + ${rel} + i * ${stride}, q + '[' + i + ']'))`;
      viewArrayCode(name, path, elems, s.length, checks.length, hasViewArrays(s.of), ctor, checks);
    }
  };
  let rel = 0;
  if (shape.kind === 'struct') {
    for (const [k, s] of Object.entries(shape.fields as Record<string, Shape>)) {
      if (s.kind === 'struct' || s.kind === 'array') child(s, rel, k, `[${JSON.stringify(k)}]`);
      else members.push(accessorCode(JSON.stringify(k), k, s, rel, env));
      rel += countSlots(s);
    }
  } else {
    const leaf = shape.of as IntShape | BoolShape | EnumShape;
    for (let i = 0; i < shape.length; i++) members.push(accessorCode(String(i), `[${i}]`, leaf, i, env));
    members.push(`get length() { return ${shape.length}; }`);
    members.push(`*[Symbol.iterator]() { for (let i = 0; i < ${shape.length}; i++) yield this[i]; }`);
  }
  members.push(intactCode(checks));
  ctor.push('Object.freeze(this);');
  const src = `return class View {\n  constructor(s, o, p) {\n    ${ctor.join('\n    ')}\n  }\n  ${members.join('\n  ')}\n};`;
  const C = new Function('$env', '$fail', src)(env, fail) as ViewClass;
  classCache.set(shape, C);
  return C;
}

function makeView(shape: StructShape, buf: Int32Array): unknown {
  return new (viewClass(shape))(buf, 0, '');
}

// Word views: the same drafts, reading and writing the packed words directly
// (the search's path: a state is its packed words end to end, no slot vector,
// no pack or unpack per step). An instance holds the words, its word index and,
// for a shape that fits in one word, its shift within that word; each leaf is
// at a constant word offset and shift from there (see placeShape). Read-only
// views are instances of the same class with $ro set (so the model's code
// that reads both drafts and read-only states sees one hidden class).
type WordViewClass = new (s: Uint32Array, i: number, sh: number, p: string, ro: boolean) => object;

const READ_ONLY = 'no write: this state is read-only here (only next() and canonicalize() may write)';

/** What a rejected write through a word view is told: the leaf's key and what it holds. */
interface LeafInfo {
  readonly key: string;
  readonly want: string;
}

/** Throw for a rejected write through a word view: its path, and why (read-only, or the value). */
function reject(view: { $p: string; $ro: boolean }, info: LeafInfo, v: unknown): never {
  const path = view.$p === '' ? info.key : view.$p + (info.key.startsWith('[') ? info.key : `.${info.key}`);
  return fail(path, view.$ro ? READ_ONLY : info.want, v);
}

// A setter's failure path is one call out of line ($reject), so the setter's
// bytecode stays small: V8 inlines a callee only while the inlined bytecode of
// a function stays within a budget, and a recipe makes many writes.
function wordAccessorCode(
  name: string,
  key: string,
  shape: IntShape | BoolShape | EnumShape,
  word: string,
  shift: string,
  env: unknown[],
): string {
  const { min, max } = leafRange(shape);
  const bits = bitsFor(max - min);
  const mask = (2 ** bits - 1) >>> 0;
  const raw = bits === 0 ? '0' : `((this.$s[${word}] >>> ${shift}) & ${mask})`;
  const info = env.length;
  env.push({ key, want: expected(shape) } satisfies LeafInfo);
  const rejectIf = (bad: string): string => `if (this.$ro || ${bad}) $reject(this, $env[${info}], v);`;
  const store = (value: string): string =>
    bits === 0 ? '' : `const s = this.$s; const i = ${word}; const sh = ${shift}; s[i] = (s[i] & ~(${mask} << sh)) | (${value} << sh);`;
  if (shape.kind === 'int') {
    return `get ${name}() { return ${min === 0 ? raw : `${raw} + ${min}`}; }
  set ${name}(v) { ${rejectIf(`(v | 0) !== v || v < ${min} || v > ${max}`)} ${store(min === 0 ? 'v' : `(v - ${min})`)} }`;
  }
  if (shape.kind === 'bool') {
    return `get ${name}() { return ${raw} !== 0; }
  set ${name}(v) { ${rejectIf('(v !== true && v !== false)')} ${store('(v ? 1 : 0)')} }`;
  }
  const e = env.length;
  env.push(shape.values);
  return `get ${name}() { return $env[${e}][${raw}]; }
  set ${name}(v) { const r = ${enumIndexCode(shape.values, 'v')}; ${rejectIf('r < 0')} ${store('r')} }`;
}

const wordClassCache = new WeakMap<Shape, WordViewClass>();

function isScalarArray(s: Shape): s is ArrayShape {
  return s.kind === 'array' && s.of.kind !== 'struct' && s.of.kind !== 'array';
}

function wordViewClass(shape: StructShape | ArrayShape): WordViewClass {
  const cached = wordClassCache.get(shape);
  if (cached) return cached;
  // A shape within one word: everything in word $i, at $sh + k. A larger one:
  // word-aligned, everything at word $i + k, constant shift.
  const small = rawBits(shape) <= 32;
  const at = (c: Cursor): { word: string; shift: string } =>
    small
      ? { word: 'this.$i', shift: c.shift === 0 ? 'this.$sh' : `(this.$sh + ${c.shift})` }
      : { word: c.word === 0 ? 'this.$i' : `(this.$i + ${c.word})`, shift: String(c.shift) };
  const childAt = (c: Cursor): string => (small ? `i, sh + ${c.shift}` : `i + ${c.word}, ${c.shift}`);
  // (child constructors get `, path, ro` appended)
  const env: unknown[] = [];
  const members: string[] = [];
  const ctor: string[] = ['this.$s = s;', 'this.$i = i;', 'this.$sh = sh;', 'this.$p = p;', 'this.$ro = ro;'];
  const checks: string[] = [];
  // Walk the shape exactly as placeShape does, from the start of an instance.
  const cur: Cursor = { word: 0, shift: 0 };
  const startOf = (s: Shape): Cursor => {
    alignTo(s, cur);
    const start = { ...cur };
    placeShape(s, cur, () => {});
    return start;
  };
  const child = (s: Shape, key: string, name: string): void => {
    const path = `(p === '' ? ${JSON.stringify(key)} : p + ${JSON.stringify(key.startsWith('[') ? key : `.${key}`)})`;
    if (s.kind === 'struct' || isScalarArray(s)) {
      env.push(wordViewClass(s as StructShape | ArrayShape));
      ctor.push(`this${name} = new $env[${env.length - 1}](s, ${childAt(startOf(s))}, ${path}, ro);`);
      if (hasViewArrays(s)) checks.push(`if (!this${name}.$intact()) return false;`);
      return;
    }
    const arr = s as ArrayShape;
    if (!(arr.of.kind === 'struct' || isScalarArray(arr.of))) {
      throw new LayoutError(`${key}: arrays of arrays of arrays are not supported`);
    }
    env.push(wordViewClass(arr.of));
    const C = `$env[${env.length - 1}]`;
    alignTo(arr, cur);
    const elems: string[] = [];
    for (let k = 0; k < arr.length; k++) elems.push(`new ${C}(s, ${childAt(startOf(arr.of))}, q + '[${k}]', ro)`);
    viewArrayCode(name, path, `[${elems.join(', ')}]`, arr.length, checks.length, hasViewArrays(arr.of), ctor, checks);
  };
  if (shape.kind === 'struct') {
    for (const [k, s] of Object.entries(shape.fields as Record<string, Shape>)) {
      if (s.kind === 'struct' || s.kind === 'array') child(s, k, `[${JSON.stringify(k)}]`);
      else {
        const { word, shift } = at(startOf(s));
        members.push(wordAccessorCode(JSON.stringify(k), k, s, word, shift, env));
      }
    }
  } else {
    const leaf = shape.of as IntShape | BoolShape | EnumShape;
    for (let k = 0; k < shape.length; k++) {
      const { word, shift } = at(startOf(leaf));
      members.push(wordAccessorCode(String(k), `[${k}]`, leaf, word, shift, env));
    }
    members.push(`get length() { return ${shape.length}; }`);
    members.push(`*[Symbol.iterator]() { for (let i = 0; i < ${shape.length}; i++) yield this[i]; }`);
  }
  members.push(intactCode(checks));
  ctor.push('Object.freeze(this);');
  const src = `return class WordView {\n  constructor(s, i, sh, p, ro) {\n    ${ctor.join('\n    ')}\n  }\n  ${members.join('\n  ')}\n};`;
  const C = new Function('$env', '$reject', src)(env, reject) as WordViewClass;
  wordClassCache.set(shape, C);
  return C;
}

function decodeInto(shape: Shape, buf: Int32Array, cursor: { slot: number }): unknown {
  switch (shape.kind) {
    case 'struct': {
      const o: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(shape.fields as Record<string, Shape>)) o[k] = decodeInto(s, buf, cursor);
      return o;
    }
    case 'array': {
      const a: unknown[] = [];
      for (let i = 0; i < shape.length; i++) a.push(decodeInto(shape.of, buf, cursor));
      return a;
    }
    case 'int':
      return buf[cursor.slot++];
    case 'bool':
      return buf[cursor.slot++] !== 0;
    case 'enum':
      return shape.values[buf[cursor.slot++]];
  }
}

function encodeFrom(shape: Shape, v: unknown, buf: Int32Array, cursor: { slot: number }, path: string): void {
  switch (shape.kind) {
    case 'struct': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path || 'state', 'an object', v);
      const fields = shape.fields as Record<string, Shape>;
      for (const k of Object.keys(v as object)) {
        if (!(k in fields)) fail(path === '' ? k : `${path}.${k}`, 'no such field in the layout', k);
      }
      for (const [k, s] of Object.entries(fields)) {
        encodeFrom(s, (v as Record<string, unknown>)[k], buf, cursor, path === '' ? k : `${path}.${k}`);
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(v) || v.length !== shape.length) fail(path, `an array of length ${shape.length}`, v);
      for (let i = 0; i < shape.length; i++) encodeFrom(shape.of, (v as unknown[])[i], buf, cursor, `${path}[${i}]`);
      return;
    }
    case 'int':
      if (typeof v !== 'number' || !(v >= shape.min && v <= shape.max) || (v | 0) !== v) {
        fail(path, expected(shape), v);
      }
      buf[cursor.slot++] = v as number;
      return;
    case 'bool':
      if (typeof v !== 'boolean') fail(path, expected(shape), v);
      buf[cursor.slot++] = v ? 1 : 0;
      return;
    case 'enum': {
      const i = shape.values.indexOf(v as string);
      if (i < 0) fail(path, expected(shape), v);
      buf[cursor.slot++] = i;
      return;
    }
  }
}

/**
 * Layouts by their shape's JSON text: equal shapes get one layout, so one set
 * of view classes. The world builds a new shape for every design in a scope;
 * with a class set per design, the shared recipes saw a new hidden class on
 * every model the process checked, and their field accesses went megamorphic.
 */
const layoutCache = new Map<string, Layout<unknown>>();

export function compileLayout<S extends Shape>(shape: S): Layout<Infer<S>> {
  if (shape.kind !== 'struct') throw new LayoutError('a state layout must be a struct');
  const key = JSON.stringify(shape);
  let layout = layoutCache.get(key);
  if (!layout) {
    layout = buildLayout(shape);
    layoutCache.set(key, layout);
  }
  return layout as Layout<Infer<S>>;
}

function buildLayout(shape: StructShape): Layout<unknown> {
  const flat: Omit<Leaf, 'word' | 'shift'>[] = [];
  flatten(shape, '', flat);
  const { leaves, words } = place(shape, flat);
  const slots = leaves.length;
  const pack = compilePack(leaves, words);
  const unpack = compileUnpack(leaves, words);
  return {
    shape,
    leaves,
    slots,
    words,
    view: (buf) => {
      if (buf.length < slots) throw new LayoutError(`view: buffer of ${buf.length} slots, layout needs ${slots}`);
      return makeView(shape, buf);
    },
    wordView: (buf, readonly = false) => {
      if (buf.length < words) throw new LayoutError(`wordView: buffer of ${buf.length} words, layout needs ${words}`);
      return new (wordViewClass(shape))(buf, 0, 0, '', readonly);
    },
    intact: (v) => (v as unknown as { $intact(): boolean }).$intact(),
    decode: (buf) => decodeInto(shape, buf, { slot: 0 }),
    encode: (value, buf) => encodeFrom(shape, value, buf, { slot: 0 }, ''),
    pack,
    unpack,
    show: (leaf, raw) => {
      if (leaf.shape.kind === 'bool') return raw !== 0 ? 'true' : 'false';
      if (leaf.shape.kind === 'enum') return leaf.shape.values[raw] ?? `?${raw}`;
      return String(raw);
    },
  };
}
