// What happens through references held outside page tables: releasing them,
// device DMA through a GUP reference, reading the pipe a vmsplice() filled.
// Observations record the ghost facts that P-ISO, P-COH-RW and P-COH-RO check.
import type { Ctx } from './context.js';
import { putRef, writeValue } from './frames.js';
import { NONE, type World } from './state.js';

/**
 * Process `observer` sees frame f (through its page table or a reference it
 * took): P-ISO is broken if f holds another process's post-fork private
 * write. Shared file pages are shared by design and never tainted.
 */
export function observeFrame(d: World, observer: number, f: number): void {
  if (d.frames[f].taint & ~(1 << observer)) d.ghost.leak = true;
}

/**
 * A pin's promise (pin_user_pages.rst, kernel-background.md section 4): while
 * its owner has not unmapped or remapped the address, what the device sees
 * through the pin equals what the owner sees through its page table. Checked
 * whenever either side looks. R/W pins: P-COH-RW; R/O long-term pins:
 * P-COH-RO. Short-term R/O pins and plain references promise nothing
 * (mm/internal.h, gup_must_unshare(); section 6.5).
 */
export function checkPinCoherence(d: World, h: number): void {
  const ho = d.holders[h];
  if (ho.use !== 'pin' || !ho.coherent || !(ho.write || ho.longterm)) return;
  const owner = d.procs[ho.owner];
  const f = owner.ptes[ho.addr].frame;
  if (!owner.alive || f === NONE) return;
  if (d.frames[f].data === d.frames[ho.frame].data) return;
  if (ho.write) d.ghost.staleRw = true;
  else d.ghost.staleRo = true;
}

/**
 * Release a reference. The call matching the acquire (unpin_user_page() for
 * pin_user_pages*(), put_page() for get_user_pages*() and pipe buffers) is
 * the design's own inverse: it removes what the acquire added, except that a
 * design which skips the zero page only on pin still subtracts the bias on
 * unpin. The mismatched call (API misuse, D-MIX) removes what it removes for
 * its own kind. A R/W reference to a file page dirties it first
 * (unpin_user_pages_dirty_lock(), bio_release_pages() -> set_page_dirty_lock()).
 */
export function release(ctx: Ctx, d: World, h: number, how: 'unpin' | 'put' | 'matched'): void {
  const ho = d.holders[h];
  const f = ho.frame;
  const fr = d.frames[f];
  if (ho.write && fr.use === 'file') fr.dirty = true;
  const matched = how === 'matched' || (how === 'unpin') === (ho.use === 'pin');
  let refRemoved = ho.refAdded;
  let pincRemoved = ho.pincAdded;
  if (matched) {
    // unpin_user_page() recognises the zero page only if the design does (c8070b787519).
    if (fr.use === 'zero' && how === 'unpin' && ctx.c.zeroPagePin === 'skipped-on-pin-only') refRemoved = ctx.bias;
  } else if (how === 'put') {
    // put_page() of a pin: -1 whatever the pin added.
    refRemoved = 1;
    pincRemoved = false;
  } else {
    // unpin_user_page() of a plain reference: gup_put_folio(FOLL_PIN).
    pincRemoved = fr.large && fr.use !== 'zero';
    refRemoved = fr.use === 'zero' && ctx.c.zeroPagePin === 'skipped' ? 0 : pincRemoved ? 1 : ctx.bias;
  }
  if (refRemoved !== ho.refAdded || pincRemoved !== ho.pincAdded) d.ghost.unbalanced = true;
  if (pincRemoved) fr.pincount--;
  ho.use = 'none';
  ho.frame = NONE;
  ho.owner = 0;
  ho.addr = 0;
  ho.write = false;
  ho.longterm = false;
  ho.coherent = false;
  ho.refAdded = 0;
  ho.pincAdded = false;
  putRef(d, f, refRemoved);
}

/** The device reads the page through holder h (DMA to the device, O_DIRECT write). */
export function dmaRead(d: World, h: number): void {
  const ho = d.holders[h];
  observeFrame(d, ho.owner, ho.frame);
  checkPinCoherence(d, h);
}

/**
 * The device writes the page through holder h (DMA from the device, O_DIRECT
 * read). The data is the owner's: it stores one of the owner's values, and a
 * private page written after fork carries the owner's taint.
 */
export function dmaWrite(d: World, h: number): void {
  const ho = d.holders[h];
  const fr = d.frames[ho.frame];
  fr.data = writeValue(fr.data, ho.owner);
  if (fr.use === 'anon' && d.ghost.forked) fr.taint |= 1 << ho.owner;
}

/** Read the pipe: the vmsplice()d page's data, then the pipe buffer's reference is dropped. */
export function pipeRead(ctx: Ctx, d: World): void {
  let h = 0;
  while (d.holders[h].use !== 'pipe') h++;
  observeFrame(d, d.holders[h].owner, d.holders[h].frame);
  release(ctx, d, h, 'matched');
}
