// npm run bench: pinbench on 1 and on 2 workers against SPIN's BFS and
// default DFS on the same model (bench/pinbench.pml; the model is defined in
// bench/pinbench.md), and the speed on the largest default scope of the
// kernel models; and two references that are not pinspec: pinbench written
// by hand on its packed words, in JS with the checker's own loop and store
// and in C (bench/reference/), so the table shows what the views cost and
// what this machine does with the flat design; and the current kernel's
// largest deep scope, a search of seconds. Each run is its own child
// process (its peak RSS is its own); every figure is the median of 3
// interleaved rounds, since the machines are shared and noisy. The last line
// is the ratio line of issue 7.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bfs } from '../checker/search.js';
import { buildModel, deepScopes, defaultScopes, listDesigns } from '../models/index.js';
import type { RunFigures } from './figures.js';
import { buildFlatC, runFlatC } from './reference/flat-c.js';
import { buildSpin, onPath, runSpin, spinAvailable } from './spin.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The design of today's kernel. */
const CURRENT = 'D-CURRENT';
const PML = fileURLToPath(new URL('../../bench/pinbench.pml', import.meta.url));

interface Entry {
  readonly name: string;
  readonly run: () => Promise<RunFigures>;
  readonly results: RunFigures[];
}

function child(args: string[]): Promise<RunFigures> {
  const script = fileURLToPath(new URL('./run-one.js', import.meta.url));
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return Promise.reject(new Error(`run-one ${args.join(' ')} failed:\n${r.stderr}`));
  return Promise.resolve(JSON.parse(r.stdout.trim().split('\n').pop()!) as RunFigures);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The median run: the figures of the run with the median time (so each row is one real run). */
function medianRun(rs: RunFigures[]): RunFigures {
  const m = median(rs.map((r) => r.seconds));
  const run = [...rs].sort((a, b) => Math.abs(a.seconds - m) - Math.abs(b.seconds - m))[0];
  return {
    ...run,
    seconds: m,
    statesPerSecond: run.distinct / m,
    bytesPerState: median(rs.map((r) => r.bytesPerState)),
    peakRssBytes: median(rs.map((r) => r.peakRssBytes)),
  };
}

/**
 * The design and scope with the most reachable states among `designs` x
 * `scopes` (found once, untimed).
 */
function largestKernelScope(designs: readonly string[], scopes: readonly string[]): { design: string; scope: string; distinct: number } {
  let best = { design: '', scope: '', distinct: -1 };
  for (const design of designs) {
    for (const scope of scopes) {
      const r = bfs(buildModel(design, scope), { keepGoing: true });
      if (r.stats.distinct > best.distinct) best = { design, scope, distinct: r.stats.distinct };
    }
  }
  return best;
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

function table(entries: readonly Entry[]): string {
  const head = ['run', 'distinct', 'transitions', 'seconds', 'distinct/s', 'bytes/state', 'peak RSS MB'];
  const rows = entries.map((e) => {
    const f = medianRun(e.results);
    return [
      e.name,
      n(f.distinct),
      n(f.transitions),
      f.seconds.toFixed(2),
      n(f.statesPerSecond),
      f.bytesPerState.toFixed(1),
      (f.peakRssBytes / 2 ** 20).toFixed(0),
    ];
  });
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join(' | ')} |`;
  return [line(head), `|${width.map((w, i) => (i === 0 ? '-' : '').padEnd(w + 1, '-') + (i === 0 ? '-' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  // The largest default scope of any design (what issue 7 asks for: its
  // searches are short, so start-up and compilation weigh in), and the
  // current kernel's largest deep scope (a search of seconds).
  const kernel = largestKernelScope(listDesigns().map((d) => d.name), defaultScopes());
  const deep = largestKernelScope([CURRENT], deepScopes());
  const entries: Entry[] = [
    { name: 'pinspec 1 worker', run: () => child(['pinbench', '1']), results: [] },
    { name: 'pinspec 2 workers', run: () => child(['pinbench', '2']), results: [] },
  ];
  const spin = spinAvailable();
  if (spin) {
    const built = buildSpin(PML);
    entries.push(
      { name: 'SPIN -DBFS', run: () => runSpin(built.bfs, ['-w22']), results: [] },
      { name: 'SPIN DFS (-DSAFETY)', run: () => runSpin(built.dfs, ['-w22', '-m3000000']), results: [] },
    );
  }
  const reference = { js: 'reference: flat JS, same store', c: 'reference: flat C' };
  entries.push({ name: reference.js, run: () => child(['reference']), results: [] });
  const cc = onPath('cc');
  if (cc) {
    const exe = buildFlatC();
    entries.push({ name: reference.c, run: () => runFlatC(exe), results: [] });
  }
  for (const k of [kernel, deep]) {
    const name = `kernel ${k.design}/${k.scope}`;
    entries.push(
      { name: `${name}, 1 worker`, run: () => child(['kernel', k.design, k.scope, '1']), results: [] },
      { name: `${name}, 2 workers`, run: () => child(['kernel', k.design, k.scope, '2']), results: [] },
    );
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const e of entries) {
      process.stderr.write(`round ${round}/${ROUNDS}: ${e.name}`);
      const r = await e.run();
      e.results.push(r);
      // Each run's time, so that a median can be read against its rounds.
      process.stderr.write(`: ${r.seconds.toFixed(2)} s\n`);
    }
  }
  const pinspec = entries[0].results[0];
  for (const e of entries.filter((e) => e.name.startsWith('reference'))) {
    for (const r of e.results) {
      if (r.status !== 'complete' || r.distinct !== pinspec.distinct || r.transitions !== pinspec.transitions) {
        throw new Error(`${e.name}: ${r.status}, ${r.distinct} states, ${r.transitions} transitions; pinspec: ${pinspec.distinct}, ${pinspec.transitions}`);
      }
    }
  }
  console.log(`pinbench (bench/pinbench.md), median of ${ROUNDS} interleaved rounds, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`kernel: the largest default scope (design ${kernel.design}, scope ${kernel.scope}) and ${CURRENT}'s largest deep scope (${deep.scope}), explored completely`);
  console.log(table(entries));
  const rate = (name: string): number => medianRun(entries.find((e) => e.name === name)!.results).statesPerSecond;
  const share = (name: string): string => (rate('pinspec 1 worker') / rate(name)).toFixed(2);
  console.log(`pinspec 1 worker's speed as a share of the references': flat JS ${share(reference.js)}${cc ? `, flat C ${share(reference.c)}` : ''}`);
  console.log(`pinspec 2 workers' speed against 1 worker's: ${(rate('pinspec 2 workers') / rate('pinspec 1 worker')).toFixed(2)}x`);
  if (!spin) {
    console.log('spin or a C compiler is not on PATH: install them (sudo apt-get install spin gcc) to compare with SPIN.');
    return;
  }
  const r1 = rate('pinspec 1 worker') / rate('SPIN -DBFS');
  const r2 = rate('pinspec 2 workers') / rate('SPIN DFS (-DSAFETY)');
  console.log(`pinbench ratio: pinspec-1w/spin-bfs ${r1.toFixed(2)}, pinspec-2w/spin-dfs ${r2.toFixed(2)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
