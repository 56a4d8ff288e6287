// The successor recipe: dispatch an action to the rule that performs it.
import type { Action } from './actions.js';
import { read, write } from './access.js';
import type { Ctx } from './context.js';
import { reclaim, writeback } from './filemap.js';
import { forkBegin, forkEnd } from './fork.js';
import { allocFrame, moveFrame } from './frames.js';
import { VMSPLICE, gup } from './gup.js';
import { dmaRead, dmaWrite, pipeRead, release } from './holders.js';
import { dontneed, exit, mmap, mprotect, munmap } from './mapping.js';
import { NONE, type World } from './state.js';

/**
 * Ghost events and GUP return values describe the last step only: clearing
 * them first keeps states that differ only by what happened earlier equal.
 * (`unbalanced` stays: corrupt counters end the exploration, see broken().)
 */
function clearEvents(d: World): void {
  // Read first: on most steps nothing is set, and a read is cheaper than a
  // write (range-checked, read-modify-write of the packed word).
  const g = d.ghost;
  if (g.leak) g.leak = false;
  if (g.staleRw) g.staleRw = false;
  if (g.staleRo) g.staleRo = false;
  if (g.roWrite) g.roWrite = false;
  if (g.ltEnomem) g.ltEnomem = false;
  if (g.fastGrant) g.fastGrant = false;
  for (const pr of d.procs) if (pr.ret !== 'none') pr.ret = 'none';
}

export function next(ctx: Ctx, d: World, x: Action): boolean {
  clearEvents(d);
  switch (x.kind) {
    case 'mmap':
      mmap(d, x.p, x.a, x.vma);
      return true;
    case 'read':
      return read(ctx, d, x.p, x.a);
    case 'write':
      return write(ctx, d, x.p, x.a);
    case 'munmap':
      munmap(d, x.p, x.a);
      return true;
    case 'dontneed':
      dontneed(d, x.p, x.a);
      return true;
    case 'mprotect':
      mprotect(d, x.p, x.a, x.writable);
      return true;
    case 'fork':
      if (!forkBegin(ctx, d, x.p)) return false;
      forkEnd(ctx, d, x.p);
      return true;
    case 'fork_begin':
      return forkBegin(ctx, d, x.p);
    case 'fork_end':
      forkEnd(ctx, d, x.p);
      return true;
    case 'exit':
      exit(d, x.p);
      return true;
    case 'gup':
      return gup(ctx, d, x.p, x.a, x.gup);
    case 'vmsplice':
      return gup(ctx, d, x.p, x.a, VMSPLICE, true);
    case 'release':
      release(ctx, d, x.h, x.how);
      return true;
    case 'dma_read':
      dmaRead(d, x.h);
      return true;
    case 'dma_write':
      dmaWrite(d, x.h);
      return true;
    case 'pipe_read':
      pipeRead(ctx, d);
      return true;
    case 'writeback':
      writeback(d);
      return true;
    case 'reclaim':
      reclaim(ctx, d);
      return true;
    case 'migrate': {
      // Compaction / memory offlining moves the page out of its frame.
      const g = allocFrame(ctx, d, ctx.movable[x.f]);
      if (g === NONE) return false;
      moveFrame(d, x.f, g);
      return true;
    }
  }
}
