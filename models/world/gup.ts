// get_user_pages / pin_user_pages, slow and fast, and vmsplice (a GUP-fast
// reference handed to a pipe). The slow path is __get_user_pages():
// check_vma_flags(), fault in (follow_page_pte() -> faultin_page()),
// gup_must_unshare(), try_grab_page(), then for FOLL_LONGTERM
// check_and_migrate_movable_pages(). The fast path is gup_fast_pte_range():
// it sees only the PTE and the page, and gives up (falls back to the slow
// path) on anything it cannot decide.
import type { Ctx } from './context.js';
import { writeFault, readFault, unshareFault } from './fault.js';
import { allocFrame, migratable, moveFrame } from './frames.js';
import type { GupSpec } from './scope.js';
import { NONE, type World } from './state.js';

/** vmsplice() -> iov_iter_get_pages(): get_user_pages_fast(), read-only, the reference goes to a pipe buffer. */
export const VMSPLICE: GupSpec = { call: 'get', fast: true, write: false, longterm: false };


interface Flags {
  readonly acct: 'pin' | 'get';
  /** FOLL_WRITE as the GUP code sees it (requested, forced, or forced COW break). */
  readonly write: boolean;
  /** FOLL_FORCE (RDMA's R/O registrations before b40656aa7d55). */
  readonly force: boolean;
}

function flagsOf(ctx: Ctx, d: Readonly<World>, p: number, a: number, g: GupSpec): Flags {
  const acct = ctx.accountAs(g.call, g.longterm);
  // D-FORCE-WRITE-RO-PIN: R/O long-term registrations as FOLL_FORCE|FOLL_WRITE.
  const force = ctx.c.roLongtermForcedWrite && g.call === 'pin' && g.longterm && !g.write;
  const vma = d.procs[p].vmas[a];
  // 17839856fd58: "if we're doing a FOLL_GET/FOLL_PIN lookup of a COW mapping,
  // break COW": the lookup is done as a write.
  const forceCow = ctx.c.forceCowOnGup && (vma.kind === 'anon' || vma.kind === 'file-private');
  return { acct, write: g.write || force || forceCow, force };
}

/** gup_must_unshare() (mm/internal.h): only FOLL_PIN without FOLL_WRITE. `vmaKnown`: slow path. */
function mustUnshare(ctx: Ctx, d: Readonly<World>, p: number, a: number, f: number, fl: Flags, longterm: boolean, vmaKnown: boolean): boolean {
  if (fl.acct !== 'pin' || fl.write || ctx.c.unshare === 'none') return false;
  const fr = d.frames[f];
  if (fr.use === 'anon') return !fr.anonExclusive; // a7f226604170
  if (ctx.c.unshare !== 'cow-mapping' || !longterm) return false;
  // 84209e87c696: R/O long-term pins of anything in a COW mapping. GUP-fast
  // has no VMA and answers "must unshare" (falls back).
  if (!vmaKnown) return true;
  const k = d.procs[p].vmas[a].kind;
  return k === 'anon' || k === 'file-private';
}

/** Would slow GUP, on this state, take frame f as it is (no fault, unshare, migration or refusal)? */
function slowTakesAsIs(ctx: Ctx, d: Readonly<World>, p: number, a: number, g: GupSpec, fl: Flags): boolean {
  const vma = d.procs[p].vmas[a];
  const pte = d.procs[p].ptes[a];
  if (vma.kind === 'none' || pte.frame === NONE) return false;
  if (fl.write && !vma.writable && !(fl.force && vma.kind !== 'file-shared')) return false;
  if (refusesLongtermFile(ctx, vma.kind, g, fl)) return false;
  if (fl.write && !pte.writable) return false;
  if (mustUnshare(ctx, d, p, a, pte.frame, fl, g.longterm, true)) return false;
  if (g.call === 'pin' && g.longterm && ctx.movable[pte.frame]) return false;
  return true;
}

/** 8ac268436e6d: FOLL_LONGTERM|FOLL_WRITE on a shared file mapping that needs dirty tracking. */
function refusesLongtermFile(ctx: Ctx, kind: string, g: GupSpec, fl: Flags): boolean {
  return ctx.c.refuseLongtermWriteFile && g.call === 'pin' && g.longterm && fl.write && kind === 'file-shared';
}

/**
 * try_grab_page() / try_grab_folio(): take the reference and record it in a
 * holder. FOLL_GET: refcount +1 (also on the zero page, seed 000). FOLL_PIN:
 * +GUP_PIN_COUNTING_BIAS on order-0 pages, +1 and pincount +1 on large folios
 * (3faa52c03f44, pin_user_pages.rst); nothing on the zero page since
 * c8070b787519.
 */
