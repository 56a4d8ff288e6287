// Running pinspec commands in-process on a given world, with output captured,
// and spawning the built CLI (dist/cli/main.js) on the real one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cli } from '../../cli/context.js';
import { runCli } from '../../cli/program.js';
import type { World } from '../../cli/world.js';
import { checkCommand } from '../../cli/commands/check.js';
import { compareCommand } from '../../cli/commands/compare.js';
import { designsCommand } from '../../cli/commands/designs.js';
import { simulateCommand } from '../../cli/commands/simulate.js';
import { litmusCommand } from '../../cli/commands/litmus.js';
import { replayCommand } from '../../cli/commands/replay.js';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const COMMANDS = [checkCommand, compareCommand, replayCommand, litmusCommand, designsCommand, simulateCommand];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pinspec-test-'));
}

export async function runIn(world: World, argv: string[], cwd: string = tempDir()): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const cli: Cli = {
    world,
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    progress: false,
    exitCode: 0,
  };
  const code = await runCli(argv, cli, COMMANDS);
  return { code, stdout, stderr };
}

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const MAIN = join(ROOT, 'dist/cli/main.js');

/** A report without its timings (elapsedMs), to compare runs that must agree on everything else. */
export function withoutTimings(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutTimings);
  if (x && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'elapsedMs').map(([k, v]) => [k, withoutTimings(v)]));
  }
  return x;
}

/** Spawn the built CLI, as a user would run it. */
export function spawnCli(argv: string[], cwd: string = ROOT): RunResult {
  const r = spawnSync(process.execPath, [MAIN, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
