// counterexamples/<design>/<property>.{txt,json}: written for every violated
// cell, removed when the cell no longer fails. The content is deterministic
// (no timestamps, no timings), so the committed files can be checked for
// staleness by regenerating them.
import { existsSync, mkdirSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Cell, MatrixResult } from '../report/matrix.js';
import { renderTraceText } from '../report/trace-text.js';
import { writeTraceDoc } from '../report/trace-schema.js';

/** The replay command recorded in a counterexample written under `outDir`. */
export function replayCommand(outDir: string, cwd: string): (design: string, property: string) => string {
  return (design, property) => `npx pinspec replay ${relative(cwd, join(outDir, design, `${property}.json`)) || '.'}`;
}

/**
 * Write the counterexamples of `m` under `outDir` and delete the files of
 * cells that now hold. When `whole` is set (every design and property of the
 * catalog was checked), files of designs or properties that no longer exist
 * go too. Returns the cells with their `file` set.
 */
export function writeCounterexamples(m: MatrixResult, outDir: string, cwd: string, whole: boolean): MatrixResult {
  const cells = m.cells.map((c): Cell => {
    const dir = join(outDir, c.design);
    const base = join(dir, c.property);
    if (c.status === 'fail' && c.counterexample) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${base}.txt`, renderTraceText(c.counterexample));
      writeFileSync(`${base}.json`, writeTraceDoc(c.counterexample));
      return { ...c, file: relative(cwd, `${base}.txt`) };
    }
    if (c.status === 'ok' || c.status === 'absent') {
      rmSync(`${base}.txt`, { force: true });
      rmSync(`${base}.json`, { force: true });
    }
    return c;
  });
  if (existsSync(outDir)) {
    const known = new Set(m.designs.map((d) => d.name));
    const props = new Set<string>(m.properties);
    for (const entry of readdirSync(outDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(outDir, entry.name);
      if (whole && !known.has(entry.name)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (whole) {
        for (const f of readdirSync(dir)) if (!props.has(f.replace(/\.(txt|json)$/, ''))) rmSync(join(dir, f), { force: true });
      }
      if (readdirSync(dir).length === 0) rmdirSync(dir);
    }
  }
  return { ...m, cells };
}
