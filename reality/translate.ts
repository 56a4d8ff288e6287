// World actions (their describe() text, docs/actions.md) and observables ->
// the operations of the C runtime. Each rule names the system call that
// reaches the kernel path the action models; an action with no userspace
// counterpart gives the reason it is skipped, never a stand-in.
import type { WorldModel } from '../models/api.js';
import type { Backing, FileSpec, Op } from './scenario.js';

export type Translated =
  /** `op` undefined: the action changes nothing a program can do (it is still a step in the model). */
  | { readonly op: Op | undefined; readonly kernel: string; readonly actor?: string }
  | { readonly skip: string };

export interface Observation {
  readonly actor: string;
  readonly op: Op;
  readonly kernel: string;
}

const ERRNO: Readonly<Record<string, number>> = { EFAULT: 14, ENOMEM: 12, EINVAL: 22, EPERM: 1, EBUSY: 16, EAGAIN: 11 };

/** A litmus or observable value as the C program prints it: booleans 1/0, errno words negative. */
export function valueToNumber(v: number | boolean | string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const m = /^(-?)(E[A-Z]+)$/.exec(v);
  if (m && ERRNO[m[2]] !== undefined) return -ERRNO[m[2]];
  if (/^-?\d+$/.test(v)) return Number(v);
  throw new Error(`value "${v}" has no number the C program could print (numbers, true/false and -EFAULT, -ENOMEM, ... are known)`);
}

/** Why operations are skipped: one place, so the report and docs/reality.md say the same. */
export const NOT_FROM_USERSPACE = {
  roPin: 'a R/O pin_user_pages() (FOLL_PIN without FOLL_WRITE) is reachable only through debugfs gup_test (CONFIG_GUP_TEST)',
  roLongterm: 'a R/O FOLL_LONGTERM pin is reachable only through debugfs gup_test (PIN_LONGTERM_TEST_START)',
  shortPin: 'a short-term pin held across other steps cannot be made from userspace: O_DIRECT takes and drops it within one system call',
  rwGet: 'a R/W FOLL_GET reference held across steps has no userspace counterpart',
  migrate: 'page migration to or from ZONE_MOVABLE/CMA cannot be directed from userspace without debugfs',
  zone: 'which zone backs a page cannot be chosen from userspace (no movablecore/CMA placement per page)',
  writeback: 'writeback timing (clean, write-protect, release buffers) cannot be controlled from userspace',
  reclaim: 'reclaim of a chosen page cannot be directed from userspace (no swap on these machines)',
  forkRace: 'a race inside fork() (GUP-fast between its steps) cannot be scheduled from userspace',
  hugetlb: 'hugetlb pages are not reserved on these machines (nr_hugepages is 0)',
  misuse: 'releasing a reference with the wrong call (put_page() of a pin, unpin of a get) is in-kernel API misuse no system call makes',
  disk: 'the disk content of a file cannot be read past the page cache from userspace (an O_DIRECT read writes dirty pages back first)',
  overflow: 'refcount overflow needs 2^21 simultaneous pins of one page',
  internal: 'a kernel-internal step with no system call of its own',
} as const;

/** The model's value of an observable just after the step being translated, when known. */
export type After = (name: string) => number | boolean | string | undefined;

type Holder = { readonly use: 'pin'; readonly ring: number } | { readonly use: 'get' | 'pipe'; readonly pipe: number };

/**
 * One translation of the world's actions (models/world/actions.ts describe())
 * to the C runtime's operations, keeping what the C program needs across
 * steps: the holder slots (the model gives each GUP reference and pipe buffer
 * the lowest free slot, gup.ts grab()), io_uring rings and pipes, and which
 * process maps what.
 */
export class Translation {
  private readonly slots: (Holder | undefined)[] = [];
  private pipes = 0;
  private rings = 0;
  private readonly fileSpecs = new Map<string, FileSpec>();
  private readonly anon = new Map<string, Backing>();
  private readonly touched = new Set<string>();
  private zeroPage = false;
  private readonly mapped = new Map<string, Set<string>>([['P0', new Set()]]);
  private readonly exited = new Set<string>();
  private readonly recorded = new Set<string>();

  constructor(private readonly world: WorldModel) {}

  files(): FileSpec[] {
    return [...this.fileSpecs.values()];
  }

  backing(): Record<string, Backing> {
    return Object.fromEntries(this.anon);
  }

  requires(): 'zero-page'[] {
    return this.zeroPage ? ['zero-page'] : [];
  }

