// The schedules of a litmus test: every merge of the actors' programs that
// keeps each program's order and runs a forked child only after its fork.

export interface ActorProgram {
  readonly actor: string;
  /** Step ids in program order. */
  readonly steps: readonly number[];
  /** The step that creates this actor (a fork), if it is not there from the start. */
  readonly createdBy?: number;
}

/**
 * All schedules, in lexicographic order of actor index, at most `limit` of
 * them; `complete` says whether that was all.
 */
export function interleavings(programs: readonly ActorProgram[], limit: number): { schedules: number[][]; complete: boolean } {
  const schedules: number[][] = [];
  const pos = programs.map(() => 0);
  const done = new Set<number>();
  const total = programs.reduce((n, p) => n + p.steps.length, 0);
  const current: number[] = [];
  let complete = true;
  const go = (): void => {
    if (schedules.length >= limit) {
      complete = false;
      return;
    }
    if (current.length === total) {
      schedules.push([...current]);
      return;
    }
    for (let i = 0; i < programs.length; i++) {
      const p = programs[i];
      if (pos[i] >= p.steps.length) continue;
      if (p.createdBy !== undefined && !done.has(p.createdBy)) continue;
      const id = p.steps[pos[i]];
      pos[i]++;
      done.add(id);
      current.push(id);
      go();
      current.pop();
      done.delete(id);
      pos[i]--;
      if (!complete) return;
    }
  };
  go();
  return { schedules, complete };
}
