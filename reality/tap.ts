// Reading the TAP a generated program prints (reality/c/pinrt.h, rt_run()).

/** What the kernel did in one schedule. */
export type KernelOutcome =
  | { readonly kind: 'observed' | 'not-observed' }
  | { readonly kind: 'skip' | 'error'; readonly reason: string };

export interface TapTest {
  readonly n: number;
  /** The schedule label, ' [P0.1 P1.1 ...]' or ''. */
  readonly description: string;
  readonly outcome: KernelOutcome;
  /** The `# observed NAME=VALUE` lines printed before the result. */
  readonly observed: ReadonlyMap<string, number>;
}

export interface TapRun {
  readonly kernel?: string;
  readonly plan?: number;
  readonly tests: readonly TapTest[];
  /** A line that is neither TAP nor a diagnostic, or a plan that was not met. */
  readonly problems: readonly string[];
}

const RESULT = /^(not )?ok (\d+) - (.*)$/;

export function parseTap(text: string): TapRun {
  const tests: TapTest[] = [];
  const problems: string[] = [];
  let kernel: string | undefined;
  let plan: number | undefined;
  let observed = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line === 'TAP version 13') continue;
    const planMatch = /^1\.\.(\d+)$/.exec(line);
    if (planMatch) {
      plan = Number(planMatch[1]);
      continue;
    }
    const obs = /^# observed (.+)=(-?\d+)$/.exec(line);
    if (obs) {
      observed.set(obs[1], Number(obs[2]));
      continue;
    }
    const k = /^# kernel: (.*)$/.exec(line);
    if (k) {
      kernel = k[1];
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = RESULT.exec(line);
    if (!m) {
      problems.push(`unexpected output: ${line}`);
      continue;
    }
    const [, not, n, rest] = m;
    let outcome: KernelOutcome;
    let description: string;
    const skip = / # SKIP (.*)$/.exec(rest);
    const err = /: error: (.*)$/.exec(rest);
    const cond = /: condition (observed|not observed)$/.exec(rest);
    if (skip && !not) {
      outcome = { kind: 'skip', reason: skip[1] };
      description = rest.slice(0, skip.index);
    } else if (err && not) {
      outcome = { kind: 'error', reason: err[1] };
      description = rest.slice(0, err.index);
    } else if (cond && (cond[1] === 'observed') === !not) {
      outcome = { kind: cond[1] === 'observed' ? 'observed' : 'not-observed' };
      description = rest.slice(0, cond.index);
    } else {
      problems.push(`unexpected result line: ${line}`);
      continue;
    }
    tests.push({ n: Number(n), description, outcome, observed });
    observed = new Map();
  }
  if (plan !== undefined && plan !== tests.length) problems.push(`planned ${plan} tests, saw ${tests.length}`);
  return { kernel, plan, tests, problems };
}