  private touch(actor: string, addr: string, write: boolean): void {
    // A read fault on never-written private anonymous memory maps the shared
    // zero page (do_anonymous_page()) when the world's scope models it.
    const modelsZero = (this.world.scope as { zeroPage?: boolean }).zeroPage === true;
    if (!write && modelsZero && this.anon.has(addr) && !this.touched.has(`${actor}:${addr}`)) this.zeroPage = true;
    this.touched.add(`${actor}:${addr}`);
  }

  private mappedBy(actor: string): Set<string> {
    let m = this.mapped.get(actor);
    if (!m) this.mapped.set(actor, (m = new Set()));
    return m;
  }

  private take(h: Holder): void {
    const free = this.slots.findIndex((x) => x === undefined);
    this.slots[free < 0 ? this.slots.length : free] = h;
  }

  private holder(name: string): { slot: number; h: Holder } | undefined {
    const m = /^(pin|get)(\d+)$/.exec(name);
    const h = m ? this.slots[Number(m[2])] : undefined;
    return h && h.use === m![1] ? { slot: Number(m![2]), h } : undefined;
  }

  /** Record that a step reads observable `o` (so no final read repeats it). */
  private rec<T extends Op>(op: T): T {
    if ('obs' in op && op.obs !== undefined) this.recorded.add(op.obs);
    return op;
  }

  /**
   * The mappings a world starts with: every `P0:X` observable that is a
   * value (not SIGSEGV) in the initial state becomes an mmap and a write of
   * that value by P0, so the C program starts where the model does.
   */
  prologue(initial: unknown): { actor: string; source: string; kernel: string; op: Op }[] {
    const out: { actor: string; source: string; kernel: string; op: Op }[] = [];
    for (const o of this.world.observables()) {
      const m = /^P0:([A-Z])$/.exec(o);
      if (!m) continue;
      let v: number;
      try {
        v = valueToNumber(this.world.observe(initial, o));
      } catch {
        continue;
      }
      const addr = m[1];
      this.anon.set(addr, 'page');
      this.mappedBy('P0').add(addr);
      this.touch('P0', addr, true);
      const source = `(initial state: ${o} mapped, content ${v})`;
      out.push({ actor: 'P0', source, kernel: 'mmap(MAP_PRIVATE|MAP_ANONYMOUS)', op: { op: 'map-anon', addr, writable: true } });
      out.push({ actor: 'P0', source, kernel: 'do_anonymous_page(): an exclusive page, as in the model', op: { op: 'write', addr, value: v } });
    }
    return out;
  }

  /**
   * Why no program can start where the world's scope does, if so: frames
   * the scope puts in ZONE_MOVABLE/CMA (the kernel picks the zone).
   */
  scopeSkip(): string | undefined {
    const movable = (this.world.scope as { movable?: readonly number[] }).movable ?? [];
    return movable.length ? `scope ${this.world.scope.name} places frames in ZONE_MOVABLE/CMA: ${NOT_FROM_USERSPACE.zone}` : undefined;
  }

