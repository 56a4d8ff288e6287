// `pinspec check` as JSON: the matrix, every cell with its verdict and
// expectation, the searches, and the counterexamples as saved-trace documents.
import { TOOL_VERSION } from './tool-version.js';
import { cellText, exitCodeOf, type MatrixResult } from './matrix.js';

export const CHECK_SCHEMA = 'pinspec-check';
export const CHECK_VERSION = 1;

export function checkJson(m: MatrixResult): string {
  const doc = {
    schema: CHECK_SCHEMA,
    version: CHECK_VERSION,
    tool: { name: 'pinspec', version: TOOL_VERSION },
    scopes: m.scopes,
    properties: m.properties,
    designs: m.designs.map((d) => ({ name: d.name, title: d.title })),
    exitCode: exitCodeOf(m.cells),
    cells: m.cells.map((c) => ({ ...c, verdict: cellText(c) })),
    runs: m.runs,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
