// Each mechanism by hand, against the numbers of kernel-background.md
// (scaled: pin bias 4 for 1024 in every scope).
import { describe, expect, it } from 'vitest';
import { buildModel, getScope, type Action, type WorldScope } from '../../models/index.js';
import { after } from './helpers.js';

const M = 'P0: mmap(A, anon, private, rw)';
const SHARED = [M, 'P0: write(A)', 'P0: fork'];

describe('COW reuse on a write fault (do_wp_page)', () => {
  it('mapcount rule (before v5.8): the parent reuses a page the child unmapped although the pipe holds it', () => {
    const s = after('D-MAPCOUNT', 'anon-fork', [...SHARED, 'P1: vmsplice(A)', 'P1: munmap(A)', 'P0: write(A)']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: true });
    expect(s.frames[0]).toMatchObject({ ref: 2, map: 1 });
  });
  it('refcount rule (09854ba94c6a): the same write copies, because the pipe reference makes refcount 2', () => {
    const s = after('D-REFCOUNT-NO-FORK-COPY', 'anon-fork', [...SHARED, 'P1: vmsplice(A)', 'P1: munmap(A)', 'P0: write(A)']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 1, writable: true });
    expect(s.frames[0]).toMatchObject({ ref: 1, map: 0 });
    expect(s.frames[1]).toMatchObject({ ref: 1, map: 1 });
  });
  const RO_MAPPED = [M, 'P0: write(A)', 'P0: pin_user_pages(A, FOLL_LONGTERM)', 'P0: mprotect(A, r)', 'P0: mprotect(A, rw)', 'P0: write(A)'];
  it('anon-exclusive rule (6c287605fd56): an exclusive page is reused even with a pin on it ("R/O-mapped exclusive page")', () => {
    const s = after('D-CURRENT', 'anon-deep', RO_MAPPED);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 1, writable: true });
    expect(s.frames[1]).toMatchObject({ ref: 1 + 4, anonExclusive: true, data: 2 });
  });
  it('refcount rule: the same write copies the page away from its own pin', () => {
    const s = after('D-HAS-PINNED', 'anon-deep', RO_MAPPED);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 2, writable: true });
    expect(s.frames[1]).toMatchObject({ ref: 4, map: 0, data: 1 });
  });
  it('anon-exclusive rule: a shared page with refcount 1 is reused and becomes exclusive', () => {
    const s = after('D-CURRENT', 'anon-fork', [...SHARED, 'P1: munmap(A)', 'P0: write(A)']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: true });
    expect(s.frames[0]).toMatchObject({ ref: 1, map: 1, anonExclusive: true });
  });
});

describe('fork (copy_page_range)', () => {
  it('shares an unpinned anon page: both PTEs R/O, mapcount and refcount 2, AnonExclusive cleared', () => {
    const s = after('D-CURRENT', 'anon-fork', SHARED);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: false });
    expect(s.procs[1].ptes[0]).toMatchObject({ frame: 0, writable: false });
    expect(s.frames[0]).toMatchObject({ ref: 2, map: 2, anonExclusive: false });
  });
  it('copies a maybe-pinned page of an mm with MMF_HAS_PINNED for the child (70e806e4e645)', () => {
    const s = after('D-HAS-PINNED', 'anon-fork', [M, 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)', 'P0: fork']);
    expect(s.procs[0].hasPinned).toBe(true);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: true });
    expect(s.procs[1].ptes[0]).toMatchObject({ frame: 1, writable: true });
    expect(s.frames[0]).toMatchObject({ ref: 1 + 4, map: 1 });
  });
  it('without has_pinned (v5.9-rc2) the pinned page is shared and write-protected', () => {
    const s = after('D-REFCOUNT-NO-FORK-COPY', 'anon-fork', [M, 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)', 'P0: fork']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: false });
    expect(s.frames[0]).toMatchObject({ ref: 2 + 4, map: 2 });
  });
});

