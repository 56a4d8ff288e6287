// The world's state layout: frames, processes (VMAs, PTEs), holders outside
// page tables, the file, and ghost state. kernel-background.md section 9.
import { array, bool, int, oneOf, struct, type Infer } from '../../checker/layout.js';
import type { WorldScope } from './scope.js';

export const NONE = -1;
/**
 * Page contents identify their writer: 0 is zero-filled (or the file as it
 * starts on disk); process p's stores, and the device's DMA writes through a
 * reference p took, write 2p + 1 or 2p + 2, whichever differs from what the
 * page holds (frames.ts writeValue()). So a leaked write reads differently
 * from the reader's own data on a real kernel too.
 */
export function valueCount(procs: number): number {
  return 1 + 2 * procs;
}

export function worldShape(s: WorldScope) {
  const frame = int(NONE, s.frames - 1);
  const value = int(0, valueCount(s.procs) - 1);
  return struct({
    procs: array(
      s.procs,
      struct({
        alive: bool(),
        /** MMF_HAS_PINNED (008cfe4418b3, a458b76a4171): FOLL_PIN ran on this mm; sticky. */
        hasPinned: bool(),
        /** Between fork_begin and fork_end: mmap_lock held for write, write_protect_seq odd. */
        forking: bool(),
        /** What this process's GUP call returned, if the last step was one ('none' otherwise). */
        ret: oneOf('none', '0', '-ENOMEM', '-EFAULT'),
        vmas: array(
          s.addrs,
          struct({
            kind: oneOf('none', 'anon', 'file-private', 'file-shared'),
            huge: oneOf('no', 'thp', 'hugetlb'),
            writable: bool(),
            /**
             * vma->anon_vma: set by the first anonymous page allocated in the
             * VMA (anon_vma_prepare() in do_anonymous_page(), wp_page_copy(),
             * do_cow_fault()), inherited at fork (anon_vma_fork()). fork copies
             * the page table of a VMA only if it has one (vma_needs_copy()).
             */
            anonVma: bool(),
          }),
        ),
        ptes: array(
          s.addrs,
          struct({
            frame,
            writable: bool(),
            /** fork_begin decided to share this page; fork_end write-protects and maps it in the child. */
            forkShare: bool(),
          }),
        ),
      }),
    ),
    frames: array(
      s.frames,
      struct({
        use: oneOf('free', 'anon', 'file', 'zero'),
        /** A large folio (THP, hugetlb): pins are counted in pincount. */
        large: bool(),
        ref: int(-s.pinBias, s.refLimit + s.pinBias),
        map: int(0, 2 * s.addrs),
        pincount: int(-1, s.holders),
        anonExclusive: bool(),
        dirty: bool(),
        buffers: bool(),
        data: value,
        /** Ghost: bit p set when process p's post-fork private writes are in this frame. */
        taint: int(0, 3),
      }),
    ),
    holders: array(
      s.holders,
      struct({
        /** Which call made it: pin_user_pages*(), get_user_pages*(), vmsplice(); 'none': free slot. */
        use: oneOf('none', 'pin', 'get', 'pipe'),
        frame,
        owner: int(0, s.procs - 1),
        addr: int(0, s.addrs - 1),
        write: bool(),
        longterm: bool(),
        /** Ghost: the owner has not unmapped or remapped addr since the holder was taken. */
        coherent: bool(),
        /** What taking it added to refcount and pincount: the release must remove the same. */
        refAdded: int(0, s.pinBias),
        pincAdded: bool(),
      }),
    ),
    file: struct({ frame, disk: value }),
    // Ghost events: what the last step observed (cleared at every step, so
    // a property violated by an event is violated in the state it leads to).
    ghost: struct({
      /** P0 has forked P1 (sticky). */
      forked: bool(),
      /** P-ISO: a process observed another process's post-fork private write. */
      leak: bool(),
      /** P-COH-RW: a R/W pin and its owner saw different data. */
      staleRw: bool(),
      /** P-COH-RO: a R/O long-term pin and its owner saw different data. */
      staleRo: bool(),
      /** P-RO-GUP-NOT-WRITE: a GUP without FOLL_WRITE was handled as a write. */
      roWrite: bool(),
      /** P-LT-LIVE: a long-term pin failed with -ENOMEM while the page could have been migrated. */
      ltEnomem: bool(),
      /** P-FAST: GUP-fast granted a page that slow GUP would first fault, unshare, migrate or refuse. */
      fastGrant: bool(),
      /** P-BAL: a release removed a different amount than its acquire added (sticky: the state is broken). */
      unbalanced: bool(),
    }),
  });
}

export type World = Infer<ReturnType<typeof worldShape>>;
export type Frame = World['frames'][number];
export type Proc = World['procs'][number];
export type Holder = World['holders'][number];

export function initialWorld(s: WorldScope): World {
  const frames = Array.from({ length: s.frames }, () => ({
    use: 'free' as Frame['use'],
    large: false,
    ref: 0,
    map: 0,
    pincount: 0,
    anonExclusive: false,
    dirty: false,
    buffers: false,
    data: 0,
    taint: 0,
  }));
  // The shared zero page is a reserved page with refcount 1; its mappings
  // are special PTEs that touch neither refcount nor mapcount
  // (do_anonymous_page(): pte_mkspecial(pfn_pte(my_zero_pfn(...)))).
  if (s.zeroPage) {
    frames[0].use = 'zero';
    frames[0].ref = 1;
  }
  return {
    procs: Array.from({ length: s.procs }, (_, p) => ({
      alive: p === 0,
      hasPinned: false,
      forking: false,
      ret: 'none' as Proc['ret'],
      vmas: Array.from({ length: s.addrs }, () => ({ kind: 'none' as const, huge: 'no' as const, writable: false, anonVma: false })),
      ptes: Array.from({ length: s.addrs }, () => ({ frame: NONE, writable: false, forkShare: false })),
    })),
    frames,
    holders: Array.from({ length: s.holders }, () => ({
      use: 'none' as Holder['use'],
      frame: NONE,
      owner: 0,
      addr: 0,
      write: false,
      longterm: false,
      coherent: false,
      refAdded: 0,
      pincAdded: false,
    })),
    file: { frame: NONE, disk: 0 },
    ghost: {
      forked: false,
      leak: false,
      staleRw: false,
      staleRo: false,
      roWrite: false,
      ltEnomem: false,
      fastGrant: false,
      unbalanced: false,
    },
  };
}

export const ADDR_NAMES = ['A', 'B', 'C', 'D'];
export function addrName(a: number): string {
  return ADDR_NAMES[a] ?? `addr${a}`;
}
