// The recipe compiler: a model's modules rewritten to run on the packed
// words of one layout, directed by the TypeScript checker (which expressions
// are layout-typed) and the layout (where each field lies).
// A layout-typed value (a struct or an array) becomes a number: its absolute
// bit offset in the words. Every function with a layout-typed parameter takes
// the words as a new first parameter `$s`, and calls to it pass them; a
// parameter that is the whole state is dropped (its offset is 0). A field
// read is a shift and mask of the word holding it (a literal word index where
// every instance of the struct lies in one word), a write a range-checked
// read-modify-write, an element `base + i * stride` with the index checked;
// `for ... of` over a layout array is an index loop, and `return
// arr.every(x => e)` (or an arrow whose body it is) a loop that returns.
// Any other use of a layout value is refused, and nothing is written.
import ts from 'typescript';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leafRange, type Layout, type Shape } from '../../checker/layout.js';

/** The project's root (this module runs from dist/tools/recipe-compiler/). */
export const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

interface LeafNode {
  readonly kind: 'leaf';
  readonly leaf: 'int' | 'bool' | 'enum';
  readonly min: number;
  readonly max: number;
  readonly bits: number;
  readonly values: readonly string[];
  word?: number;
}
interface StructNode {
  readonly kind: 'struct';
  readonly fields: Map<string, { rel: number; node: LayoutNode }>;
  word?: number;
}
interface ArrayNode {
  readonly kind: 'array';
  readonly length: number;
  /** The offset of element `i` (an expression) from the array's start. */
  readonly at: (i: string) => string;
  readonly of: LayoutNode;
  word?: number;
}
/** A node of the layout, with where its parts lie relative to its start. */
type LayoutNode = LeafNode | StructNode | ArrayNode;
type FunctionLike = ts.SignatureDeclaration;

/** The type under `Readonly<...>` (a parameter typed Readonly<World> is a World). */
export function unwrap(t: ts.Type): ts.Type {
  if (t.aliasSymbol?.name === 'Readonly' && t.aliasTypeArguments?.length === 1) return t.aliasTypeArguments[0];
  return t;
}

/**
 * Compile `srcPaths` (absolute .ts paths in `program`) for `layout`, whose
 * state type is `stateType`, into `outDir` (as <path>.words.mjs).
 * Returns the files written, or the refusals.
 */
