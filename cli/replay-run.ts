// Re-executing a saved trace on its design or another one: each recorded
// action, by its describe() text, must be enabled in the state it is applied
// to; then the recorded property must again fail (or be reached) in the last
// state.
import { traceFromActions } from '../checker/trace.js';
import type { WorldModel } from '../models/api.js';
import { InputError, located } from '../report/input-error.js';
import { traceDoc } from '../report/trace-doc.js';
import type { ReplayOutcome } from '../report/replay-report.js';
import type { TraceFile } from '../report/trace-schema.js';

/**
 * Replay `file` on `model`. `recordedDesign` says whether the model is the
 * design the trace was recorded on: there a step that cannot be taken means
 * the file does not fit the model (an input error); on another design it is
 * an answer (that design does not reproduce the trace).
 */
export function replayTrace(model: WorldModel, tf: TraceFile, fileName: string, recordedDesign: boolean): ReplayOutcome {
  const doc = tf.doc;
  const prop = model.properties.find((p) => p.name === doc.property.name);
  if (!prop) {
    throw new InputError(
      located(fileName, tf.lineOf(['property', 'name']), undefined, `property ${doc.property.name} is not defined for ${model.design.name}; it defines ${model.properties.map((p) => p.name).join(', ')}`),
    );
  }
  const actions = doc.steps.map((s, n) => {
    try {
      return model.parseAction(s.action);
    } catch (e) {
      throw new InputError(located(fileName, tf.lineOf(['steps', n, 'action']), undefined, `step ${n + 1}: ${(e as Error).message}`));
    }
  });
  const r = traceFromActions(model, doc.initialIndex, actions);
  if ('failedAt' in r) {
    if (r.failedAt < 0) {
      throw new InputError(located(fileName, tf.lineOf(['initialIndex']), undefined, `initial state ${doc.initialIndex} does not exist in scope ${model.scope.name}`));
    }
    const step = r.failedAt + 1;
    const action = doc.steps[r.failedAt].action;
    if (recordedDesign) {
      throw new InputError(
        located(fileName, tf.lineOf(['steps', r.failedAt, 'action']), undefined, `step ${step}: ${action} is not enabled on ${model.design.name}; enabled: ${r.enabled.join('; ') || 'nothing'}`),
      );
    }
    return { reproduced: false, step, action, enabled: r.enabled };
  }
  const last = r.trace.steps.length ? r.trace.steps[r.trace.steps.length - 1].state : r.trace.initial;
  const ok = prop.holds(last);
  const reproduced = prop.kind === 'always' ? !ok : ok;
  const n = r.trace.steps.length;
  if (reproduced) return { reproduced: true, trace: traceDoc(model, prop.name, r.trace, doc.replay) };
  const now = prop.kind === 'always' ? `${prop.name} holds after step ${n}` : `${prop.name} is not reached after step ${n}`;
  return { reproduced: false, holds: true, steps: n, trace: traceDoc(model, prop.name, r.trace, doc.replay, now) };
}
