// A reality-check scenario: what a generated C program does, independent of
// where it came from (a saved counterexample or a litmus test). Steps are
// kernel operations owned by an actor; schedules are the orders they run in.

/** A process actor ('P0', 'P1', ...) or the coordinator lane ('device', 'pipe', 'kernel'). */
export type Actor = string;

/** How an address is backed: a base page or a PMD-sized THP (MADV_HUGEPAGE). */
export type Backing = 'page' | 'thp';

/** One kernel operation, as the C runtime (reality/c/pinrt.h) performs it. */
export type Op =
  | { readonly op: 'map-anon'; readonly addr: string; readonly writable: boolean }
  | { readonly op: 'map-file'; readonly addr: string; readonly file: string; readonly shared: boolean; readonly writable: boolean }
  | { readonly op: 'write'; readonly addr: string; readonly value: number }
  | { readonly op: 'read'; readonly addr: string; readonly obs: string }
  | { readonly op: 'fork'; readonly child: string }
  | { readonly op: 'exit' }
  | { readonly op: 'munmap'; readonly addr: string }
  | { readonly op: 'mprotect'; readonly addr: string; readonly writable: boolean }
  | { readonly op: 'dontneed'; readonly addr: string }
  | { readonly op: 'vmsplice'; readonly addr: string; readonly pipe: number }
  | { readonly op: 'pipe-read'; readonly pipe: number; readonly obs: string }
  /** io_uring fixed buffer: pin_user_pages(FOLL_WRITE|FOLL_LONGTERM). `obs` records the result (0 or -errno) instead of failing. */
  | { readonly op: 'pin-rw-lt'; readonly addr: string; readonly ring: number; readonly obs?: string }
  | { readonly op: 'unpin-rw-lt'; readonly ring: number }
  | { readonly op: 'dma-read'; readonly ring: number; readonly obs: string }
  | { readonly op: 'dma-write'; readonly ring: number; readonly value: number }
  /** O_DIRECT pread into addr: a short-term R/W pin, the device writes `value`. */
  | { readonly op: 'dio-read'; readonly addr: string; readonly value: number }
  /** O_DIRECT pwrite from addr: a short-term R/O pin, `obs` is what reached the disk. */
  | { readonly op: 'dio-write'; readonly addr: string; readonly obs: string }
  | { readonly op: 'file-read'; readonly file: string; readonly obs: string };

export interface Step {
  /** 1-based, the order of the code (a valid execution order). */
  readonly id: number;
  readonly actor: Actor;
  /** What the source said (a trace step's describe() text, a litmus instruction). */
  readonly source: string;
  /** The kernel path the operation reaches, for the comment. */
  readonly kernel: string;
  readonly op: Op;
}

export interface FileSpec {
  readonly name: string;
  /** memfd (shmem) rather than an ext4 file in /tmp. */
  readonly shmem: boolean;
  /** The byte every offset of the file holds at the start. */
  readonly initial: number;
}

/** A boolean condition over observables, as in a litmus `exists` clause. */
export type Cond =
  | { readonly kind: 'eq'; readonly obs: string; readonly value: number }
  | { readonly kind: 'not'; readonly arg: Cond }
  | { readonly kind: 'and' | 'or'; readonly args: readonly Cond[] }
  | { readonly kind: 'true' };

export interface Scenario {
  /** A name that says what it is: 'fork-vmsplice-child-reads'. */
  readonly name: string;
  /** Where it came from and the question it asks, for the program's header. */
  readonly header: readonly string[];
  readonly steps: readonly Step[];
  readonly files: readonly FileSpec[];
  /** Backing of each anonymous address. */
  readonly backing: Readonly<Record<string, Backing>>;
  /** Features the scenario needs beyond the operations themselves. */
  readonly requires: readonly 'zero-page'[];
  readonly condition: Cond;
  /** One or more orders of step ids; every one is a permutation of the steps. */
  readonly schedules: readonly (readonly number[])[];
  /** When set, the scenario cannot be expressed from userspace: the program only reports this skip. */
  readonly skip?: string;
}

/** The observables a scenario records, in order of first appearance. */
export function observablesOf(s: Scenario): string[] {
  const out: string[] = [];
  for (const st of s.steps) {
    const o = 'obs' in st.op ? st.op.obs : undefined;
    if (o !== undefined && !out.includes(o)) out.push(o);
  }
  return out;
}

export function condToString(c: Cond): string {
  switch (c.kind) {
    case 'eq':
      return `${c.obs}=${c.value}`;
    case 'not':
      return `~${condToString(c.arg)}`;
    case 'and':
      return c.args.map((a) => (a.kind === 'or' ? `(${condToString(a)})` : condToString(a))).join(' /\\ ');
    case 'or':
      return c.args.map((a) => (a.kind === 'and' ? `(${condToString(a)})` : condToString(a))).join(' \\/ ');
    case 'true':
      return 'true';
  }
}

export function evalCond(c: Cond, values: ReadonlyMap<string, number>): boolean {
  switch (c.kind) {
    case 'eq':
      return values.get(c.obs) === c.value;
    case 'not':
      return !evalCond(c.arg, values);
    case 'and':
      return c.args.every((a) => evalCond(a, values));
    case 'or':
      return c.args.some((a) => evalCond(a, values));
    case 'true':
      return true;
  }
}

/**
 * Number the steps in the order of the first schedule, so that the code (in
 * id order) is an order every process can follow: a forked child's steps
 * come after its fork.
 */
export function renumberByFirstSchedule(s: Scenario): Scenario {
  const first = s.schedules[0];
  if (!first) return s;
  const newId = new Map(first.map((id, i) => [id, i + 1]));
  const steps = s.steps.map((st) => ({ ...st, id: newId.get(st.id) ?? st.id })).sort((a, b) => a.id - b.id);
  return { ...s, steps, schedules: s.schedules.map((sc) => sc.map((id) => newId.get(id)!)) };
}
