// The C reference (pinbench-flat.c): built once with `cc -O2` (not timed),
// run as its own process; its time is its own measure of the search alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figuresOf, type RunFigures } from '../figures.js';
import { runWatched } from '../spin.js';

const SOURCE = fileURLToPath(new URL('../../../bench/reference/pinbench-flat.c', import.meta.url));

/** Compile the C reference; the path of the executable. */
export function buildFlatC(): string {
  const exe = join(mkdtempSync(join(tmpdir(), 'pinbench-flat-')), 'pinbench-flat');
  const r = spawnSync('cc', ['-O2', '-o', exe, SOURCE], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cc -O2 ${SOURCE} failed: ${r.stderr}`);
  return exe;
}

export async function runFlatC(exe: string): Promise<RunFigures> {
  const { out, code, peakBytes } = await runWatched(exe, []);
  if (code !== 0) throw new Error(`${exe} exited with ${code}: ${out}`);
  let r: { distinct: number; transitions: number; seconds: number; bytesPerState: number };
  try {
    r = JSON.parse(out) as typeof r;
  } catch {
    throw new Error(`${exe} printed no JSON line: ${out}`);
  }
  const { distinct, transitions, seconds, bytesPerState } = r;
  return figuresOf({ distinct, transitions, seconds, bytesPerState, peakRssBytes: peakBytes, status: 'complete' });
}
