// pinspec simulate --design D: seeded random walks deeper than the BFS scopes
// reach (checker/simulate.ts), each hit shrunk to a 1-minimal trace. The same
// command line gives the same walks and traces. Exit 1 when a walk breaks a
// property the design is recorded to keep; a walk that finds nothing proves
// nothing, so it never confirms an expected failure.
import { Command } from 'commander';
import { simulate } from '../../checker/simulate.js';
import { expectationOf, PROPERTY_NAMES, type PropertyName } from '../../models/api.js';
import { traceDoc } from '../../report/trace-doc.js';
import { renderTraceText } from '../../report/trace-text.js';
import { table, WIDTH } from '../../report/text.js';
import type { Cli } from '../context.js';
import { collect, formatOption, wholeNumber } from '../options.js';
import { designByName } from '../world.js';
import { propertyByName, selectScopes } from './check.js';

export function simulateCommand(cli: Cli): Command {
  return new Command('simulate')
    .description('random walks beyond the BFS bound on one design; hits are shrunk and replayable')
    .requiredOption('--design <name>', 'the design to walk')
    .option('--scope <name>', 'walk in this scope (repeatable; default: the default scopes)', collect)
    .option('--deep', 'walk in the deep scopes too')
    .option('--property <name>', 'look for this property only (repeatable)', collect)
    .option('--seed <n>', 'fast-check seed', wholeNumber(0), 0)
    .option('--runs <n>', 'walks per property', wholeNumber(1), 200)
    .option('--walk-depth <n>', 'steps per walk at most', wholeNumber(1), 60)
    .addOption(formatOption(['text', 'json']))
    .action((o) => {
      const design = designByName(cli.world, o.design);
      const properties: string[] = o.property?.length ? o.property.map(propertyByName) : [...PROPERTY_NAMES];
      const reports = selectScopes(cli.world, o).map((scope) => {
        const model = cli.world.buildModel(design, scope);
        const defined = properties.filter((p: string) => model.properties.some((q) => q.name === p));
        const r = simulate(model, { seed: o.seed, runs: o.runs, depth: o.walkDepth, properties: defined });
        const command = `npx pinspec simulate --design ${design.name} --scope ${scope} --seed ${o.seed} --runs ${o.runs} --walk-depth ${o.walkDepth}`;
        const hits = r.verdicts.map((v) => {
          const expected = expectationOf(design, v.property as PropertyName, o.deep);
          const unexpected = v.status === 'violated' && expected.verdict === 'pass';
          return { v, unexpected, doc: v.trace && traceDoc(model, v.property, v.trace, command) };
        });
        return { scope, r, hits, command };
      });
      cli.exitCode = reports.some((s) => s.hits.some((h) => h.unexpected)) ? 1 : 0;
      if (o.format === 'json') {
        const json = reports.map(({ scope, r, hits }) => ({
          design: design.name,
          scope,
          seed: r.seed,
          runs: r.runs,
          walkDepth: r.depth,
          steps: r.steps,
          verdicts: hits.map(({ v, unexpected, doc }) => ({
            property: v.property,
            status: v.status,
            walks: v.walks,
            asExpected: !unexpected,
            ...(v.replay ? { replay: v.replay, originalLength: v.originalLength } : {}),
            ...(doc ? { trace: doc } : {}),
          })),
        }));
        cli.stdout(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      for (const { scope, r, hits } of reports) {
        out.push(`pinspec simulate: ${design.name} in scope ${scope}, seed ${r.seed},`);
        out.push(`${r.runs} walks per property of at most ${r.depth} steps (${r.steps} steps)`);
        out.push('');
        const rows = hits.map(({ v }) => v.property);
        out.push(
          ...table('property', rows, [
            {
              header: 'found',
              cells: hits.map(({ v }) =>
                v.status === 'undecided' ? 'nothing' : `${v.status} in ${v.trace!.steps.length} (walk ${v.walks}, ${v.originalLength} steps)`,
              ),
            },
            { header: 'recorded', cells: hits.map(({ v }) => expectationOf(design, v.property as PropertyName, o.deep).verdict) },
            { header: '', cells: hits.map(({ unexpected }) => (unexpected ? 'DIFFERS' : '')) },
          ]),
        );
        for (const { doc } of hits) if (doc) out.push('', '-'.repeat(WIDTH), '', renderTraceText(doc).trimEnd());
        out.push('');
      }
      cli.stdout(`${out.join('\n')}\n`);
    });
}
