// Progress of long searches on a terminal (one line redrawn on stderr); nothing
// in CI or when stderr is not a terminal.
import type { Progress } from '../checker/stats.js';
import type { Cli } from './context.js';

export interface ProgressHooks {
  onRun?: (what: string, done: boolean) => void;
  onProgress?: (what: string, p: Progress) => void;
}

export function progressHooks(cli: Cli): ProgressHooks {
  if (!cli.progress) return {};
  const clear = (): void => cli.stderr('\r\x1b[K');
  return {
    onRun: (what, done) => {
      clear();
      if (!done) cli.stderr(`${what}: searching`);
    },
    onProgress: (what, p) => {
      clear();
      cli.stderr(`${what}: ${p.distinct} states, depth ${p.depth}, ${Math.round(p.statesPerSecond)} states/s`);
    },
  };
}
