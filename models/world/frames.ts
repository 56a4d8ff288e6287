// Frame allocation and reference helpers shared by the recipes. Allocation is
// deterministic (lowest free frame), so no symmetry reduction is needed for
// frames and frame names in traces are reproducible.
import type { Ctx } from './context.js';
import { NONE, type World } from './state.js';

/** Lowest free frame; `normalOnly` skips ZONE_MOVABLE/CMA frames. NONE when memory is full. */
export function allocFrame(ctx: Ctx, d: World, normalOnly = false): number {
  for (let f = 0; f < d.frames.length; f++) {
    if (d.frames[f].use === 'free' && !(normalOnly && ctx.movable[f])) return f;
  }
  return NONE;
}

export function freeFrame(d: World, f: number): void {
  const fr = d.frames[f];
  fr.use = 'free';
  fr.large = false;
  fr.ref = 0;
  fr.map = 0;
  fr.pincount = 0;
  fr.anonExclusive = false;
  fr.dirty = false;
  fr.buffers = false;
  fr.data = 0;
  fr.taint = 0;
}

/** A fresh anonymous page mapped once (do_anonymous_page(), wp_page_copy()): exclusive to its mm. */
export function newAnon(ctx: Ctx, d: World, f: number, large: boolean, data: number, taint: number): void {
  const fr = d.frames[f];
  fr.use = 'anon';
  fr.large = large;
  fr.ref = 1;
  fr.map = 1;
  fr.pincount = 0;
  fr.anonExclusive = ctx.excl;
  fr.dirty = false;
  fr.buffers = false;
  fr.data = data;
  fr.taint = taint;
}

/** put_page(): drop n references; the page is freed when the last goes (never the zero page). */
export function putRef(d: World, f: number, n: number): void {
  const fr = d.frames[f];
  fr.ref -= n;
  // A page still mapped at refcount 0 was over-released (P-BAL): keep it for the report.
  if (fr.ref === 0 && fr.map === 0 && fr.use !== 'zero') freeFrame(d, f);
}

/** Remove process p's PTE at a (zap_pte_range()): the zero page's special PTE touches no counter. */
export function zapPte(d: World, p: number, a: number): void {
  const pte = d.procs[p].ptes[a];
  const f = pte.frame;
  pte.frame = NONE;
  pte.writable = false;
  pte.forkShare = false;
  if (f === NONE || d.frames[f].use === 'zero') return;
  d.frames[f].map--;
  putRef(d, f, 1);
}

/** The page cache page of the file, read from disk when absent (filemap_fault()). NONE when memory is full. */
export function cachePage(ctx: Ctx, d: World): number {
  if (d.file.frame !== NONE) return d.file.frame;
  const f = allocFrame(ctx, d);
  if (f === NONE) return NONE;
  const fr = d.frames[f];
  fr.use = 'file';
  fr.large = false;
  fr.ref = 1; // the page cache's reference
  fr.map = 0;
  fr.pincount = 0;
  fr.anonExclusive = false;
  fr.dirty = false;
  fr.buffers = true; // block_read_full_folio() attaches buffer heads
  fr.data = d.file.disk;
  fr.taint = 0;
  d.file.frame = f;
  return f;
}

/** Map frame f at (p, a) (page_add_*_rmap()): refcount and mapcount +1, except the zero page. */
export function mapPte(d: World, p: number, a: number, f: number, writable: boolean): void {
  const pte = d.procs[p].ptes[a];
  pte.frame = f;
  pte.writable = writable;
  if (d.frames[f].use !== 'zero') {
    d.frames[f].ref++;
    d.frames[f].map++;
  }
}

/**
 * The value a write on behalf of process p stores over `v` (a CPU store by
 * p, or DMA through a reference p took): one of p's own two values, never
 * the current one, so every write is visible and says whose data it is
 * (P0: 1, 2; P1: 3, 4).
 */
export function writeValue(v: number, p: number): number {
  const first = 2 * p + 1;
  return v === first ? first + 1 : first;
}

/** References the mm and page cache account for; anything above is an extra reference (GUP, pipe). */
export function expectedRefs(d: Readonly<World>, f: number): number {
  return d.frames[f].map + (d.file.frame === f ? 1 : 0);
}

/** folio_migrate_mapping(): folio_ref_freeze(expected) fails while anyone holds an extra reference. */
export function migratable(d: Readonly<World>, f: number): boolean {
  const fr = d.frames[f];
  return (fr.use === 'anon' || fr.use === 'file') && fr.ref === expectedRefs(d, f);
}

/** Move frame f's page to g (migrate_pages() -> move_to_new_folio(), remove_migration_ptes()). */
export function moveFrame(d: World, f: number, g: number): void {
  const a = d.frames[f];
  const b = d.frames[g];
  b.use = a.use;
  b.large = a.large;
  b.ref = a.ref;
  b.map = a.map;
  b.pincount = 0;
  // Migration entries remember PageAnonExclusive (6c287605fd56 series).
  b.anonExclusive = a.anonExclusive;
  b.dirty = a.dirty;
  b.buffers = a.buffers;
  b.data = a.data;
  b.taint = a.taint;
  for (const pr of d.procs) for (const pte of pr.ptes) if (pte.frame === f) pte.frame = g;
  if (d.file.frame === f) d.file.frame = g;
  freeFrame(d, f);
}
