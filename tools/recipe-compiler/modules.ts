// Which modules a target compiles: its entry modules and every module they
// reach through imports that works on the state (a value whose type is the
// state type or a part of it: a struct or an array of the layout). A module
// that never touches the state (the world's action universe, its scope
// tables) is not compiled: the compiled modules import it as it is, so the
// process keeps one instance of it (one action universe).
import ts from 'typescript';
import { unwrap } from './compiler.js';

/** The state type and the types of its parts (struct fields and array elements that are objects), under Readonly too. */
function stateTypes(checker: ts.TypeChecker, state: ts.Type): Set<ts.Type> {
  const seen = new Set<ts.Type>();
  const add = (t: ts.Type): void => {
    t = unwrap(t);
    if (seen.has(t) || !(t.flags & ts.TypeFlags.Object)) return;
    seen.add(t);
    if (checker.isArrayType(t)) {
      for (const el of checker.getTypeArguments(t as ts.TypeReference)) add(el);
      return;
    }
    for (const p of t.getProperties()) add(checker.getTypeOfSymbol(p));
  };
  add(state);
  return seen;
}

/** Does the module hold a parameter or an expression whose type is a part of the state? */
function worksOnState(checker: ts.TypeChecker, types: Set<ts.Type>, sf: ts.SourceFile): boolean {
  const isState = (n: ts.Node): boolean => types.has(unwrap(checker.getTypeAtLocation(n)));
  const visit = (n: ts.Node): boolean => {
    if ((ts.isParameter(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && isState(n)) return true;
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(sf);
}

/** The modules imported by `sf` (relative imports resolved to their source files). */
function imported(program: ts.Program, sf: ts.SourceFile): ts.SourceFile[] {
  const out: ts.SourceFile[] = [];
  for (const st of sf.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (!st.moduleSpecifier.text.startsWith('.')) continue;
    const r = ts.resolveModuleName(st.moduleSpecifier.text, sf.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
    const target = r && program.getSourceFile(r.resolvedFileName);
    if (target && !target.isDeclarationFile) out.push(target);
  }
  return out;
}

/**
 * The absolute paths of the modules a target compiles, in a fixed order:
 * the `entries` (absolute paths in `program`) and the modules working on
 * `state` that they reach through each other.
 */
export function targetModules(program: ts.Program, state: ts.Type, entries: readonly string[]): string[] {
  const checker = program.getTypeChecker();
  const types = stateTypes(checker, state);
  const found = new Set<string>();
  const queue = entries.map((e) => program.getSourceFile(e)!);
  for (const sf of queue) {
    if (found.has(sf.fileName)) continue;
    found.add(sf.fileName);
    for (const m of imported(program, sf)) if (!found.has(m.fileName) && worksOnState(checker, types, m)) queue.push(m);
  }
  return [...found].sort();
}