export function compileTarget(
  program: ts.Program,
  stateType: ts.Type,
  layout: Layout<unknown>,
  srcPaths: readonly string[],
  outDir: string,
): { written: string[]; refused?: undefined } | { refused: string[]; written?: undefined } {
  // --- the layout as a tree of nodes with relative bit offsets -------------
  const abs = new Map(layout.leaves.map((l) => [l.path, l.word * 32 + l.shift]));
  const firstLeaf = (p: string) => layout.leaves.find((l) => l.path === p || l.path.startsWith(p + '.') || l.path.startsWith(p + '['));
  const absOf = (p: string): number => (p === '' ? 0 : abs.get(firstLeaf(p)!.path)!);
  const tables: number[][] = [];
  /** The one word that holds every instance of the node at `path` (array indices varying), if there is one. */
  function wordOf(path: string): number | undefined {
    const pattern = new RegExp('^' + path.replace(/[.$]/g, '\\$&').replace(/\[0\]/g, '\\[\\d+\\]') + '([.\\[]|$)');
    const words = new Set(layout.leaves.filter((l) => pattern.test(l.path)).map((l) => l.word));
    return words.size === 1 ? [...words][0] : undefined;
  }
  function nodeOf(shape: Shape, path: string): LayoutNode {
    const node = nodeOf1(shape, path);
    node.word = path === '' ? undefined : wordOf(path);
    return node;
  }
  function nodeOf1(shape: Shape, path: string): LayoutNode {
    if (shape.kind === 'struct') {
      const base = absOf(path);
      const fields = new Map<string, { rel: number; node: LayoutNode }>();
      for (const [k, s] of Object.entries(shape.fields as Record<string, Shape>)) {
        const p = path === '' ? k : `${path}.${k}`;
        fields.set(k, { rel: absOf(p) - base, node: nodeOf(s, p) });
      }
      return { kind: 'struct', fields };
    }
    if (shape.kind === 'array') {
      const base = absOf(`${path}[0]`);
      const offs = Array.from({ length: shape.length }, (_, i) => absOf(`${path}[${i}]`) - base);
      const t = tables.length;
      tables.push(offs);
      // Uniformly spaced elements (always, unless small elements wrap to a new word): an offset is a product.
      const stride = offs.length > 1 ? offs[1] : 0;
      const uniform = offs.every((o, i) => o === i * stride);
      const at = (i: string): string => (uniform ? `(${i}) * ${stride}` : `$E${t}[${i}]`);
      return { kind: 'array', length: shape.length, at, of: nodeOf(shape.of, `${path}[0]`) };
    }
    // The layout's own leaf: its width, and the range a write is checked against.
    const leaf = firstLeaf(path)!;
    const { min, max } = leafRange(leaf.shape);
    return { kind: 'leaf', leaf: shape.kind, min, max, bits: leaf.bits, values: shape.kind === 'enum' ? shape.values : [] };
  }
  const rootNode = nodeOf(layout.shape, '');

  // --- the program and the layout types -------------------------------------
  const checker = program.getTypeChecker();
  const compiled = new Set(srcPaths);
  const typeNode = new Map<ts.Type, LayoutNode>();
  function bindType(t: ts.Type, node: LayoutNode): void {
    t = unwrap(t);
    if (typeNode.has(t)) return;
    typeNode.set(t, node);
    if (node.kind === 'struct') {
      for (const [k, f] of node.fields) {
        const prop = t.getProperty(k);
        if (prop) bindType(checker.getTypeOfSymbol(prop), f.node);
      }
    } else if (node.kind === 'array') {
      const el = checker.getTypeArguments(t as ts.TypeReference)[0];
      if (el) bindType(el, node.of);
    }
  }
  bindType(stateType, rootNode);
  const layoutNode = (expr: ts.Node): StructNode | ArrayNode | undefined => {
    const t = unwrap(checker.getTypeAtLocation(expr));
    const n = typeNode.get(t);
    return n && n.kind !== 'leaf' ? n : undefined;
  };
  /** A parameter that is the whole state (so always at offset 0). */
  const isRootParam = (p: ts.ParameterDeclaration): boolean => typeNode.get(unwrap(checker.getTypeAtLocation(p))) === rootNode;
  const hasLayoutParam = (decl: ts.Declaration): boolean => (decl as FunctionLike).parameters?.some((p) => layoutNode(p) !== undefined) ?? false;

  // --- the rewrite -----------------------------------------------------------
  const printer = ts.createPrinter({ removeComments: true });
  let sf: ts.SourceFile;
  const text = (n: ts.Node): string => printer.printNode(ts.EmitHint.Unspecified, n, sf);
  const raw = (s: string): ts.Identifier => ts.factory.createIdentifier(s);
  const refused: string[] = [];
  const enums: string[] = [];
  const enumTable = (values: readonly string[]): string => {
    const key = JSON.stringify(values);
    let i = enums.indexOf(key);
    if (i < 0) i = enums.push(key) - 1;
    return `$V${i}`;
  };
  const wordAndShift = (x: string, f: LayoutNode): [string, string] => (f.word === undefined ? [`(${x}) >>> 5`, `(${x}) & 31`] : [String(f.word), f.word === 0 ? x : `(${x}) - ${32 * f.word}`]);
  const leafRead = (x: string, f: LeafNode): string => {
    const m = (2 ** f.bits - 1) >>> 0;
    const [w, sh] = wordAndShift(x, f);
    const v = `(($s[${w}] >>> (${sh})) & ${m})`;
    if (f.leaf === 'bool') return `(${v} !== 0)`;
    if (f.leaf === 'enum') return `${enumTable(f.values)}[${v}]`;
    return f.min === 0 ? v : `(${v} + ${f.min})`;
  };
  /** The raw value of a literal the leaf can hold, checked now instead of at every write; else undefined. */
  const literalRaw = (value: string, f: LeafNode): number | undefined => {
    const v = value.trim();
    if (f.leaf === 'bool') return v === 'true' ? 1 : v === 'false' ? 0 : undefined;
    if (f.leaf === 'int' && /^-?\d+$/.test(v)) {
      const n = Number(v);
      return n >= f.min && n <= f.max ? n - f.min : undefined;
    }
    if (f.leaf === 'enum' && /^(['"])[^'"\\]*\1$/.test(v)) {
      const i = f.values.indexOf(v.slice(1, -1));
      return i >= 0 ? i : undefined;
    }
    return undefined;
  };
  /**
   * A write as an expression: the value first (it may call code that writes
   * the same word), then the word read, its bits for the leaf cleared and the
   * value or-ed in.
   */
  const leafWrite = (x: string, f: LeafNode, value: string): string => {
    const m = (2 ** f.bits - 1) >>> 0;
    let v: number | string | undefined = literalRaw(value, f);
    if (v === undefined) {
      if (f.leaf === 'bool') v = `$bool(${value})`;
      else if (f.leaf === 'int') v = `($int(${value}, ${f.min}, ${f.max}) - ${f.min})`;
      else v = `$enum(${value}, ${enumTable(f.values)})`;
    }
    const [w, sh] = wordAndShift(x, f);
    return `($s[${w}] = ((${v}) << (${sh})) | ($s[${w}] & ~(${m} << (${sh}))))`;
  };
  /** For `x.f` or `x[i]` on a layout value: the offset expression and the node it reaches. */
  function place(n: ts.Node, visit: (n: ts.Node) => ts.Node): { x: string; node: LayoutNode } | { length: number } | undefined {
    if (ts.isPropertyAccessExpression(n)) {
      const owner = layoutNode(n.expression);
      if (!owner) return undefined;
      if (owner.kind === 'array' && n.name.text === 'length') return { length: owner.length };
      if (owner.kind !== 'struct') return undefined;
      const f = owner.fields.get(n.name.text);
      if (!f) return undefined;
      const x = text(visit(n.expression));
      return { x: f.rel === 0 ? x : `(${x} + ${f.rel})`, node: f.node };
    }
    if (ts.isElementAccessExpression(n)) {
      const owner = layoutNode(n.expression);
      if (!owner || owner.kind !== 'array') return undefined;
      const x = text(visit(n.expression));
      const lit = ts.isNumericLiteral(n.argumentExpression) ? Number(n.argumentExpression.text) : undefined;
      const e = text(visit(n.argumentExpression));
      // An index is checked where it is used: in line when it is a plain name
      // or a chain of property reads such as `a.pte` (read again, not
      // computed again); else by $ix(), which V8 leaves a call in a large
      // recipe (2% of pinbench's search when `a.pte` went through it).
      const plain = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(e);
      const checked = plain ? `((${e} | 0) === ${e} && ${e} >= 0 && ${e} < ${owner.length} ? ${e} : $ix(${e}, ${owner.length}))` : `$ix(${e}, ${owner.length})`;
      const i = lit !== undefined && lit < owner.length ? String(lit) : checked;
      return { x: `(${x} + ${owner.at(i)})`, node: owner.of };
    }
    return undefined;
  }
  /** Is `n` an expression whose value is used (not a name being declared, a type, an import)? */
  function isValueUse(n: ts.Node): boolean {
    const p = n.parent;
    if (!p) return false;
    if (ts.isIdentifier(n)) {
      if ((ts.isParameter(p) || ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyAccessExpression(p)) && p.name === n) return false;
      if (ts.isTypeReferenceNode(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isTypeAliasDeclaration(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p) || ts.isImportClause(p)) return false;
      return true;
    }
    return ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n);
  }
  /** Refuse a layout struct or array used anywhere the rewrite does not understand (it would be a bare number there). */
  function checkUse(n: ts.Node): void {
    const p = n.parent;
    if (ts.isPropertyAccessExpression(p) && p.expression === n) return;
    if (ts.isElementAccessExpression(p) && p.expression === n) return;
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) return;
    if (ts.isForOfStatement(p) && p.expression === n) return;
    if (ts.isParenthesizedExpression(p)) return checkUse(p);
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      const decl = checker.getResolvedSignature(p)?.getDeclaration();
      if (decl && hasLayoutParam(decl)) return;
    }
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)) return;
    if ((ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n))) return;
    refused.push(`${sf.fileName.slice(root.length + 1)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${p.getText(sf).slice(0, 70)}: a layout value used as ${ts.SyntaxKind[p.kind]}`);
  }
  const transformer = (ctx: ts.TransformationContext) => {
    const visit = (n: ts.Node): ts.Node => {
      // A use of the state's own parameter: the state is at offset 0.
      if (ts.isIdentifier(n) && isValueUse(n)) {
        const decl = checker.getSymbolAtLocation(n)?.valueDeclaration;
        if (decl && ts.isParameter(decl) && isRootParam(decl)) return raw('0');
      }
      // A compiled module never loads compiled recipes itself (it would wait for its own loading).
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'loadCompiled') return raw('undefined');
      if (isValueUse(n) && layoutNode(n)) checkUse(n);
      // Writes: x.f = v, x.f op= v, x.f++, x.f--
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        const p = place(n.left, visit);
        if (p && 'node' in p && p.node.kind === 'leaf') {
          const rhs = text(visit(n.right));
          const op = n.operatorToken.kind === ts.SyntaxKind.EqualsToken ? undefined : ts.tokenToString(n.operatorToken.kind)!.slice(0, -1);
          const value = op ? `(${leafRead(p.x, p.node)} ${op} (${rhs}))` : rhs;
          return raw(leafWrite(p.x, p.node, value));
        }
      }
      if ((ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
        const p = place(n.operand, visit);
        if (p && 'node' in p && p.node.kind === 'leaf') {
          if (!ts.isExpressionStatement(n.parent)) refused.push(`${n.getText(sf)}: ++/-- whose value is used`);
          return raw(leafWrite(p.x, p.node, `${leafRead(p.x, p.node)} ${n.operator === ts.SyntaxKind.PlusPlusToken ? '+' : '-'} 1`));
        }
      }
      // Reads and references
      if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
        const p = place(n, visit);
        if (p) {
          if ('length' in p) return raw(String(p.length));
          return raw(p.node.kind === 'leaf' ? leafRead(p.x, p.node) : p.x);
        }
      }
      // for (const x of arr) over a layout array: an index loop
      if (ts.isForOfStatement(n)) {
        const arr = layoutNode(n.expression);
        if (arr?.kind === 'array') {
          const d0 = ts.isVariableDeclarationList(n.initializer) ? n.initializer.declarations[0] : undefined;
          if (!d0 || !ts.isIdentifier(d0.name)) {
            refused.push(`${n.getText(sf).slice(0, 60)}: for-of over a layout array needs a plain variable`);
            return n;
          }
          const name = d0.name.text;
          const x = text(visit(n.expression));
          const body = text(visit(n.statement));
          const i = `$i${n.pos}`;
          return raw(`for (let ${i} = 0; ${i} < ${arr.length}; ${i}++) { const ${name} = ${x} + ${arr.at(i)}; ${body} }`);
        }
      }
      // return arr.every(x => e) / arr.some(x => e) over a layout array, as a
      // statement or an arrow's whole body: a loop that returns.
      const quantified = (e: ts.Expression | undefined): string | undefined => {
        if (!e || !ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !['every', 'some'].includes(e.expression.name.text)) return undefined;
        const arr = layoutNode(e.expression.expression);
        const fn = e.arguments[0];
        if (arr?.kind !== 'array' || !fn || !ts.isArrowFunction(fn) || ts.isBlock(fn.body)) return undefined;
        const every = e.expression.name.text === 'every';
        const x = text(visit(e.expression.expression));
        const name = fn.parameters[0].name.getText(sf);
        const body = text(visit(fn.body));
        const i = `$i${e.pos}`;
        return `for (let ${i} = 0; ${i} < ${arr.length}; ${i}++) { const ${name} = ${x} + ${arr.at(i)}; if (${every ? '!' : ''}(${body})) return ${!every}; } return ${every};`;
      };
      if (ts.isReturnStatement(n)) {
        const loop = quantified(n.expression);
        if (loop) return raw(`{ ${loop} }`);
      }
      if (ts.isArrowFunction(n) && !ts.isBlock(n.body)) {
        const loop = quantified(n.body);
        if (loop) {
          const v = ts.factory.updateArrowFunction(n, n.modifiers, n.typeParameters, n.parameters, n.type, n.equalsGreaterThanToken, ts.factory.createBlock([ts.factory.createExpressionStatement(raw(loop))]));
          return visit(v);
        }
      }
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['every', 'some', 'map', 'filter', 'find', 'forEach'].includes(n.expression.name.text) && layoutNode(n.expression.expression)) {
        refused.push(`${n.getText(sf).slice(0, 60)}: ${n.expression.name.text} on a layout array, not as a returned value`);
      }
      // Calls to functions with layout-typed parameters pass the words first
      // (the callee is compiled too, or a function type whose implementations are).
      if (ts.isCallExpression(n)) {
        const decl = checker.getResolvedSignature(n)?.getDeclaration();
        if (decl && hasLayoutParam(decl)) {
          const implemented = ts.isFunctionTypeNode(decl) || ts.isMethodSignature(decl) || compiled.has(decl.getSourceFile().fileName);
          if (!implemented) refused.push(`${n.getText(sf).slice(0, 60)}: calls ${decl.getSourceFile().fileName}, not compiled`);
          // The state itself is always at offset 0: its parameter is dropped, and so is its argument.
          const params = (decl as FunctionLike).parameters;
          const args = n.arguments.filter((_, i) => !(params[i] && isRootParam(params[i]))).map((a) => text(visit(a)));
          return raw(`${text(visit(n.expression))}(${['$s', ...args].join(', ')})`);
        }
      }
      // Functions with layout-typed parameters take the words first.
      if ((ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isFunctionExpression(n)) && hasLayoutParam(n)) {
        const v = ts.visitEachChild(n, visit, ctx);
        const s = ts.factory.createParameterDeclaration(undefined, undefined, '$s');
        const kept = v.parameters.filter((_, i) => !isRootParam(n.parameters[i]));
        const params = ts.factory.createNodeArray([s, ...kept]);
        if (ts.isFunctionDeclaration(v)) return ts.factory.updateFunctionDeclaration(v, v.modifiers, v.asteriskToken, v.name, v.typeParameters, params, v.type, v.body);
        if (ts.isArrowFunction(v)) return ts.factory.updateArrowFunction(v, v.modifiers, v.typeParameters, params, v.type, v.equalsGreaterThanToken, v.body);
        if (ts.isMethodDeclaration(v)) return ts.factory.updateMethodDeclaration(v, v.modifiers, v.asteriskToken, v.name, v.questionToken, v.typeParameters, params, v.type, v.body);
        return ts.factory.updateFunctionExpression(v, v.modifiers, v.asteriskToken, v.name, v.typeParameters, params, v.type, v.body);
      }
      return ts.visitEachChild(n, visit, ctx);
    };
    return (node: ts.SourceFile) => ts.visitNode(node, visit) as ts.SourceFile;
  };
  const outputs: { path: string; out: ts.SourceFile }[] = [];
  for (const path of srcPaths) {
    sf = program.getSourceFile(path)!;
    outputs.push({ path, out: ts.transform(sf, [transformer]).transformed[0] });
  }
  if (refused.length) return { refused };
  const helpers = `
const $fail = (v, want) => { throw new Error('cannot store ' + JSON.stringify(v) + ', expected ' + want); };
const $int = (v, lo, hi) => ((v | 0) === v && v >= lo && v <= hi ? v : $fail(v, 'an integer in ' + lo + '..' + hi));
const $bool = (v) => (v === true ? 1 : v === false ? 0 : $fail(v, 'a boolean'));
const $enum = (v, vs) => { const i = vs.indexOf(v); return i >= 0 ? i : $fail(v, 'one of ' + vs.join('|')); };
const $ix = (i, n) => ((i | 0) === i && i >= 0 && i < n ? i : $fail(i, 'an index below ' + n));
${enums.map((e, k) => `const $V${k} = ${e};`).join('\n')}
${tables.map((t, k) => `const $E${k} = Int32Array.of(${t.join(', ')});`).join('\n')}
`;
  // Relative imports point at the other compiled modules, or else at the built ones.
  const written: string[] = [];
  for (const { path, out } of outputs) {
    sf = program.getSourceFile(path)!;
    const rel = path.slice(root.length + 1);
    const target = resolve(outDir, rel.replace(/\.ts$/, '.words.mjs'));
    const js = ts.transpileModule(printer.printFile(out), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
      .replace(/from '(\.\.?\/[^']+)'/g, (_, p) => {
        const src = resolve(path, '..', p.replace(/\.js$/, '.ts'));
        const to = compiled.has(src) ? resolve(outDir, src.slice(root.length + 1).replace(/\.ts$/, '.words.mjs')) : resolve(root, 'dist', src.slice(root.length + 1).replace(/\.ts$/, '.js'));
        let r = relative(dirname(target), to);
        if (!r.startsWith('.')) r = './' + r;
        return `from '${r}'`;
      });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `// Generated by tools/recipe-compiler from ${rel}: do not edit.\n${helpers}\n${js}`);
    written.push(target);
  }
  return { written };
}