function grab(ctx: Ctx, d: World, p: number, a: number, f: number, g: GupSpec, fl: Flags, pipe: boolean): void {
  let h = 0;
  while (d.holders[h].use !== 'none') h++;
  const fr = d.frames[f];
  let refAdded = 1;
  let pincAdded = false;
  if (fl.acct === 'pin') {
    if (fr.use === 'zero' && ctx.c.zeroPagePin !== 'counted') refAdded = 0;
    else if (fr.large) pincAdded = true;
    else refAdded = ctx.bias;
  }
  fr.ref += refAdded;
  if (pincAdded) fr.pincount++;
  const ho = d.holders[h];
  ho.use = pipe ? 'pipe' : g.call;
  ho.frame = f;
  ho.owner = p;
  ho.addr = a;
  ho.write = g.write;
  ho.longterm = g.longterm;
  ho.coherent = true;
  ho.refAdded = refAdded;
  ho.pincAdded = pincAdded;
}

/** The fast path; true when it took the reference, false when it gives up. */
function gupFast(ctx: Ctx, d: World, p: number, a: number, g: GupSpec, fl: Flags, pipe: boolean): boolean {
  const pr = d.procs[p];
  // 57efa1fe5957: FOLL_PIN fast GUP fails while fork holds write_protect_seq.
  if (pr.forking && ctx.c.forkSeqcount && fl.acct === 'pin') return false;
  const pte = pr.ptes[a];
  const f = pte.frame;
  if (f === NONE) return false;
  const fr = d.frames[f];
  // gup_fast_pte_range(): pte_special() (the zero page) -> give up.
  if (fr.use === 'zero') return false;
  // pte_access_permitted(pte, FOLL_WRITE); 17839856fd58 made every fast
  // lookup require a writable PTE.
  if ((fl.write || ctx.c.forceCowOnGup) && !pte.writable) return false;
  // try_grab_folio(): FOLL_LONGTERM on a page that is not longterm-pinnable:
  // fail and let the caller fall back. The rejected refs == 1 patch skipped it.
  if (g.call === 'pin' && g.longterm && ctx.movable[f] && ctx.c.longtermCheck !== 'refs1') return false;
  if (mustUnshare(ctx, d, p, a, f, fl, g.longterm, false)) return false;
  // a6e79df92e4a folio_fast_pin_allowed(): no long-term write pins of file pages.
  if (ctx.c.refuseLongtermWriteFile && g.call === 'pin' && g.longterm && fl.write && fr.use === 'file') return false;
  if (!slowTakesAsIs(ctx, d, p, a, g, fl)) d.ghost.fastGrant = true;
  if (fl.acct === 'pin' && ctx.c.forkCopyPinned) pr.hasPinned = true;
  grab(ctx, d, p, a, f, g, fl, pipe);
  pr.ret = '0';
  return true;
}

/** One GUP call of one page. Returns false when it cannot run now (blocked by fork, or out of frames). */
export function gup(ctx: Ctx, d: World, p: number, a: number, g: GupSpec, pipe = false): boolean {
  const fl = flagsOf(ctx, d, p, a, g);
  if (g.fast && gupFast(ctx, d, p, a, g, fl, pipe)) return true;
  const pr = d.procs[p];
  // The slow path takes mmap_lock, which a running fork holds for write.
  if (pr.forking) return false;
  // mm_set_has_pinned_flag(): set on every FOLL_PIN call (a458b76a4171).
  if (fl.acct === 'pin' && ctx.c.forkCopyPinned) pr.hasPinned = true;
  const vma = pr.vmas[a];
  const roHandledAsWrite = fl.write && !g.write;
  // check_vma_flags()
  if (vma.kind === 'none') {
    pr.ret = '-EFAULT';
    return true;
  }
  if (fl.write && !vma.writable && !(fl.force && vma.kind !== 'file-shared')) {
    // FOLL_FORCE may write only into COW mappings.
    if (roHandledAsWrite) d.ghost.roWrite = true;
    pr.ret = '-EFAULT';
    return true;
  }
  if (refusesLongtermFile(ctx, vma.kind, g, fl)) {
    pr.ret = '-EFAULT';
    return true;
  }
  // follow_page_pte() fails -> faultin_page(), then retry.
  const pte = pr.ptes[a];
  if (pte.frame === NONE || (fl.write && !pte.writable)) {
    const ok = fl.write ? writeFault(ctx, d, p, a) : readFault(ctx, d, p, a);
    if (!ok) return false;
    if (roHandledAsWrite) d.ghost.roWrite = true;
  }
  if (mustUnshare(ctx, d, p, a, pte.frame, fl, g.longterm, true) && !unshareFault(ctx, d, p, a)) return false;
  let f = pte.frame;
  if (g.call === 'pin' && g.longterm && ctx.movable[f]) {
    const target = allocFrame(ctx, d, true);
    const canMigrate = target !== NONE && migratable(d, f);
    if (ctx.c.longtermCheck === 'shared-helper') {
      // 54d516b1d62f: try_grab_page() -> try_grab_compound_head() refuses the
      // unpinnable page; follow_page_pte() returns -ENOMEM, nothing migrates.
      if (canMigrate) d.ghost.ltEnomem = true;
      pr.ret = '-ENOMEM';
      return true;
    }
    // check_and_migrate_movable_pages(): unpin, migrate, retry.
    if (!canMigrate) {
      pr.ret = '-ENOMEM';
      return true;
    }
    moveFrame(d, f, target);
    f = target;
  }
  grab(ctx, d, p, a, f, g, fl, pipe);
  pr.ret = '0';
  return true;
}
