// Compile generated programs with the system C compiler and run them, a few at
// a time (the machines have 2 cores).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CFLAGS = ['-std=gnu11', '-O1', '-Wall', '-Wextra'] as const;

/** The C compiler's name when `cc` runs, else undefined. */
export function findCompiler(cc = 'cc'): string | undefined {
  const r = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? cc : undefined;
}

export interface Program {
  readonly name: string;
  readonly source: string;
}

export type RunResult =
  | { readonly kind: 'ran'; readonly stdout: string; readonly status: number | null; readonly signal: string | null; readonly warnings: string }
  | { readonly kind: 'compile-error'; readonly message: string };

function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

async function compileAndRun(dir: string, p: Program, index: number, cc: string, extraFlags: readonly string[]): Promise<RunResult> {
  const src = join(dir, `t${index}.c`);
  const bin = join(dir, `t${index}`);
  writeFileSync(src, p.source);
  const c = await run(cc, [...CFLAGS, ...extraFlags, '-o', bin, src], 60_000);
  if (c.status !== 0) return { kind: 'compile-error', message: `${p.name}: ${cc} failed:\n${c.stderr.trim()}` };
  const r = await run(bin, [], 30_000);
  return { kind: 'ran', stdout: r.stdout, status: r.status, signal: r.signal, warnings: c.stderr.trim() };
}

/**
 * Compile and run every program, `jobs` at a time; results in input order.
 * `extraFlags` go to the compiler (the tests add -Werror).
 */
export async function compileAndRunAll(
  programs: readonly Program[],
  options: { cc?: string; jobs?: number; extraFlags?: readonly string[] } = {},
): Promise<RunResult[]> {
  const cc = options.cc ?? 'cc';
  const jobs = Math.max(1, options.jobs ?? 2);
  const dir = mkdtempSync(join(tmpdir(), 'pinspec-reality-'));
  const results: RunResult[] = new Array(programs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < programs.length) {
      const i = next++;
      results[i] = await compileAndRun(dir, programs[i], i, cc, options.extraFlags ?? []);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, programs.length) }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
