// fork(): copy_page_range() -> copy_present_pte(). Split in two steps so that
// GUP-fast can run between the "is it pinned?" check and the write-protect
// (the race fixed by 57efa1fe5957); an atomic fork is both steps at once.
import { maybePinned, type Ctx } from './context.js';
import { allocFrame, newAnon } from './frames.js';
import { NONE, type World } from './state.js';

/**
 * fork_begin: the child's VMAs are copied (dup_mmap(), anon_vma_fork()). The
 * page table of a VMA is copied only if the VMA has an anon_vma
 * (copy_page_range() -> vma_needs_copy()): a shared file mapping, a private
 * file mapping never written, or an anonymous one that only ever mapped the
 * zero page is left to fault in the child. In a copied VMA every present
 * page is checked: an anonymous page that may be pinned in an mm with
 * MMF_HAS_PINNED (page_needs_cow_for_dma(), 70e806e4e645) is copied for the
 * child now; any other page (anonymous, the zero page, a page cache page of
 * a private file mapping) is marked to be shared. Returns false when a copy
 * finds no frame.
 */
export function forkBegin(ctx: Ctx, d: World, p: number): boolean {
  const parent = d.procs[p];
  const child = d.procs[p + 1];
  for (let a = 0; a < parent.vmas.length; a++) {
    const pv = parent.vmas[a];
    const cv = child.vmas[a];
    cv.kind = pv.kind;
    cv.huge = pv.huge;
    cv.writable = pv.writable;
    cv.anonVma = pv.anonVma;
    const pte = parent.ptes[a];
    if (pte.frame === NONE || !pv.anonVma) continue;
    const fr = d.frames[pte.frame];
    if (fr.use === 'anon' && ctx.c.forkCopyPinned && parent.hasPinned && maybePinned(ctx, fr)) {
      const g = allocFrame(ctx, d);
      if (g === NONE) return false;
      newAnon(ctx, d, g, pv.huge === 'hugetlb', fr.data, fr.taint);
      child.ptes[a].frame = g;
      child.ptes[a].writable = pv.writable;
      continue;
    }
    pte.forkShare = true;
  }
  parent.forking = true;
  return true;
}

/**
 * fork_end: pages marked to be shared are write-protected in the parent and
 * mapped read-only in the child (copy_present_pte(): mapcount and refcount
 * +1, the zero page's special PTE excepted); PageAnonExclusive is cleared
 * (page_try_dup_anon_rmap()). The child starts running.
 */
export function forkEnd(ctx: Ctx, d: World, p: number): void {
  const parent = d.procs[p];
  const child = d.procs[p + 1];
  for (let a = 0; a < parent.ptes.length; a++) {
    const pte = parent.ptes[a];
    if (!pte.forkShare) continue;
    pte.forkShare = false;
    const f = pte.frame;
    const fr = d.frames[f];
    child.ptes[a].frame = f;
    child.ptes[a].writable = false;
    if (fr.use === 'zero') continue;
    pte.writable = false;
    fr.map++;
    fr.ref++;
    if (ctx.excl) fr.anonExclusive = false;
  }
  parent.forking = false;
  child.alive = true;
  d.ghost.forked = true;
}
