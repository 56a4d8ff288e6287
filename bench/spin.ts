// SPIN on pinbench.pml, for the side-by-side figures of bench/main.ts: build
// the verifiers once (not timed), run them, and read SPIN's own report.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figuresOf, type RunFigures } from './figures.js';

export interface SpinBuild {
  readonly dir: string;
  readonly bfs: string;
  readonly dfs: string;
}

/** Whether `cmd` is on PATH. */
export function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Whether spin and a C compiler are on PATH. */
export function spinAvailable(): boolean {
  return onPath('spin') && onPath('cc');
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

/** spin -a, then the BFS and the default DFS verifier, as pinbench.md says. */
export function buildSpin(pml: string): SpinBuild {
  const dir = mkdtempSync(join(tmpdir(), 'pinbench-spin-'));
  copyFileSync(pml, join(dir, 'pinbench.pml'));
  run('spin', ['-a', 'pinbench.pml'], dir);
  run('cc', ['-O2', '-DBFS', '-DNOREDUCE', '-DMEMLIM=8000', '-o', 'pan-bfs', 'pan.c'], dir);
  run('cc', ['-O2', '-DSAFETY', '-DNOREDUCE', '-DMEMLIM=8000', '-o', 'pan-dfs', 'pan.c'], dir);
  return { dir, bfs: join(dir, 'pan-bfs'), dfs: join(dir, 'pan-dfs') };
}

function field(out: string, re: RegExp, what: string): number {
  const m = out.match(re);
  if (!m) throw new Error(`SPIN's output has no ${what}:\n${out}`);
  return Number(m[1]);
}

/** The peak RSS of a running process, from /proc (VmHWM only grows; the last read before it exits is kept). */
function watchPeak(pid: number, peak: { bytes: number }): NodeJS.Timeout {
  return setInterval(() => {
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
      if (m) peak.bytes = Math.max(peak.bytes, Number(m[1]) * 1024);
    } catch {
      // exited
    }
  }, 20);
}

/** What a measured program printed (stdout then stderr as they came), its exit code and its peak RSS. */
export interface WatchedRun {
  readonly out: string;
  readonly code: number | null;
  readonly peakBytes: number;
}

/** Run a program to its end, watching its peak RSS. */
export function runWatched(exe: string, args: string[]): Promise<WatchedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const peak = { bytes: 0 };
    const timer = watchPeak(child.pid!, peak);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ out, code, peakBytes: peak.bytes });
    });
  });
}

/** Run one verifier; the time is SPIN's own "elapsed time" (the search only). */
export async function runSpin(exe: string, args: string[]): Promise<RunFigures> {
  const { out, peakBytes } = await runWatched(exe, args);
  const distinct = field(out, /(\d+) states, stored/, 'states, stored');
  const seconds = field(out, /pan: elapsed time ([\d.e+-]+) seconds/, 'elapsed time');
  const megabytes = field(out, /([\d.]+)\s+total actual memory usage/, 'total actual memory usage');
  return figuresOf({
    distinct,
    transitions: field(out, /(\d+) transitions/, 'transitions'),
    seconds,
    bytesPerState: (megabytes * 2 ** 20) / distinct,
    peakRssBytes: peakBytes,
    status: /errors: 0/.test(out) ? 'complete' : 'errors',
  });
}