describe('pin accounting', () => {
  it('order-0: a pin adds the bias (1024, scaled 4), unpin removes it', () => {
    const pinned = after('D-CURRENT', 'anon-fork', [M, 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)']);
    expect(pinned.frames[0]).toMatchObject({ ref: 5, pincount: 0 });
    const m = buildModel('D-CURRENT', 'anon-fork');
    expect(m.observe(pinned, 'F0.maybe_pinned')).toBe(true);
    const released = after('D-CURRENT', 'anon-fork', [M, 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)', 'P0: unpin_user_page(pin0)']);
    expect(released.frames[0]).toMatchObject({ ref: 1, pincount: 0 });
  });
  it('a plain reference adds 1 and does not read as pinned', () => {
    const s = after('D-CURRENT', 'anon-fork', [M, 'P0: get_user_pages(A)']);
    expect(s.frames[0].ref).toBe(2);
    expect(buildModel('D-CURRENT', 'anon-fork').observe(s, 'F0.maybe_pinned')).toBe(false);
  });
  it('large folio (THP): a pin adds 1 to refcount and 1 to pincount; unpin removes both', () => {
    const THP = 'P0: mmap(A, anon, private, rw, thp)';
    const s = after('D-CURRENT', 'thp', [THP, 'P0: write(A)', 'P0: pin_user_pages(A, FOLL_LONGTERM)']);
    expect(s.frames[0]).toMatchObject({ large: true, ref: 2, pincount: 1 });
    expect(buildModel('D-CURRENT', 'thp').observe(s, 'F0.maybe_pinned')).toBe(true);
    const r = after('D-CURRENT', 'thp', [THP, 'P0: write(A)', 'P0: pin_user_pages(A, FOLL_LONGTERM)', 'P0: unpin_user_page(pin0)']);
    expect(r.frames[0]).toMatchObject({ ref: 1, pincount: 0 });
  });
  it('put_page() of a pin leaks bias - 1 (D-MIX)', () => {
    const s = after('D-MIX', 'anon-fork', [M, 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)', 'P0: put_page(pin0)']);
    expect(s.frames[0].ref).toBe(1 + 3);
    expect(s.ghost.unbalanced).toBe(true);
  });
});

describe('the shared zero page', () => {
  it('a read fault maps it R/O without touching its counters; a pin adds the bias before c8070b787519', () => {
    const s = after('D-PIN-ZERO', 'zero', [M, 'P0: pin_user_pages(A)']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: false });
    expect(s.frames[0]).toMatchObject({ use: 'zero', ref: 1 + 4, map: 0 });
  });
  it('since c8070b787519 pin and unpin leave it alone', () => {
    const s = after('D-ZERO-SKIP', 'zero', [M, 'P0: pin_user_pages(A)']);
    expect(s.frames[0].ref).toBe(1);
    expect(after('D-ZERO-SKIP', 'zero', [M, 'P0: pin_user_pages(A)', 'P0: unpin_user_page(pin0)']).frames[0].ref).toBe(1);
  });
  it('pin skipped but unpin not: refcount 1 - 1024 (scaled -3)', () => {
    const s = after('D-ZERO-ASYM', 'zero', [M, 'P0: pin_user_pages(A)', 'P0: unpin_user_page(pin0)']);
    expect(s.frames[0].ref).toBe(1 - 4);
  });
  it('a R/O long-term pin unshares it into a private anon page since 84209e87c696', () => {
    const s = after('D-CURRENT', 'zero', [M, 'P0: pin_user_pages(A, FOLL_LONGTERM)']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 1, writable: false });
    expect(s.frames[1]).toMatchObject({ use: 'anon', anonExclusive: true, ref: 1 + 4 });
    expect(s.frames[0].ref).toBe(1);
  });
});

describe('unshare (FAULT_FLAG_UNSHARE) for R/O pins of shared anon pages', () => {
  it('copies a shared page, maps the copy R/O and pins it (a7f226604170)', () => {
    const s = after('D-CURRENT', 'anon-fork', [...SHARED, 'P0: pin_user_pages(A, FOLL_LONGTERM)']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 1, writable: false });
    expect(s.frames[1]).toMatchObject({ anonExclusive: true, ref: 1 + 4 });
    expect(s.frames[0]).toMatchObject({ ref: 1, map: 1 });
  });
  it('before v5.19 the shared page itself is pinned', () => {
    const s = after('D-HAS-PINNED', 'anon-fork', [...SHARED, 'P0: pin_user_pages(A, FOLL_LONGTERM)']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: false });
    expect(s.frames[0]).toMatchObject({ ref: 2 + 4, map: 2 });
  });
});

