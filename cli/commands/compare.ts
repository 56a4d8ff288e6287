// pinspec compare D1 D2: the properties on which two designs differ, with the
// witness traces. Exit 0 when they agree, 1 when they differ (like diff), 3
// when a search was inconclusive and nothing differs.
import { Command } from 'commander';
import { compareDesigns, compareJson, compareJunit, compareMarkdown, compareText } from '../../report/compare-report.js';
import { checkMatrix } from '../check-by-scope.js';
import type { Cli } from '../context.js';
import { formatOption, type Format } from '../options.js';
import { progressHooks } from '../progress.js';
import { designByName } from '../world.js';
import { boundOptions, boundsOf, jobsOption, propertyByName, selectScopes } from './check.js';
import { collect } from '../options.js';

export function compareCommand(cli: Cli): Command {
  const cmd = new Command('compare')
    .description('the properties on which two designs differ, each with its witness trace')
    .argument('<design1>')
    .argument('<design2>')
    .option('--property <name>', 'compare on this property only (repeatable)', collect)
    .option('--scope <name>', 'check in this scope (repeatable; default: the default scopes)', collect)
    .option('--deep', 'add the deep scopes')
    .addOption(jobsOption())
    .addOption(formatOption());
  boundOptions(cmd);
  return cmd.action(async (a: string, b: string, o) => {
    const designs = [designByName(cli.world, a), designByName(cli.world, b)];
    const properties = o.property?.length ? o.property.map(propertyByName) : undefined;
    const m = await checkMatrix(cli.world, { designs, scopes: selectScopes(cli.world, o), properties, ...boundsOf(o), ...progressHooks(cli) }, o.jobs);
    const c = compareDesigns(m, a, b);
    const format = o.format as Format;
    cli.stdout(format === 'junit' ? compareJunit(c, m.properties) : { text: compareText, json: compareJson, md: compareMarkdown }[format](c));
    cli.exitCode = c.differences.length ? 1 : c.inconclusive.length ? 3 : 0;
  });
}
