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
  writeback: 'writeback timing (clean, write-protect, release buffers) cannot be controlled from userspace',
  reclaim: 'reclaim of a chosen page cannot be directed from userspace (no swap on these machines)',
  forkRace: 'a race inside fork() (GUP-fast between its steps) cannot be scheduled from userspace',
  overflow: 'refcount overflow needs 2^21 simultaneous pins of one page',
  internal: 'a kernel-internal step with no system call of its own',
} as const;

const ANON = /ANON/i;
const SHARED = /MAP_SHARED|\bshared\b/i;
const SHMEM = /shmem|memfd|tmpfs/i;

/** One translation: the resources (pipes, rings, files) a scenario's actions use. */
export class Translation {
  private readonly pipeOf = new Map<string, number>();
  private lastPipe = -1;
  private readonly ringOf = new Map<string, number>();
  private readonly fileSpecs = new Map<string, FileSpec>();
  private readonly anon = new Map<string, Backing>();
  private readonly touched = new Set<string>();
  private zeroPage = false;
  private readonly actors = new Set<string>(['P0']);

  constructor(private readonly world?: WorldModel) {}

  files(): FileSpec[] {
    return [...this.fileSpecs.values()];
  }

  backing(): Record<string, Backing> {
    return Object.fromEntries(this.anon);
  }

  requires(): 'zero-page'[] {
    return this.zeroPage ? ['zero-page'] : [];
  }

  private firstTouch(addr: string, write: boolean): void {
    // A read fault on never-written private anonymous memory maps the shared
    // zero page (do_anonymous_page()), which the model may rely on.
    if (!write && this.anon.has(addr) && !this.touched.has(addr)) this.zeroPage = true;
    this.touched.add(addr);
  }

  private fileFor(name: string, shmem: boolean): string {
    if (!this.fileSpecs.has(name)) this.fileSpecs.set(name, { name, shmem, initial: 0 });
    return name;
  }

  /**
   * The op for an action of `actor`, given as describe() text. `written`
   * gives the value a write without one stores: what the model's process
   * reads at that address after the step.
   */
  action(raw: string, actor: string, written?: (addr: string) => number | undefined): Translated {
    return this.rule(raw.replace(new RegExp(`^${actor}\\s*:\\s*`), '').trim(), actor, written);
  }

  /**
   * The mappings a world starts with: every `Pn:X` observable that is mapped
   * (not -1) in the initial state becomes an mmap and a write of its value
   * by P0, so the C program starts where the model does.
   */
  prologue(world: WorldModel, initial: unknown): { actor: string; source: string; kernel: string; op: Op }[] {
    const out: { actor: string; source: string; kernel: string; op: Op }[] = [];
    for (const o of world.observables()) {
      const m = /^(P0):(\w+)$/.exec(o);
      if (!m) continue;
      let v: number;
      try {
        v = valueToNumber(world.observe(initial, o));
      } catch {
        continue;
      }
      if (v < 0) continue;
      const addr = m[2];
      this.anon.set(addr, 'page');
      this.touched.add(addr);
      const source = `(initial state: ${o} mapped, content ${v})`;
      out.push({ actor: 'P0', source, kernel: 'mmap(MAP_PRIVATE|MAP_ANONYMOUS)', op: { op: 'map-anon', addr } });
      out.push({ actor: 'P0', source, kernel: 'do_anonymous_page(): an exclusive page, as in the model', op: { op: 'write', addr, value: v } });
    }
    return out;
  }

