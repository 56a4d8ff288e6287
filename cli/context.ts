// What a command runs against: the world, the working directory, the output
// streams and whether progress may be drawn. main.ts makes the real one; tests
// make one that captures output.
import { isCI } from '../checker/progress.js';
import type { World } from './world.js';

export interface Cli {
  readonly world: World;
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Draw progress on stderr (a terminal, not CI). */
  readonly progress: boolean;
  /** Set by the command that ran. */
  exitCode: number;
}

export function nodeCli(world: World): Cli {
  return {
    world,
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    progress: Boolean(process.stderr.isTTY) && !isCI(process.env),
    exitCode: 0,
  };
}
