// pinspec designs: the catalog.
import { Command } from 'commander';
import { designsJson, designsMarkdown, designsText } from '../../report/designs-report.js';
import type { Cli } from '../context.js';
import { formatOption, type Format } from '../options.js';
import { designByName } from '../world.js';

export function designsCommand(cli: Cli): Command {
  return new Command('designs')
    .description('list the designs: name, title, provenance (commits, thread), knobs, expected verdicts')
    .argument('[names...]', 'only these designs')
    .addOption(formatOption(['text', 'json', 'md']))
    .action((names: string[], o: { format: Exclude<Format, 'junit'> }) => {
      const designs = names.length ? names.map((n) => designByName(cli.world, n)) : cli.world.listDesigns();
      cli.stdout({ text: designsText, json: designsJson, md: designsMarkdown }[o.format](designs));
    });
}
