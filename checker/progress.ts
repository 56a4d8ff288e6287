// Progress of a long search on a terminal: one line, redrawn in place by
// cli-progress, with distinct states, depth, states/s and elapsed time. Quiet
// (no output at all) when the stream is not a terminal or CI is set, so logs
// and CI output stay clean.
import cliProgress from 'cli-progress';
import type { Progress } from './stats.js';

export interface ProgressReporter {
  /** Pass as bfs's `onProgress`; undefined when quiet. */
  readonly onProgress: ((p: Progress) => void) | undefined;
  /** Erase the line (call once the search returns). */
  stop(): void;
}

export interface ProgressOptions {
  /** Default process.stderr. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Default process.env (only CI is read). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A label before the figures, e.g. the model's name. */
  readonly label?: string;
}

/** True when CI is set to anything but '', '0' or 'false'. */
export function isCI(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The line shown for one progress report. */
export function progressLine(p: Progress, label?: string): string {
  const head = label ? `${label}: ` : '';
  const secs = (p.elapsedMs / 1000).toFixed(1);
  return `${head}${count(p.distinct)} states, depth ${p.depth}, ${count(p.statesPerSecond)} states/s, ${secs} s`;
}

export function progressReporter(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  if (stream.isTTY !== true || isCI(env)) return { onProgress: undefined, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: '{line}',
    hideCursor: false,
    clearOnComplete: true,
    gracefulExit: false,
    linewrap: false,
  });
  let started = false;
  return {
    onProgress: (p) => {
      const payload = { line: progressLine(p, options.label) };
      if (!started) {
        started = true;
        bar.start(0, 0, payload);
      } else bar.update(0, payload);
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
