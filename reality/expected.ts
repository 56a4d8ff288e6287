// Documented, expected differences between the model of the current kernel
// and what the kernel does (reality/expected-differences.json, explained in
// docs/reality.md). A disagreement listed here does not fail the run.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const entry = z.object({
  /** The test's name (the litmus name or the counterexample's design/property). */
  test: z.string().min(1),
  /** Only this backing ('page' or 'thp'); both when absent. */
  variant: z.enum(['page', 'thp']).optional(),
  /** Why the kernel differs from the model, with the source that says so. */
  reason: z.string().min(1),
});

const fileSchema = z.object({ differences: z.array(entry) });

export type ExpectedDifference = z.infer<typeof entry>;

export function parseExpectedDifferences(text: string, file: string): ExpectedDifference[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: malformed JSON: ${(e as Error).message}`);
  }
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return r.data.differences;
}

/** The project's list, found next to this module (source or dist/). */
export function loadExpectedDifferences(): ExpectedDifference[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    for (const p of [join(dir, 'expected-differences.json'), join(dir, 'reality', 'expected-differences.json')]) {
      if (existsSync(p)) return parseExpectedDifferences(readFileSync(p, 'utf8'), p);
    }
    dir = dirname(dir);
  }
  return [];
}

export function findExpected(list: readonly ExpectedDifference[], test: string, variant: 'page' | 'thp'): ExpectedDifference | undefined {
  return list.find((d) => d.test === test && (d.variant === undefined || d.variant === variant));
}
