// Progress of long searches on a terminal (checker/progress.ts: one line
// redrawn on stderr); nothing in CI, off a terminal, or when the Cli says
// not to draw.
import { progressReporter, type ProgressReporter } from '../checker/progress.js';
import type { Progress } from '../checker/stats.js';
import type { Cli } from './context.js';

export interface ProgressHooks {
  onRun?: (what: string, done: boolean) => void;
  onProgress?: (what: string, p: Progress) => void;
}

/**
 * One line on stderr for the search started last of those still running
 * (scopes may be checked in parallel, check-by-scope.ts); when it ends, the
 * line follows the latest other one.
 */
export function progressHooks(cli: Cli, reporterFor: (label: string) => ProgressReporter = (label) => progressReporter({ label })): ProgressHooks {
  if (!cli.progress) return {};
  const running: string[] = [];
  let current: { what: string; reporter: ProgressReporter } | undefined;
  const show = (): void => {
    const what = running.at(-1);
    if (current?.what === what) return;
    current?.reporter.stop();
    current = what === undefined ? undefined : { what, reporter: reporterFor(what) };
  };
  return {
    onRun: (what, done) => {
      const i = running.indexOf(what);
      if (i >= 0) running.splice(i, 1);
      if (!done) running.push(what);
      show();
    },
    onProgress: (what, p) => {
      if (current?.what === what) current.reporter.onProgress?.(p);
    },
  };
}
