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

function leafRange(shape: IntShape | BoolShape | EnumShape): { min: number; max: number } {
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

function place(flat: Omit<Leaf, 'word' | 'shift'>[]): { leaves: Leaf[]; words: number } {
  // Fields never straddle a 32-bit word, so packing is one shift and mask each.
  let word = 0;
  let shift = 0;
  const leaves: Leaf[] = [];
  for (const f of flat) {
    if (shift + f.bits > 32) {
      word++;
      shift = 0;
    }
    leaves.push({ ...f, word, shift });
    shift += f.bits;
  }
  return { leaves, words: shift === 0 && word === 0 ? 1 : word + 1 };
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

function fail(path: string, expected: string, v: unknown): never {
  throw new LayoutError(`state field ${path}: cannot store ${JSON.stringify(v)}, expected ${expected}`);
}

// Views. Each struct shape compiles once to a class whose leaf fields are
// prototype accessors on the slot vector at constant offsets (so every element
// of an array of structs shares one hidden class and field accesses stay
// monomorphic). Nested structs and arrays are frozen own properties holding
// child views; arrays of structs are frozen JS arrays of views; arrays of
// scalars are views with index accessors, length and iteration. Instances are
// frozen: assigning a field the layout does not have throws.
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
  if (shape.kind === 'int') {
    const want = JSON.stringify(`an integer in ${shape.min}..${shape.max}`);
    return `get ${name}() { return ${at}; }
  set ${name}(v) { if (!(v >= ${shape.min} && v <= ${shape.max}) || (v | 0) !== v) $fail(${where}, ${want}, v); ${at} = v; }`;
  }
  if (shape.kind === 'bool') {
    return `get ${name}() { return ${at} !== 0; }
  set ${name}(v) { if (typeof v !== 'boolean') $fail(${where}, 'a boolean', v); ${at} = v ? 1 : 0; }`;
  }
  const e = env.length;
  env.push(shape.values, new Map(shape.values.map((v, i) => [v, i])));
  const want = JSON.stringify(`one of ${shape.values.join('|')}`);
  return `get ${name}() { return $env[${e}][${at}]; }
  set ${name}(v) { const i = $env[${e + 1}].get(v); if (i === undefined) $fail(${where}, ${want}, v); ${at} = i; }`;
}

const classCache = new WeakMap<Shape, ViewClass>();

function viewClass(shape: StructShape | ArrayShape): ViewClass {
  const cached = classCache.get(shape);
  if (cached) return cached;
  const env: unknown[] = [];
  const members: string[] = [];
  const ctor: string[] = ['this.$s = s;', 'this.$o = o;', 'this.$p = p;'];
  const child = (s: Shape, rel: number, key: string, name: string): void => {
    const path = `(p === '' ? ${JSON.stringify(key)} : p + ${JSON.stringify(key.startsWith('[') ? key : `.${key}`)})`;
    if (s.kind === 'struct' || (s.kind === 'array' && s.of.kind !== 'struct' && s.of.kind !== 'array')) {
      env.push(viewClass(s));
      ctor.push(`this${name} = new $env[${env.length - 1}](s, o + ${rel}, ${path});`);
    } else if (s.kind === 'array') {
      const C = s.of.kind === 'struct' || (s.of.kind === 'array' && s.of.of.kind !== 'struct' && s.of.of.kind !== 'array')
        ? viewClass(s.of)
        : undefined;
      if (!C) throw new LayoutError(`${key}: arrays of arrays of arrays are not supported`);
      env.push(C);
      const stride = countSlots(s.of);
      ctor.push(
        `{ const a = []; const q = ${path}; for (let i = 0; i < ${s.length}; i++) a.push(new $env[${env.length - 1}](s, o + ${rel} + i * ${stride}, q + '[' + i + ']')); this${name} = Object.freeze(a); }`,
      );
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
  ctor.push('Object.freeze(this);');
  const src = `return class View {\n  constructor(s, o, p) {\n    ${ctor.join('\n    ')}\n  }\n  ${members.join('\n  ')}\n};`;
  const C = new Function('$env', '$fail', src)(env, fail) as ViewClass;
  classCache.set(shape, C);
  return C;
}

function makeView(shape: StructShape, buf: Int32Array): unknown {
  return new (viewClass(shape))(buf, 0, '');
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
        fail(path, `an integer in ${shape.min}..${shape.max}`, v);
      }
      buf[cursor.slot++] = v as number;
      return;
    case 'bool':
      if (typeof v !== 'boolean') fail(path, 'a boolean', v);
      buf[cursor.slot++] = v ? 1 : 0;
      return;
    case 'enum': {
      const i = shape.values.indexOf(v as string);
      if (i < 0) fail(path, `one of ${shape.values.join('|')}`, v);
      buf[cursor.slot++] = i;
      return;
    }
  }
}

export function compileLayout<S extends Shape>(shape: S): Layout<Infer<S>> {
  if (shape.kind !== 'struct') throw new LayoutError('a state layout must be a struct');
  const flat: Omit<Leaf, 'word' | 'shift'>[] = [];
  flatten(shape, '', flat);
  const { leaves, words } = place(flat);
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
      return makeView(shape, buf) as Infer<S>;
    },
    decode: (buf) => decodeInto(shape, buf, { slot: 0 }) as Infer<S>,
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
