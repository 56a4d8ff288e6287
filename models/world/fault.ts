// Page faults: read fault, write fault (COW by the design's reuse rule,
// page_mkwrite for shared file pages) and the unshare fault of R/O pins.
// Each returns false when it needs a frame and memory is full: the action
// that caused it is then not enabled in this state.
import type { Ctx } from './context.js';
import { allocFrame, cachePage, mapPte, newAnon, putRef } from './frames.js';
import { NONE, type World } from './state.js';

/** Read fault on an absent PTE (do_anonymous_page(), do_read_fault()). */
export function readFault(ctx: Ctx, d: World, p: number, a: number): boolean {
  const vma = d.procs[p].vmas[a];
  if (vma.kind === 'anon') {
    if (ctx.zero !== NONE && vma.huge === 'no') {
      // do_anonymous_page(): a read maps the shared zero page, read-only.
      mapPte(d, p, a, ctx.zero, false);
      return true;
    }
    const f = allocFrame(ctx, d);
    if (f === NONE) return false;
    newAnon(ctx, d, f, vma.huge !== 'no', 0, 0);
    vma.anonVma = true;
    // do_anonymous_page(): a fresh page is mapped writable if the VMA is.
    // (The zero page above needs no anon_vma: vmf_anon_prepare() comes after.)
    const pte = d.procs[p].ptes[a];
    pte.frame = f;
    pte.writable = vma.writable;
    return true;
  }
  // do_read_fault(): the page cache page, mapped read-only (write-notify for
  // shared mappings, COW for private ones).
  const f = cachePage(ctx, d);
  if (f === NONE) return false;
  mapPte(d, p, a, f, false);
  return true;
}

/** Copy the page mapped at (p, a) into a new anonymous page (wp_page_copy()); the PTE gets `writable`. */
function copyPage(ctx: Ctx, d: World, p: number, a: number, writable: boolean): boolean {
  const pte = d.procs[p].ptes[a];
  const old = pte.frame;
  const g = allocFrame(ctx, d);
  if (g === NONE) return false;
  const src = d.frames[old];
  newAnon(ctx, d, g, d.procs[p].vmas[a].huge === 'hugetlb', src.use === 'zero' ? 0 : src.data, src.taint);
  d.procs[p].vmas[a].anonVma = true;
  if (src.use !== 'zero') {
    src.map--;
    putRef(d, old, 1);
  }
  pte.frame = g;
  pte.writable = writable;
  return true;
}

/** page_mkwrite: the filesystem attaches buffers and the page becomes dirty (do_page_mkwrite()). */
function pageMkwrite(d: World, f: number): void {
  d.frames[f].buffers = true;
  d.frames[f].dirty = true;
}

/** Write fault: PTE absent, or present and read-only; the VMA is writable. */
export function writeFault(ctx: Ctx, d: World, p: number, a: number): boolean {
  const vma = d.procs[p].vmas[a];
  const pte = d.procs[p].ptes[a];
  if (pte.frame === NONE) {
    if (vma.kind === 'anon') {
      const f = allocFrame(ctx, d);
      if (f === NONE) return false;
      newAnon(ctx, d, f, vma.huge !== 'no', 0, 0);
      vma.anonVma = true;
      pte.frame = f;
      pte.writable = true;
      return true;
    }
    const c = cachePage(ctx, d);
    if (c === NONE) return false;
    if (vma.kind === 'file-shared') {
      // do_shared_fault(): page_mkwrite, then map writable.
      pageMkwrite(d, c);
      mapPte(d, p, a, c, true);
      return true;
    }
    // do_cow_fault(): copy the page cache page into a private anonymous page.
    const g = allocFrame(ctx, d);
    if (g === NONE) return false;
    newAnon(ctx, d, g, false, d.frames[c].data, 0);
    vma.anonVma = true;
    pte.frame = g;
    pte.writable = true;
    return true;
  }
  const fr = d.frames[pte.frame];
  if (vma.kind === 'file-shared') {
    // wp_page_shared(): page_mkwrite, the PTE becomes writable.
    pageMkwrite(d, pte.frame);
    pte.writable = true;
    return true;
  }
  if (fr.use === 'anon' && ctx.canReuse(fr, vma.huge === 'hugetlb')) {
    // wp_page_reuse(); the page is now known exclusive (SetPageAnonExclusive
    // in do_wp_page(), 6c287605fd56).
    if (ctx.excl) fr.anonExclusive = true;
    pte.writable = true;
    return true;
  }
  return copyPage(ctx, d, p, a, true);
}

/**
 * Unshare fault (FAULT_FLAG_UNSHARE, c89357e27f20; non-anon pages in COW
 * mappings since 8d6a0ac09a16): the write fault's reuse-or-copy decision, but
 * the PTE stays read-only and nothing is dirtied.
 */
export function unshareFault(ctx: Ctx, d: World, p: number, a: number): boolean {
  const pte = d.procs[p].ptes[a];
  const fr = d.frames[pte.frame];
  if (fr.use === 'anon' && ctx.canReuse(fr, d.procs[p].vmas[a].huge === 'hugetlb')) {
    fr.anonExclusive = true;
    return true;
  }
  return copyPage(ctx, d, p, a, false);
}
