// A litmus test as a checker Model: the state is the world plus a program
// counter per actor; an actor's next instruction is enabled when the world
// enables that action; `exists` is a `sometimes` property over the states in
// which every program has run to its end. bfs() then explores every
// interleaving that keeps each actor's program order.
import { array, compileLayout, int, struct, type Shape } from '../checker/layout.js';
import type { Model, Property } from '../checker/model.js';
import type { WorldModel } from '../models/api.js';
import { InputError, located } from '../report/input-error.js';
import { evalCondition, observablesIn } from './condition.js';
import type { Instr, LitmusTest } from './parse.js';

export interface LitmusState {
  world: object;
  pc: number[];
}

/** One instruction of one actor's program, resolved to a world action. */
export interface LitmusStep {
  readonly actor: string;
  /** Index of the actor's program. */
  readonly program: number;
  /** Position in the program. */
  readonly pc: number;
  /** The action's describe() text. */
  readonly text: string;
  readonly action: unknown;
}

export const EXISTS = 'exists';
export const COMPLETES = 'completes';

export interface LitmusModel extends Model<LitmusState, LitmusStep> {
  readonly world: WorldModel;
  readonly programs: readonly (readonly LitmusStep[])[];
}

/**
 * The world action an instruction names. In an actor's program the "ACTOR: "
 * prefix of the action text may be left out: under `P1:`, `vmsplice(A)`
 * means `P1: vmsplice(A)`. A thread's program (`P0.t1:`) holds actions of
 * its process (P0).
 */
function resolve(world: WorldModel, t: LitmusTest, i: Instr, lane?: string): unknown {
  const actor = lane?.split('.')[0];
  const text = actor !== undefined && !/^[A-Za-z][\w-]*: /.test(i.text) ? `${actor}: ${i.text}` : i.text;
  let a: unknown;
  try {
    a = world.parseAction(text);
  } catch (e) {
    throw new InputError(located(t.file, i.line, i.col, (e as Error).message));
  }
  if (actor !== undefined && world.actorOf(a) !== actor) {
    throw new InputError(located(t.file, i.line, i.col, `"${i.text}" is an action of ${world.actorOf(a)}, expected one of ${actor} (move it to the ${world.actorOf(a)}: program)`));
  }
  return a;
}

function enabledTexts(world: WorldModel, state: object, buf: unknown[]): Set<string> {
  buf.length = 0;
  world.actions(state, buf);
  return new Set(buf.map((a) => world.describe(a)));
}

/** The world state after the setup block, run in order from the world's first initial state. */
function setupState(world: WorldModel, t: LitmusTest): object {
  const buf = new Int32Array(world.layout.slots);
  world.layout.encode(world.initialStates()[0], buf);
  const view = world.layout.view(buf);
  const acts: unknown[] = [];
  for (const i of t.init) {
    const a = resolve(world, t, i);
    const text = world.describe(a);
    const enabled = enabledTexts(world, view, acts);
    if (!enabled.has(text) || world.next(view, a) === false) {
      throw new InputError(located(t.file, i.line, i.col, `setup action "${i.text}" is not enabled here; enabled: ${[...enabled].join('; ') || 'nothing'}`));
    }
  }
  return world.layout.decode(buf);
}

export function litmusModel(world: WorldModel, t: LitmusTest): LitmusModel {
  const known = new Set(world.observables());
  for (const o of observablesIn(t.exists.cond)) {
    if (!known.has(o)) {
      throw new InputError(located(t.file, t.exists.line, t.exists.col, `unknown observable "${o}"; known: ${[...known].join(', ')}`));
    }
  }
  const programs = t.programs.map((p, k) =>
    p.instrs.map((i, pc): LitmusStep => {
      const action = resolve(world, t, i, p.actor);
      return { actor: p.actor, program: k, pc, text: world.describe(action), action };
    }),
  );
  const longest = Math.max(...programs.map((p) => p.length));
  const layout = compileLayout(struct({ world: world.layout.shape as Shape, pc: array(programs.length, int(0, longest)) }));
  const initial: LitmusState = { world: setupState(world, t), pc: programs.map(() => 0) };
  const done = (s: Readonly<LitmusState>): boolean => programs.every((p, k) => s.pc[k] === p.length);
  const properties: Property<LitmusState>[] = [
    {
      name: EXISTS,
      kind: 'sometimes',
      doc: `every program ran to its end and ${t.exists.text}`,
      holds: (s) => done(s) && evalCondition(t.exists.cond, (name) => world.observe(s.world, name)),
    },
    { name: COMPLETES, kind: 'sometimes', doc: 'some interleaving runs every program to its end', holds: done },
  ];
  const acts: unknown[] = [];
  return {
    name: `${t.name}@${world.design.name}`,
    world,
    programs,
    layout: layout as unknown as LitmusModel['layout'],
    properties,
    initialStates: () => [structuredClone(initial)],
    actions(s, out) {
      let enabled: Set<string> | undefined;
      for (let k = 0; k < programs.length; k++) {
        const step = programs[k][s.pc[k]];
        if (!step) continue;
        enabled ??= enabledTexts(world, s.world, acts);
        if (enabled.has(step.text)) out.push(step);
      }
    },
    next(d, step) {
      if (d.pc[step.program] !== step.pc) return false;
      if (world.next(d.world, step.action) === false) return false;
      d.pc[step.program]++;
    },
    within: world.within ? (s) => world.within!(s.world) : undefined,
    describe: (step) => world.describe(step.action),
    label: (step) => step.actor,
  };
}