describe('long-term pins and migration', () => {
  it('slow GUP migrates a ZONE_MOVABLE page to a normal frame before pinning (check_and_migrate_movable_pages)', () => {
    const s = after('D-SEPARATE', 'longterm', [M, 'P0: write(A)', 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)']);
    expect(s.procs[0].ptes[0].frame).toBe(1);
    expect(s.frames[1]).toMatchObject({ ref: 5, map: 1, data: 1 });
    expect(s.frames[0].use).toBe('free');
  });
  it('the shared helper returns -ENOMEM instead (54d516b1d62f)', () => {
    const m = buildModel('D-SHARED-HELPER', 'longterm');
    const s = after('D-SHARED-HELPER', 'longterm', [M, 'P0: write(A)', 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)']);
    expect(m.observe(s, 'P0:ret')).toBe('-ENOMEM');
    expect(s.procs[0].ptes[0].frame).toBe(0);
  });
  it('migration moves an unreferenced page and keeps PageAnonExclusive; a pinned page cannot move', () => {
    const s = after('D-CURRENT', 'longterm', [M, 'P0: write(A)', 'kernel: migrate(F0)']);
    expect(s.procs[0].ptes[0].frame).toBe(1);
    expect(s.frames[1]).toMatchObject({ ref: 1, map: 1, anonExclusive: true, data: 1 });
    const pinned = after('D-REFS1', 'longterm', [M, 'P0: write(A)', 'P0: pin_user_pages_fast(A, FOLL_WRITE|FOLL_LONGTERM)']);
    const acts: Action[] = [];
    const m = buildModel('D-REFS1', 'longterm');
    m.actions(pinned, acts);
    expect(acts.map((a) => m.describe(a))).not.toContain('kernel: migrate(F0)');
  });
});

describe('file pages, writeback and reclaim', () => {
  const DIO = ['P0: mmap(A, file, shared, rw)', 'P0: pin_user_pages(A, FOLL_WRITE)'];
  it('a write fault on a shared file page calls page_mkwrite: buffers attached, dirty, PTE writable', () => {
    const s = after('D-CURRENT', 'file', DIO);
    expect(s.frames[0]).toMatchObject({ use: 'file', dirty: true, buffers: true, ref: 1 + 1 + 4 });
  });
  it('reclaim skips a maybe-pinned page since 2023 and keeps its buffers', () => {
    const s = after('D-CURRENT', 'file', [...DIO, 'kernel: reclaim(file)']);
    expect(s.frames[0]).toMatchObject({ dirty: true, buffers: true, map: 0 });
  });
  it('before that, reclaim writes it back and releases the buffers; the pin then dirties it', () => {
    const s = after('D-PIN', 'file', [...DIO, 'kernel: reclaim(file)', 'P0: unpin_user_page(pin0)']);
    expect(s.frames[0]).toMatchObject({ dirty: true, buffers: false, ref: 1 });
  });
  it('writeback write-protects the shared PTE and cleans the page', () => {
    const s = after('D-CURRENT', 'file', ['P0: mmap(A, file, shared, rw)', 'P0: write(A)', 'kernel: writeback(file)']);
    expect(s.procs[0].ptes[0].writable).toBe(false);
    expect(s.frames[0].dirty).toBe(false);
    expect(s.file.disk).toBe(1);
  });
  it('a long-term R/W pin of a shared file page is refused with -EFAULT since v6.5', () => {
    const m = buildModel('D-CURRENT', 'file');
    const s = after('D-CURRENT', 'file', ['P0: mmap(A, file, shared, rw)', 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)']);
    expect(m.observe(s, 'P0:ret')).toBe('-EFAULT');
    expect(s.holders[0].use).toBe('none');
  });
});

describe('which page tables fork copies (copy_page_range -> vma_needs_copy)', () => {
  // A scope where a private file mapping can be written, zapped and read
  // again before fork: its VMA then has an anon_vma and maps the page cache.
  const FILE_FORK: WorldScope = {
    ...getScope('file-deep'),
    name: 'file-fork-dontneed',
    mmaps: [{ kind: 'file-private', huge: 'no', writable: true }],
    ops: { read: true, write: true, dontneed: true, fork: 'atomic' },
  };
  const F = 'P0: mmap(A, file, private, rw)';
  it('an anonymous VMA that only mapped the zero page has no anon_vma: the child faults it in itself', () => {
    const s = after('D-CURRENT', 'anon-deep', [M, 'P0: read(A)', 'P0: fork']);
    expect(s.procs[0].ptes[0].frame).toBe(0);
    expect(s.procs[1].ptes[0].frame).toBe(-1);
    expect(buildModel('D-CURRENT', 'anon-deep').observe(s, 'P1:A')).toBe(0);
  });
  it('a private file mapping never written is not copied; one with an anon_vma is, page cache PTEs included', () => {
    const clean = after('D-CURRENT', FILE_FORK, [F, 'P0: read(A)', 'P0: fork']);
    expect(clean.procs[1].ptes[0].frame).toBe(-1);
    expect(clean.frames[0]).toMatchObject({ use: 'file', map: 1 });
    const s = after('D-CURRENT', FILE_FORK, [F, 'P0: write(A)', 'P0: madvise(A, MADV_DONTNEED)', 'P0: read(A)', 'P0: fork']);
    expect(s.procs[0].ptes[0]).toMatchObject({ frame: 0, writable: false });
    expect(s.procs[1].ptes[0]).toMatchObject({ frame: 0, writable: false });
    expect(s.frames[0]).toMatchObject({ use: 'file', map: 2, ref: 3 });
  });
});
