// Compile generated programs with the system C compiler and run them, a few at
// a time (the machines have 2 cores).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CFLAGS = ['-std=gnu11', '-O1', '-Wall', '-Wextra'] as const;

/**
 * The C compiler's name when `cc --version` runs, else undefined. A failure
 * to start it other than "not found" (EAGAIN, ENOMEM on a loaded machine) is
 * retried a few times before giving up.
 */
export function findCompiler(cc = 'cc'): string | undefined {
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = spawnSync(cc, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return cc;
    const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== 'EAGAIN' && code !== 'ENOMEM') return undefined;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // a synchronous 0.2 s pause
  }
  return undefined;
}

export interface Program {
  readonly name: string;
  readonly source: string;
}

export type RunResult =
  | { readonly kind: 'ran'; readonly stdout: string; readonly status: number | null; readonly signal: string | null; readonly warnings: string }
  /** It did not compile, or the compiler or the program could not be started or timed out: never a verdict. */
  | { readonly kind: 'not-run'; readonly message: string };

/** How long the compiler and a program may take before they are killed. */
const COMPILE_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 30_000;

interface Exit {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the command could not be started (spawn error) or was killed at its timeout. */
  readonly failure?: string;
}

/**
 * Run `cmd` in its own process group, so that at the timeout the program and
 * every process it forked are killed together (a forked actor holding the
 * output pipe would otherwise keep it open). Never rejects: a command that
 * cannot be started is an Exit with `failure` set.
 */
function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<Exit> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let failure: string | undefined;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const timer = setTimeout(() => {
      failure = `${cmd}: killed after ${timeoutMs / 1000} s`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: null, signal: null, stdout, stderr, failure: `${cmd}: cannot start: ${e.message}` });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, failure });
    });
  });
}

async function compileAndRun(dir: string, p: Program, index: number, cc: string, extraFlags: readonly string[], runTimeoutMs: number): Promise<RunResult> {
  const src = join(dir, `t${index}.c`);
  const bin = join(dir, `t${index}`);
  try {
    writeFileSync(src, p.source);
  } catch (e) {
    return { kind: 'not-run', message: `${p.name}: cannot write ${src}: ${(e as Error).message}` };
  }
  const c = await run(cc, [...CFLAGS, ...extraFlags, '-o', bin, src], COMPILE_TIMEOUT_MS);
  if (c.failure) return { kind: 'not-run', message: `${p.name}: ${c.failure}` };
  if (c.status !== 0) return { kind: 'not-run', message: `${p.name}: ${cc} failed:\n${c.stderr.trim()}` };
  const r = await run(bin, [], runTimeoutMs);
  if (r.failure) return { kind: 'not-run', message: `${p.name}: ${r.failure}` };
  return { kind: 'ran', stdout: r.stdout, status: r.status, signal: r.signal, warnings: c.stderr.trim() };
}

/**
 * Compile and run every program, `jobs` at a time; results in input order.
 * `extraFlags` go to the compiler (the tests add -Werror); a program still
 * running after `runTimeoutMs` (default 30 s) is killed with its children.
 */
export async function compileAndRunAll(
  programs: readonly Program[],
  options: { cc?: string; jobs?: number; extraFlags?: readonly string[]; runTimeoutMs?: number } = {},
): Promise<RunResult[]> {
  const cc = options.cc ?? 'cc';
  const jobs = Math.max(1, options.jobs ?? 2);
  const dir = mkdtempSync(join(tmpdir(), 'pinspec-reality-'));
  const results: RunResult[] = new Array(programs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < programs.length) {
      const i = next++;
      results[i] = await compileAndRun(dir, programs[i], i, cc, options.extraFlags ?? [], options.runTimeoutMs ?? RUN_TIMEOUT_MS);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, programs.length) }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
