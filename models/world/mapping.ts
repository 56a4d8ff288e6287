// Address-space changes: mmap, munmap, MADV_DONTNEED, mprotect, exit.
import { zapPte } from './frames.js';
import type { MmapSpec } from './scope.js';
import type { World } from './state.js';

/** The owner's own unmap or remap ends its pins' coherence promise at that address. */
function endCoherence(d: World, p: number, a: number): void {
  for (const ho of d.holders) if (ho.use !== 'none' && ho.owner === p && ho.addr === a) ho.coherent = false;
}

export function mmap(d: World, p: number, a: number, v: MmapSpec): void {
  const vma = d.procs[p].vmas[a];
  vma.kind = v.kind;
  vma.huge = v.huge;
  vma.writable = v.writable;
  vma.anonVma = false;
  endCoherence(d, p, a);
}

/** munmap(): zap the PTE and remove the VMA. */
export function munmap(d: World, p: number, a: number): void {
  zapPte(d, p, a);
  const vma = d.procs[p].vmas[a];
  vma.kind = 'none';
  vma.huge = 'no';
  vma.writable = false;
  vma.anonVma = false;
  endCoherence(d, p, a);
}

/** madvise(MADV_DONTNEED): zap the PTE, keep the VMA; the next access faults a fresh page. */
export function dontneed(d: World, p: number, a: number): void {
  zapPte(d, p, a);
  endCoherence(d, p, a);
}

/**
 * mprotect(): change_protection() write-protects PTEs when write permission
 * goes; when it comes back, PTEs stay read-only until the next write fault
 * (the "R/O-mapped exclusive page" case of cow.c).
 */
export function mprotect(d: World, p: number, a: number, writable: boolean): void {
  d.procs[p].vmas[a].writable = writable;
  if (!writable) d.procs[p].ptes[a].writable = false;
}

/** exit(): every mapping goes; references held by drivers and pipes stay. */
export function exit(d: World, p: number): void {
  for (let a = 0; a < d.procs[p].vmas.length; a++) munmap(d, p, a);
  const pr = d.procs[p];
  pr.alive = false;
  pr.ret = 'none';
}
