// Progress of long searches on a terminal (checker/progress.ts: one line
// redrawn on stderr), one reporter per search; nothing in CI, off a terminal,
// or when the Cli says not to draw.
import { progressReporter, type ProgressReporter } from '../checker/progress.js';
import type { Progress } from '../checker/stats.js';
import type { Cli } from './context.js';

export interface ProgressHooks {
  onRun?: (what: string, done: boolean) => void;
  onProgress?: (what: string, p: Progress) => void;
}

export function progressHooks(cli: Cli): ProgressHooks {
  if (!cli.progress) return {};
  let current: ProgressReporter | undefined;
  return {
    onRun: (what, done) => {
      current?.stop();
      current = done ? undefined : progressReporter({ label: what });
    },
    onProgress: (_what, p) => current?.onProgress?.(p),
  };
}
