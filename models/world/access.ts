// CPU loads and stores by a process. A load observes the page (P-ISO, pin
// coherence); a store faults first when the PTE is absent or read-only.
import type { Ctx } from './context.js';
import { readFault, writeFault } from './fault.js';
import { writeValue } from './frames.js';
import { checkPinCoherence, observeFrame } from './holders.js';
import { NONE, type World } from './state.js';

export function read(ctx: Ctx, d: World, p: number, a: number): boolean {
  const pte = d.procs[p].ptes[a];
  if (pte.frame === NONE && !readFault(ctx, d, p, a)) return false;
  observeFrame(d, p, pte.frame);
  for (let h = 0; h < d.holders.length; h++) {
    const ho = d.holders[h];
    if (ho.use !== 'none' && ho.owner === p && ho.addr === a) checkPinCoherence(d, h);
  }
  return true;
}

export function write(ctx: Ctx, d: World, p: number, a: number): boolean {
  const pte = d.procs[p].ptes[a];
  if (!pte.writable && !writeFault(ctx, d, p, a)) return false;
  const fr = d.frames[pte.frame];
  fr.data = writeValue(fr.data, p);
  // A private write after fork is this process's alone: taint it (ghost).
  if (fr.use === 'anon' && d.ghost.forked) fr.taint |= 1 << p;
  return true;
}