  private rule(t: string, actor: string, written?: (addr: string) => number | undefined): Translated {
    let m: RegExpExecArray | null;
    if ((m = /^mmap\(\s*(\w+)\s*,?\s*(.*)\)$/.exec(t))) {
      const [, addr, how] = m;
      const writable = !/PROT_READ/.test(how) || /PROT_WRITE/.test(how);
      if (ANON.test(how) || how.trim() === '') {
        this.anon.set(addr, 'page');
        return { op: { op: 'map-anon', addr }, kernel: 'mmap(MAP_PRIVATE|MAP_ANONYMOUS): do_anonymous_page() on first touch' };
      }
      const file = /\bfile\s+(\w+)|\b([A-Z]\w*)\s*$/.exec(how);
      const name = this.fileFor(file?.[1] ?? file?.[2] ?? 'F', SHMEM.test(how));
      const shared = SHARED.test(how);
      return { op: { op: 'map-file', addr, file: name, shared, writable }, kernel: `mmap(${shared ? 'MAP_SHARED' : 'MAP_PRIVATE'}) of file ${name}: filemap_fault()` };
    }
    if ((m = /^(?:write|store)\s*\(?\s*(\w+)\s*(?:(?:,|=|:=)\s*(-?\d+)\s*)?\)?$/.exec(t))) {
      const value = m[2] !== undefined ? Number(m[2]) : written?.(m[1]);
      if (value === undefined) return { skip: `the value "${t}" stores is not known (the model does not say what ${actor} reads at ${m[1]} after it)` };
      this.firstTouch(m[1], true);
      return { op: { op: 'write', addr: m[1], value }, kernel: 'store: handle_mm_fault(FAULT_FLAG_WRITE) -> do_wp_page() if write-protected' };
    }
    if ((m = /^(?:(\w+)\s*=\s*)?(?:read|load)\s*\(?\s*(\w+)\s*\)?$/.exec(t)) && m[2] !== 'pipe') {
      this.firstTouch(m[2], false);
      return { op: { op: 'read', addr: m[2], obs: `${actor}:${m[1] ?? m[2]}` }, kernel: 'load: handle_mm_fault() read fault' };
    }
    if ((m = /^fork\(\s*(\w*)\s*\)(?:\s*->\s*(\w+))?$/.exec(t))) {
      const child = m[2] ?? (m[1] || this.nextActor());
      this.actors.add(child);
      return { op: { op: 'fork', child }, kernel: 'fork(): copy_page_range(), page_needs_cow_for_dma()' };
    }
    if (/^fork[_-]?(?:begin|start|wrprotect|copy|end|finish)/i.test(t)) return { skip: NOT_FROM_USERSPACE.forkRace };
    if (/^exit\(\)$/.test(t)) return { op: { op: 'exit' }, kernel: 'exit(): exit_mmap() tears the mm down' };
    if ((m = /^munmap\(\s*(\w+)\s*\)$/.exec(t))) return { op: { op: 'munmap', addr: m[1] }, kernel: 'munmap(): zap_pte_range()' };
    if ((m = /^mprotect\(\s*(\w+)\s*,\s*([^)]*)\)$/.exec(t))) {
      return { op: { op: 'mprotect', addr: m[1], writable: /WRITE|RW/.test(m[2]) }, kernel: 'mprotect(): change_protection()' };
    }
    if ((m = /^madvise\(\s*(\w+)\s*,\s*MADV_DONTNEED\s*\)$/.exec(t))) return { op: { op: 'dontneed', addr: m[1] }, kernel: 'madvise(MADV_DONTNEED): zap_page_range_single()' };
    if ((m = /^vmsplice\(\s*(\w+)\s*\)/.exec(t))) {
      this.firstTouch(m[1], false);
      const pipe = this.pipeFor(`${actor}:${m[1]}`);
      return { op: { op: 'vmsplice', addr: m[1], pipe }, kernel: 'vmsplice(): iov_iter_get_pages(), plain references (FOLL_GET) in a pipe buffer' };
    }
    if (/^(?:read\(\s*pipe\s*\)|pipe_read\(\)|read pipe)$/.test(t) || (actor === 'pipe' && /^read\(\)$/.test(t))) {
      if (this.lastPipe < 0) return { skip: 'a pipe read with no vmsplice before it' };
      return { op: { op: 'pipe-read', pipe: this.lastPipe, obs: 'pipe' }, kernel: 'read() of the pipe: copies from the spliced page', actor: 'pipe' };
    }
    if ((m = /^(pin_user_pages|get_user_pages)(_fast)?\(\s*(\w+)\s*(?:,\s*([^)]*))?\)$/.exec(t))) {
      const [, fn, , addr, flags = ''] = m;
      const write = /FOLL_WRITE/.test(flags);
      const longterm = /FOLL_LONGTERM/.test(flags);
      if (fn === 'get_user_pages') {
        if (write) return { skip: NOT_FROM_USERSPACE.rwGet };
        this.firstTouch(addr, false);
        return { op: { op: 'vmsplice', addr, pipe: this.pipeFor(`${actor}:${addr}`) }, kernel: 'a R/O FOLL_GET reference held across steps: vmsplice() into a pipe' };
      }
      if (!write) return { skip: longterm ? NOT_FROM_USERSPACE.roLongterm : NOT_FROM_USERSPACE.roPin };
      if (!longterm) return { skip: NOT_FROM_USERSPACE.shortPin };
      this.firstTouch(addr, true);
      const ring = this.ringFor(`${actor}:${addr}`);
      return {
        op: { op: 'pin-rw-lt', addr, ring },
        kernel: 'io_uring fixed buffer: io_sqe_buffer_register() -> pin_user_pages_fast(FOLL_WRITE|FOLL_LONGTERM), slow GUP on fallback',
      };
    }
    if ((m = /^(?:unpin_user_page|put_page)s?\(\s*(\w+)\s*\)$/.exec(t))) {
      const ring = this.findRing(m[1]);
      if (ring === undefined) return { skip: `no io_uring fixed buffer holds ${m[1]} (only R/W long-term pins are taken from userspace)` };
      return { op: { op: 'unpin-rw-lt', ring }, kernel: 'IORING_UNREGISTER_BUFFERS: unpin_user_pages()' };
    }
    if ((m = /^dma_read\(\s*(\w+)\s*\)$/.exec(t))) {
      const ring = this.findRing(m[1]);
      if (ring === undefined) return { skip: `no io_uring fixed buffer holds ${m[1]}` };
      return { op: { op: 'dma-read', ring, obs: 'device' }, kernel: 'IORING_OP_WRITE_FIXED: the device reads the pinned page', actor: 'device' };
    }
    if ((m = /^dma_write\(\s*(\w+)\s*,\s*(-?\d+)\s*\)$/.exec(t))) {
      const ring = this.findRing(m[1]);
      if (ring === undefined) return { skip: `no io_uring fixed buffer holds ${m[1]}` };
      return { op: { op: 'dma-write', ring, value: Number(m[2]) }, kernel: 'IORING_OP_READ_FIXED: the device writes the pinned page', actor: 'device' };
    }
    if (/writeback|clean_page|release_buffers|set_page_dirty/i.test(t)) return { skip: NOT_FROM_USERSPACE.writeback };
    if (/migrat/i.test(t)) return { skip: NOT_FROM_USERSPACE.migrate };
    if (/reclaim|swap/i.test(t)) return { skip: NOT_FROM_USERSPACE.reclaim };
    return { skip: `no userspace operation is known for "${t}" (reality/translate.ts)` };
  }

  /** The final read of an observable of the world (litmus `exists`). */
  observable(name: string): Observation | { skip: string } {
    let m: RegExpExecArray | null;
    if (name === 'pipe') {
      if (this.lastPipe < 0) return { skip: 'no vmsplice fills the pipe' };
      return { actor: 'pipe', op: { op: 'pipe-read', pipe: this.lastPipe, obs: name }, kernel: 'read() of the pipe' };
    }
    if (name === 'device' || /^(?:device|pin):(\w+)$/.test(name)) {
      const ring = this.ringOf.size ? [...this.ringOf.values()].at(-1)! : undefined;
      if (ring === undefined) return { skip: 'no io_uring fixed buffer to read through' };
      return { actor: 'device', op: { op: 'dma-read', ring, obs: name }, kernel: 'IORING_OP_WRITE_FIXED: what the device reads through the pin' };
    }
    if ((m = /^(?:file|disk):(\w+)$/.exec(name))) {
      if (!this.fileSpecs.has(m[1])) return { skip: `no file ${m[1]} is mapped` };
      return { actor: 'kernel', op: { op: 'file-read', file: m[1], obs: name }, kernel: 'pread() of the file: the page cache' };
    }
    if ((m = /^(P\d+):(\w+)$/.exec(name))) {
      this.firstTouch(m[2], false);
      return { actor: m[1], op: { op: 'read', addr: m[2], obs: name }, kernel: `what ${m[1]} reads at ${m[2]}` };
    }
    return { skip: `no userspace read is known for observable "${name}"${this.world ? ` (the world has: ${this.world.observables().join(', ')})` : ''}` };
  }

  private nextActor(): string {
    let n = 0;
    while (this.actors.has(`P${n}`)) n++;
    return `P${n}`;
  }

  private pipeFor(key: string): number {
    const p = this.pipeOf.size;
    this.pipeOf.set(key, p);
    this.lastPipe = p;
    return p;
  }

  private ringFor(key: string): number {
    const r = this.ringOf.size;
    this.ringOf.set(key, r);
    return r;
  }

  private findRing(addr: string): number | undefined {
    for (const [k, r] of [...this.ringOf].reverse()) if (k.endsWith(`:${addr}`)) return r;
    return undefined;
  }
}
