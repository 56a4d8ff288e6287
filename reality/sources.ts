// From a file the user names (a litmus test or a saved counterexample) to
// the reality-check cases: the scenario on base pages and, where it maps
// anonymous memory, the same on a THP, each with the model's verdict for
// the design that models the current kernel.
import type { Design } from '../models/api.js';
import { parseLitmus } from '../litmus/parse.js';
import { InputError } from '../report/input-error.js';
import { readTraceDoc } from '../report/trace-schema.js';
import type { World } from '../cli/world.js';
import { thpVariant, type RealityCase } from './check.js';
import { litmusScenario, litmusVerdict } from './from-litmus.js';
import { traceCase } from './from-trace.js';

/**
 * The design that models the kernel of today: `name` when given, else the
 * catalog's 'D-CURRENT', else the design whose title says it is current.
 */
export function currentDesign(world: World, name?: string): Design {
  const all = world.listDesigns();
  const want = name ?? 'D-CURRENT';
  const d = all.find((x) => x.name === want) ?? (name === undefined ? all.find((x) => /\bcurrent\b/i.test(x.title)) : undefined);
  if (!d) throw new InputError(`no design "${want}" models the current kernel; known designs: ${all.map((x) => x.name).join(', ')} (use --design)`);
  return d;
}

export function loadCases(world: World, file: string, text: string, designName?: string): RealityCase[] {
  const design = currentDesign(world, designName);
  let base: Omit<RealityCase, 'variant'>;
  if (file.endsWith('.litmus')) {
    const t = parseLitmus(text, file);
    const scope = t.scope?.name;
    const model = world.buildModel(design, scope);
    base = { file, name: t.name, scenario: litmusScenario(model, t), model: litmusVerdict(model, t) };
  } else if (file.endsWith('.json')) {
    const doc = readTraceDoc(text, file).doc;
    const own = world.buildModel(doc.design.name, doc.scope.name);
    const cur = world.buildModel(design, doc.scope.name);
    const c = traceCase(doc, file, own, cur);
    base = { file, name: c.scenario.name, scenario: c.scenario, model: c.model };
  } else {
    throw new InputError(`${file}: expected a litmus test (.litmus) or a saved counterexample (.json)`);
  }
  const out: RealityCase[] = [{ ...base, variant: 'page' }];
  const thp = thpVariant(base.scenario);
  if (thp) out.push({ ...base, scenario: thp, variant: 'thp' });
  return out;
}
