// Two-process mutual exclusion protocols, each process looping through its
// entry protocol, the critical section and its exit.
import { array, bool, compileLayout, int, oneOf, struct, type Infer } from '../../../checker/layout.js';
import type { Model, Property } from '../../../checker/model.js';

export interface MutexAction {
  readonly proc: 0 | 1;
  readonly kind: string;
}

const act = (proc: 0 | 1, kind: string): MutexAction => ({ proc, kind });
const describe = (a: MutexAction): string => `${a.kind}(P${a.proc})`;

function mutualExclusion<S extends { pc: readonly string[] }>(): Property<S> {
  return { name: 'mutual-exclusion', kind: 'always', holds: (s) => !(s.pc[0] === 'cs' && s.pc[1] === 'cs') };
}

// The "naive flag" protocol: test the other's flag, then raise your own.
// Broken because the test and the raise are separate steps (Dijkstra 1965,
// and every textbook since): both test before either raises.
const naiveShape = struct({ pc: array(2, oneOf('test', 'raise', 'cs')), flag: array(2, bool()) });
type NaiveState = Infer<typeof naiveShape>;

export const naiveFlag: Model<NaiveState, MutexAction> = {
  name: 'naive-flag',
  layout: compileLayout(naiveShape),
  initialStates: () => [{ pc: ['test', 'test'], flag: [false, false] }],
  actions(s, out) {
    for (const i of [0, 1] as const) {
      const pc = s.pc[i];
      if (pc === 'test' && !s.flag[1 - i]) out.push(act(i, 'test'));
      else if (pc === 'raise') out.push(act(i, 'raise'));
      else if (pc === 'cs') out.push(act(i, 'leave'));
    }
  },
  next(d, a) {
    const i = a.proc;
    if (a.kind === 'test') d.pc[i] = 'raise';
    else if (a.kind === 'raise') {
      d.flag[i] = true;
      d.pc[i] = 'cs';
    } else {
      d.flag[i] = false;
      d.pc[i] = 'test';
    }
  },
  properties: [mutualExclusion()],
  describe,
};

// Peterson's algorithm (Peterson 1981): raise your flag, give the turn away,
// wait until the other's flag is down or the turn is yours. With
// `turnFirst` the two writes are swapped (give the turn, then raise the
// flag), the classic broken variant: the later turn-giver can enter while the
// other has not raised its flag yet, and the other then enters on its turn.
const petersonShape = struct({
  pc: array(2, oneOf('idle', 'first', 'wait', 'cs')),
  flag: array(2, bool()),
  turn: int(0, 1),
});
export type PetersonState = Infer<typeof petersonShape>;

export function peterson(turnFirst: boolean): Model<PetersonState, MutexAction> {
  const [w1, w2] = turnFirst ? ['giveTurn', 'raiseFlag'] : ['raiseFlag', 'giveTurn'];
  return {
    name: turnFirst ? 'peterson-turn-first' : 'peterson',
    layout: compileLayout(petersonShape),
    initialStates: () => [{ pc: ['idle', 'idle'], flag: [false, false], turn: 0 }],
    actions(s, out) {
      for (const i of [0, 1] as const) {
        const j = 1 - i;
        const pc = s.pc[i];
        if (pc === 'idle') out.push(act(i, w1));
        else if (pc === 'first') out.push(act(i, w2));
        else if (pc === 'wait') {
          if (!s.flag[j] || s.turn === i) out.push(act(i, 'enter'));
        } else out.push(act(i, 'leave'));
      }
    },
    next(d, a) {
      const i = a.proc;
      switch (a.kind) {
        case 'raiseFlag':
          d.flag[i] = true;
          break;
        case 'giveTurn':
          d.turn = 1 - i;
          break;
        case 'enter':
          d.pc[i] = 'cs';
          return;
        case 'leave':
          d.flag[i] = false;
          d.pc[i] = 'idle';
          return;
      }
      d.pc[i] = d.pc[i] === 'idle' ? 'first' : 'wait';
    },
    properties: [mutualExclusion()],
    describe,
  };
}