  /** The op for an action of `actor`, given as describe() text; `after` reads the model after it. */
  action(raw: string, actor: string, after: After = () => undefined): Translated {
    const t = raw.replace(/^[A-Za-z][\w-]*:\s*/, '').trim();
    const num = (name: string): number | undefined => {
      const v = after(name);
      try {
        return v === undefined ? undefined : valueToNumber(v);
      } catch {
        return undefined;
      }
    };
    let m: RegExpExecArray | null;
    if ((m = /^mmap\(([A-Z]), (anon|file), (private|shared), (rw|r)(?:, (thp|hugetlb))?\)$/.exec(t))) {
      const [, addr, src, share, prot, huge] = m;
      if (huge === 'hugetlb') return { skip: NOT_FROM_USERSPACE.hugetlb };
      const writable = prot === 'rw';
      this.mappedBy(actor).add(addr);
      if (src === 'anon') {
        this.anon.set(addr, huge === 'thp' ? 'thp' : 'page');
        return { op: { op: 'map-anon', addr, writable }, kernel: `mmap(MAP_PRIVATE|MAP_ANONYMOUS${huge ? ', MADV_HUGEPAGE' : ''}): do_anonymous_page() on first touch` };
      }
      if (!this.fileSpecs.has('file')) this.fileSpecs.set('file', { name: 'file', shmem: false, initial: this.fileInitial() });
      const shared = share === 'shared';
      return { op: { op: 'map-file', addr, file: 'file', shared, writable }, kernel: `mmap(${shared ? 'MAP_SHARED' : 'MAP_PRIVATE'}) of an ext4 file: filemap_fault()` };
    }
    if ((m = /^read\(([A-Z])\)$/.exec(t))) {
      this.touch(actor, m[1], false);
      return { op: this.rec({ op: 'read', addr: m[1], obs: `${actor}:${m[1]}` }), kernel: 'load: handle_mm_fault() read fault, do_read_fault() or do_anonymous_page()' };
    }
    if ((m = /^write\(([A-Z])\)$/.exec(t))) {
      const value = num(`${actor}:${m[1]}`);
      if (value === undefined) return { skip: `the model does not say what ${actor} stores at ${m[1]}` };
      this.touch(actor, m[1], true);
      return { op: { op: 'write', addr: m[1], value }, kernel: 'store: handle_mm_fault(FAULT_FLAG_WRITE), do_wp_page() when write-protected' };
    }
    if ((m = /^munmap\(([A-Z])\)$/.exec(t))) {
      this.mappedBy(actor).delete(m[1]);
      return { op: { op: 'munmap', addr: m[1] }, kernel: 'munmap(): zap_pte_range()' };
    }
    if ((m = /^madvise\(([A-Z]), MADV_DONTNEED\)$/.exec(t))) return { op: { op: 'dontneed', addr: m[1] }, kernel: 'madvise(MADV_DONTNEED): zap_page_range_single()' };
    if ((m = /^mprotect\(([A-Z]), (rw|r)\)$/.exec(t))) return { op: { op: 'mprotect', addr: m[1], writable: m[2] === 'rw' }, kernel: 'mprotect(): change_protection()' };
    if (t === 'fork' || t === 'fork()') {
      let n = 0;
      while (this.mapped.has(`P${n}`)) n++;
      const child = `P${n}`;
      this.mapped.set(child, new Set(this.mappedBy(actor)));
      return { op: { op: 'fork', child }, kernel: 'fork(): copy_page_range(); page_needs_cow_for_dma() copies maybe-pinned pages' };
    }
    if (t === 'fork_begin' || t === 'fork_end') return { skip: NOT_FROM_USERSPACE.forkRace };
    if (t === 'exit' || t === 'exit()') {
      this.exited.add(actor);
      return { op: { op: 'exit' }, kernel: 'exit(): exit_mmap() tears the mm down' };
    }
    if ((m = /^(pin|get)_user_pages(_fast)?\(([A-Z])(?:, ([A-Z_|]+))?\)$/.exec(t))) {
      const [, call, , addr, flags = ''] = m;
      const write = flags.includes('FOLL_WRITE');
      const longterm = flags.includes('FOLL_LONGTERM');
      const ok = (num(`${actor}:ret`) ?? 0) === 0;
      if (call === 'get') {
        if (write) return { skip: NOT_FROM_USERSPACE.rwGet };
        this.touch(actor, addr, false);
        const pipe = this.pipes++;
        if (ok) this.take({ use: 'get', pipe });
        return { op: { op: 'vmsplice', addr, pipe }, kernel: 'a R/O FOLL_GET reference held across steps: vmsplice() into a pipe (iov_iter_get_pages())' };
      }
      if (!write) return { skip: longterm ? NOT_FROM_USERSPACE.roLongterm : NOT_FROM_USERSPACE.roPin };
      if (!longterm) return { skip: NOT_FROM_USERSPACE.shortPin };
      this.touch(actor, addr, true);
      const ring = this.rings++;
      if (ok) this.take({ use: 'pin', ring });
      return {
        op: this.rec({ op: 'pin-rw-lt', addr, ring, obs: `${actor}:ret` }),
        kernel: 'io_uring fixed buffer: io_sqe_buffer_register() -> pin_user_pages_fast(FOLL_WRITE|FOLL_LONGTERM), slow GUP on fallback',
      };
    }
    if ((m = /^vmsplice\(([A-Z])\)$/.exec(t))) {
      this.touch(actor, m[1], false);
      const pipe = this.pipes++;
      this.take({ use: 'pipe', pipe });
      return { op: { op: 'vmsplice', addr: m[1], pipe }, kernel: 'vmsplice(): iov_iter_get_pages(), plain references (FOLL_GET) in a pipe buffer' };
    }
    if ((m = /^(unpin_user_page|put_page)\(((?:pin|get)\d+)\)$/.exec(t))) {
      const found = this.holder(m[2]);
      if (!found) return { skip: `${m[2]} is not held in the C program` };
      const { slot, h } = found;
      if ((m[1] === 'unpin_user_page') !== (h.use === 'pin')) return { skip: NOT_FROM_USERSPACE.misuse };
      this.slots[slot] = undefined;
      if (h.use === 'pin') return { op: { op: 'unpin-rw-lt', ring: h.ring }, kernel: 'IORING_UNREGISTER_BUFFERS: unpin_user_pages()' };
      return { op: { op: 'pipe-read', pipe: h.pipe, obs: `${m[2]}.released` }, kernel: 'put_page(): draining the pipe releases its page references' };
    }
    if ((m = /^dma_(read|write)\(((?:pin|get)\d+)\)$/.exec(t))) {
      const found = this.holder(m[2]);
      if (!found) return { skip: `${m[2]} is not held in the C program` };
      const { slot, h } = found;
      if (m[1] === 'write') {
        if (h.use !== 'pin') return { skip: NOT_FROM_USERSPACE.rwGet };
        const value = num(m[2]);
        if (value === undefined) return { skip: `the model does not say what the device writes through ${m[2]}` };
        return { op: { op: 'dma-write', ring: h.ring, value }, kernel: 'IORING_OP_READ_FIXED: the device writes the pinned page', actor: 'device' };
      }
      if (h.use === 'pin') return { op: this.rec({ op: 'dma-read', ring: h.ring, obs: m[2] }), kernel: 'IORING_OP_WRITE_FIXED: the device reads the pinned page', actor: 'device' };
      // Reading a vmsplice()d pipe consumes the reference: a second read has nothing to read.
      this.slots[slot] = undefined;
      return { op: this.rec({ op: 'pipe-read', pipe: (h as { pipe: number }).pipe, obs: m[2] }), kernel: 'read() of the pipe holding the FOLL_GET reference', actor: 'device' };
    }
    if ((t === 'read' || t === 'read()') && actor === 'pipe') {
      const slot = this.slots.findIndex((x) => x?.use === 'pipe');
      if (slot < 0) return { skip: 'a pipe read with no vmsplice() before it' };
      const h = this.slots[slot] as { pipe: number };
      this.slots[slot] = undefined;
      return { op: this.rec({ op: 'pipe-read', pipe: h.pipe, obs: 'pipe' }), kernel: 'read() of the pipe: copies from the spliced page', actor: 'pipe' };
    }
    if (/^writeback\(/.test(t)) return { skip: NOT_FROM_USERSPACE.writeback };
    if (/^reclaim\(/.test(t)) return { skip: NOT_FROM_USERSPACE.reclaim };
    if (/^migrate\(/.test(t)) return { skip: NOT_FROM_USERSPACE.migrate };
    return { skip: `no system call is known for "${raw}" (reality/translate.ts follows models/world/actions.ts)` };
  }

  private fileInitial(): number {
    try {
      return valueToNumber(this.world.observe(this.world.initialStates()[0], 'file.disk'));
    } catch {
      return 0;
    }
  }

  /**
   * The final read of an observable (a litmus `exists` atom, or a value
   * that tells two designs apart). Undefined when a step already read it.
   */
  observable(name: string): Observation | { skip: string } | undefined {
    if (this.recorded.has(name)) return undefined;
    let m: RegExpExecArray | null;
    if ((m = /^(P\d+):([A-Z])$/.exec(name))) {
      const [, actor, addr] = m;
      if (this.exited.has(actor) || !this.mapped.has(actor)) return { skip: `${actor} does not exist at the end: nothing reads ${addr}` };
      if (!this.mappedBy(actor).has(addr)) return { skip: `${actor} does not map ${addr} at the end: a load would be SIGSEGV` };
      this.touch(actor, addr, false);
      return { actor, op: this.rec({ op: 'read', addr, obs: name }), kernel: `what a load by ${actor} at ${addr} returns` };
    }
    if (name === 'pipe') {
      const h = this.slots.find((x) => x?.use === 'pipe') as { pipe: number } | undefined;
      if (!h) return { skip: 'no vmsplice() fills the pipe at the end' };
      return { actor: 'pipe', op: this.rec({ op: 'pipe-read', pipe: h.pipe, obs: name }), kernel: 'read() of the pipe' };
    }
    if ((m = /^(pin|get)\d+$/.exec(name))) {
      const found = this.holder(name);
      if (!found) return { skip: `${name} is not held at the end` };
      const h = found.h;
      if (h.use === 'pin') return { actor: 'device', op: this.rec({ op: 'dma-read', ring: h.ring, obs: name }), kernel: 'IORING_OP_WRITE_FIXED: what the device reads through the pin' };
      return { actor: 'device', op: this.rec({ op: 'pipe-read', pipe: (h as { pipe: number }).pipe, obs: name }), kernel: 'read() of the pipe holding the reference' };
    }
    if (name === 'file.disk') return { skip: NOT_FROM_USERSPACE.disk };
    return { skip: `${name} is kernel state no program can read (struct page counters, PTE bits, ghost facts)` };
  }
}
