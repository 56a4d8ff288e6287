// A worker thread of the partitioned search (parallel.ts): it builds the
// model from its source, and runs its Partition (partition.ts) through the
// phases the calling thread starts, one after another, until told to finish;
// then it posts what it counted (transitions, coverage) and, if it found the
// model's views broken, why. A worker serves searches one after the other,
// each given in a message, for as long as its thread lives
// (worker-pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Model, Property } from './model.js';
import { CTL, LOADED, PHASE, waitWhile, type WorkerInput, type WorkerOutput, type ModelSource } from './parallel-shared.js';
import { Partition } from './partition.js';
import { SharedArrays } from './shared-arrays.js';
import { ModelError } from './step.js';

/** Import a model from its source: the export itself, or what the exported function returns for `args`. */
export async function loadModel(source: ModelSource): Promise<Model<unknown, unknown>> {
  const mod = (await import(source.module)) as Record<string, unknown>;
  const exp = mod[source.export];
  if (exp === undefined) throw new Error(`model source ${source.module} has no export ${source.export}`);
  const model = (typeof exp === 'function' ? await exp(...(source.args ?? [])) : exp) as Model<unknown, unknown>;
  if (!model || typeof model.next !== 'function' || !model.layout) {
    throw new Error(`model source ${source.module}#${source.export} did not give a model`);
  }
  return model;
}

/**
 * What a worker looks at while it waits for a phase: nothing. One function
 * for every wait (a new closure each time made waitWhile's optimised code
 * be thrown away at every phase: V8 keys a call's feedback to the closure).
 */
const nothingToCheck = (): void => {};

/** Run the phases until PHASE.finish; what the model broke, if it did. */
function run(part: Partition<unknown, unknown>, ctl: Int32Array): string | undefined {
  let broken: string | undefined;
  let adopted = false;
  for (let gen = 0; ; ) {
    waitWhile(ctl, CTL.gen, gen, nothingToCheck);
    gen = Atomics.load(ctl, CTL.gen);
    const phase = ctl[CTL.phase];
    const arg = (k: number): number => ctl[CTL.args + k];
    if (phase === PHASE.finish) {
      // A replaced element stays replaced: look once more before reporting.
      if (broken === undefined) {
        try {
          part.st.verify();
        } catch (e) {
          if (!(e instanceof ModelError)) throw e;
          broken = e.message;
        }
      }
      return broken;
    }
    try {
      if (broken === undefined) {
        // The first phase comes after the handoff: first, this thread's
        // states of those the calling thread stored alone.
        if (!adopted) {
          part.adopt();
          adopted = true;
        }
        if (phase === PHASE.expand) part.expand(arg(0), arg(1), arg(2), arg(3), arg(4));
        else if (phase === PHASE.resolve) part.resolveThenExpand(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5));
        else if (phase === PHASE.link) part.link(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5), arg(6));
        else if (phase === PHASE.takeBack) part.takeBack(arg(0));
        else if (phase === PHASE.probeExpand) part.probeExpand(arg(0), arg(1), arg(2));
        else if (phase === PHASE.probeResolve) part.probeResolve();
        else throw new Error(`unknown phase ${phase}`);
      }
    } catch (e) {
      // A replaced view element (WordStepper.verify): the calling thread
      // ends the search after this phase and reports it.
      if (!(e instanceof ModelError)) throw e;
      broken = e.message;
      Atomics.store(ctl, CTL.broken, 1);
    }
    Atomics.add(ctl, CTL.done, 1);
    Atomics.notify(ctl, CTL.done);
  }
}

async function main(input: WorkerInput): Promise<void> {
  const ctl = new Int32Array(input.buffers.ctl);
  let out: WorkerOutput;
  let arrays: SharedArrays | undefined;
  try {
    const model = await loadModel(input.source);
    if (model.name !== input.modelName || model.layout.words !== input.words) {
      throw new Error(
        `the model source gave model ${model.name} (${model.layout.words} words), not ${input.modelName} (${input.words} words)`,
      );
    }
    const props = input.properties.map((name) => model.properties.find((p) => p.name === name)) as Property<unknown>[];
    if (props.some((p) => p === undefined)) throw new Error(`the model source's model lacks a property of ${input.properties.join(', ')}`);
    arrays = new SharedArrays(input.arrays);
    arrays.connect(input.inboxes, input.outboxes);
    const part = new Partition(model, input.me, input.parts, input.buffers, arrays, input.parts, props, input.maxBytes);
    Atomics.add(ctl, CTL.started, 1);
    const broken = run(part, ctl);
    out = { me: input.me, failure: part.failure, broken, generated: part.generated, coverage: part.coverage.result() };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    out = { me: input.me, error, generated: 0, coverage: {} };
  }
  input.port.postMessage(out);
  input.port.close();
  arrays?.close();
  Atomics.add(ctl, CTL.finished, 1);
  Atomics.notify(ctl, CTL.finished);
  Atomics.notify(ctl, CTL.done);
}

/** Import the modules given to load ahead; one that fails is left to the search that needs it (loadModel says why). */
async function preload(urls: readonly string[]): Promise<void> {
  for (const url of urls) await import(url).catch(() => undefined);
  parentPort!.postMessage(LOADED);
}

const data = workerData as { searchWorker?: boolean; preload?: string[] } | undefined;
if (data?.searchWorker) {
  // The modules to load ahead, then one search after another, each to its end.
  let searches = preload(data.preload ?? []);
  parentPort!.on('message', (input: WorkerInput) => {
    searches = searches.then(() => main(input));
  });
}
