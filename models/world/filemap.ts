// The file's page cache page under writeback and reclaim (Jan Kara's race,
// kernel-background.md section 3.1).
import { maybePinned, type Ctx } from './context.js';
import { freeFrame } from './frames.js';
import { NONE, type World } from './state.js';

/**
 * Writeback of the dirty page (write_cache_pages() -> folio_clear_dirty_for_io()
 * -> page_mkclean()): shared PTEs become read-only so the next store calls
 * page_mkwrite again; the data goes to disk; the page is clean.
 */
export function writeback(d: World): void {
  const f = d.file.frame;
  for (const pr of d.procs) for (const pte of pr.ptes) if (pte.frame === f) pte.writable = false;
  d.file.disk = d.frames[f].data;
  d.frames[f].dirty = false;
}

/**
 * Reclaim of the page (shrink_folio_list()): try_to_unmap() every PTE; stop
 * if the design checks folio_maybe_dma_pinned() there; write it back if
 * dirty (pageout()); release the filesystem's buffers
 * (filemap_release_folio()); free it if nobody else holds a reference
 * (__remove_mapping() freezes refcount at the page cache's 1).
 */
export function reclaim(ctx: Ctx, d: World): void {
  const f = d.file.frame;
  const fr = d.frames[f];
  for (const pr of d.procs) {
    for (const pte of pr.ptes) {
      if (pte.frame !== f) continue;
      pte.frame = NONE;
      pte.writable = false;
      fr.map--;
      fr.ref--;
    }
  }
  if (ctx.c.reclaimSkipsPinned && maybePinned(ctx, fr)) return;
  if (fr.dirty) {
    d.file.disk = fr.data;
    fr.dirty = false;
  }
  fr.buffers = false;
  if (fr.ref === 1) {
    d.file.frame = NONE;
    freeFrame(d, f);
  }
}
