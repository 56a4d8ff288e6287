// From a search verdict on a WorldModel to a saved-trace document: the data
// every reporter renders (text lanes, markdown, JSON) and replay re-executes.
import type { Trace } from '../checker/trace.js';
import type { PropertyName, WorldModel } from '../models/api.js';
import { TOOL_VERSION } from './tool-version.js';
import { TRACE_SCHEMA, TRACE_VERSION, type TraceDoc, type TraceStepDoc } from './trace-schema.js';

/** The steps of a trace as the document records them: lane, kernel words, data, changes. */
export function stepDocs<S, A>(model: WorldModel<S, A>, trace: Trace<S, A>): TraceStepDoc[] {
  let before = trace.initial;
  return trace.steps.map((s, n) => {
    const doc: TraceStepDoc = {
      step: n + 1,
      actor: model.actorOf(s.action),
      action: model.describe(s.action),
      index: s.index,
      data: model.actionToJson ? model.actionToJson(s.action) : undefined,
      changes: model.explainStep(before, s.action, s.state),
    };
    if (doc.data === undefined) delete doc.data;
    before = s.state;
    return doc;
  });
}

export function traceDoc<S, A>(
  model: WorldModel<S, A>,
  propertyName: string,
  trace: Trace<S, A>,
  replay: string | undefined,
  /** Say this instead of explainViolation() (for a last state that breaks nothing). */
  explanation?: string,
): TraceDoc {
  const prop = model.properties.find((p) => p.name === propertyName);
  if (!prop) throw new RangeError(`no property ${propertyName} in ${model.name}`);
  const d = model.design;
  const last = trace.steps.length ? trace.steps[trace.steps.length - 1].state : trace.initial;
  const expected = (d.expected as Record<string, TraceDoc['expected']>)[propertyName];
  return {
    schema: TRACE_SCHEMA,
    version: TRACE_VERSION,
    tool: { name: 'pinspec', version: TOOL_VERSION },
    design: { name: d.name, title: d.title, choices: d.choices, provenance: structuredClone(d.provenance) as TraceDoc['design']['provenance'] },
    scope: { name: model.scope.name, description: model.scope.description },
    property: { name: prop.name, kind: prop.kind, ...(prop.doc ? { doc: prop.doc } : {}) },
    outcome: prop.kind === 'always' ? 'violated' : 'reached',
    ...(expected ? { expected } : {}),
    initialIndex: trace.initialIndex,
    steps: stepDocs(model, trace),
    explanation: explanation ?? model.explainViolation(propertyName as PropertyName, last),
    ...(replay ? { replay } : {}),
  };
}
