// The actions enabled in a state, in a fixed order (per process: address
// actions, fork/exit, releases; then device, pipe, kernel). A recipe may
// still return false (no free frame, GUP blocked by a running fork).
import type { ActionUniverse, Action } from './actions.js';
import { releaseAction } from './actions.js';
import { broken, type Ctx } from './context.js';
import { migratable } from './frames.js';
import { NONE, type World } from './state.js';

function holderFor(s: Readonly<World>, p: number, a: number): boolean {
  for (const ho of s.holders) if (ho.use !== 'none' && ho.owner === p && ho.addr === a) return true;
  return false;
}

function freeHolder(s: Readonly<World>): boolean {
  for (const ho of s.holders) if (ho.use === 'none') return true;
  return false;
}

function pipeBusy(s: Readonly<World>): boolean {
  for (const ho of s.holders) if (ho.use === 'pipe') return true;
  return false;
}

export function enabledActions(ctx: Ctx, u: ActionUniverse, s: Readonly<World>, out: Action[]): void {
  if (broken(ctx, s)) return;
  const ops = ctx.scope.ops;
  const slot = freeHolder(s);
  let forking = false;
  for (let p = 0; p < s.procs.length; p++) {
    const pr = s.procs[p];
    if (!pr.alive) continue;
    forking ||= pr.forking;
    for (let a = 0; a < pr.vmas.length; a++) {
      const acts = u.at[p][a];
      const vma = pr.vmas[a];
      const mapped = pr.ptes[a].frame !== NONE;
      if (pr.forking) {
        // Only another thread's GUP-fast runs while fork holds mmap_lock.
        if (slot && !holderFor(s, p, a)) for (const g of acts.gups) if (g.kind === 'gup' && g.gup.fast) out.push(g);
        continue;
      }
      if (vma.kind === 'none') {
        // Mappings are set up by P0 before fork (unless the scope allows remapping).
        if (ops.remap || (p === 0 && !s.ghost.forked)) for (const m of acts.mmap) out.push(m);
        continue;
      }
      if (ops.read) out.push(acts.read);
      if (ops.write && vma.writable) out.push(acts.write);
      if (ops.mprotect) out.push(vma.writable ? acts.mprotectR : acts.mprotectRW);
      if (ops.munmap) out.push(acts.munmap);
      if (ops.dontneed && mapped) out.push(acts.dontneed);
      if (slot && !holderFor(s, p, a)) {
        for (const g of acts.gups) out.push(g);
        if (ops.vmsplice && !pipeBusy(s)) out.push(acts.vmsplice);
      }
    }
    const pa = u.proc[p];
    if (pr.forking) out.push(pa.forkEnd);
    else if (p === 0 && s.procs.length > 1 && !s.ghost.forked && ops.fork) out.push(ops.fork === 'atomic' ? pa.fork : pa.forkBegin);
    if (p > 0 && ops.exit) out.push(pa.exit);
    if (pr.forking) continue;
    for (let h = 0; h < s.holders.length; h++) {
      const ho = s.holders[h];
      if (ho.owner !== p || (ho.use !== 'pin' && ho.use !== 'get')) continue;
      out.push(releaseAction(u, p, h, ho.use, ho.use === 'pin' ? 'unpin' : 'put'));
      if (ctx.c.misuse) out.push(releaseAction(u, p, h, ho.use, ho.use === 'pin' ? 'put' : 'unpin'));
    }
  }
  for (let h = 0; h < s.holders.length; h++) {
    const ho = s.holders[h];
    if (!ops.dma || (ho.use !== 'pin' && ho.use !== 'get')) continue;
    out.push(u.holder[h].dmaRead[ho.use]);
    if (ho.write && ops.dma === 'rw') out.push(u.holder[h].dmaWrite[ho.use]);
  }
  if (pipeBusy(s)) out.push(u.pipeRead);
  if (forking) return;
  if (s.file.frame !== NONE) {
    if (ops.writeback && s.frames[s.file.frame].dirty) out.push(u.writeback);
    if (ops.reclaim) out.push(u.reclaim);
  }
  if (ops.migrate) {
    for (let f = 0; f < s.frames.length; f++) if (migratable(s, f)) out.push(u.migrate[f]);
  }
}
