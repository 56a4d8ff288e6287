// Each property of spec/ on hand-built states: one that holds and one that
// breaks it, named after the kernel rule. Properties read off counters are
// evaluated directly; those that record an event (P-ISO, P-COH-*, P-LT-LIVE,
// P-FAST, P-RO-GUP-NOT-WRITE) run the one step that observes it, on a state
// built by hand, under the design that breaks the rule and one that keeps it.
import { describe, expect, it } from 'vitest';
import { stepWithImmer } from '../../checker/step.js';
import type { PropertyName } from '../../models/api.js';
import { buildModel, type World } from '../../models/index.js';
import { pBal } from '../../spec/p-bal.js';
import { pFs } from '../../spec/p-fs.js';
import { pLtPlace } from '../../spec/p-lt-place.js';
import { pNofn } from '../../spec/p-nofn.js';
import { pOvf } from '../../spec/p-ovf.js';
import { blank, hold, map, page, specContext } from './states.js';

const BIAS = specContext('anon-fork').bias;

/** Does `property` hold after `design` takes the step `action` from `state` in `scope`? */
function holdsAfter(design: string, scope: string, state: World, action: string, property: PropertyName): boolean {
  const m = buildModel(design, scope);
  const next = stepWithImmer(m, state, m.parseAction(action));
  if (!next) throw new Error(`${action} is not enabled`);
  expect(m.properties.find((p) => p.name === property)!.holds(state)).toBe(true);
  return m.properties.find((p) => p.name === property)!.holds(next);
}

/** P0 and P1 after fork, P0 mapping F0 whose content `writer` wrote after fork. */
function afterFork(writer: number): World {
  const w = blank('anon-fork');
  w.ghost.forked = true;
  page(w, 0, 'anon', { map: 1, data: 2 * writer + 1, taint: 1 << writer });
  map(w, 0, 0, 0);
  w.procs[1].alive = true;
  return w;
}

describe('P-ISO: no process sees another\'s post-fork private write (CVE-2020-29374)', () => {
  it('holds when P0 reads its own post-fork write', () => {
    expect(holdsAfter('D-CURRENT', 'anon-fork', afterFork(0), 'P0: read(A)', 'P-ISO')).toBe(true);
  });
  it('breaks when P0 reads a page carrying P1\'s write (mapcount reuse handed it over)', () => {
    expect(holdsAfter('D-CURRENT', 'anon-fork', afterFork(1), 'P0: read(A)', 'P-ISO')).toBe(false);
  });
  it('breaks when P0\'s pipe buffer (vmsplice) returns P1\'s write', () => {
    const w = afterFork(1);
    hold(w, 0, { use: 'pipe', frame: 0, owner: 0 });
    expect(holdsAfter('D-CURRENT', 'anon-fork', w, 'pipe: read', 'P-ISO')).toBe(false);
  });
});

/** P0 maps F1 at A; pin0 (R/W or R/O, long-term or not) holds F0, which differs from F1 unless `same`. */
function pinned(write: boolean, longterm: boolean, same: boolean, coherent = true): World {
  const w = blank('anon-fork');
  page(w, 0, 'anon', { map: same ? 1 : 0, ref: 1 + BIAS, data: 1 });
  page(w, 1, 'anon', { map: 1, data: 2 });
  map(w, 0, 0, same ? 0 : 1);
  hold(w, 0, { use: 'pin', frame: 0, write, longterm, coherent, refAdded: BIAS });
  return w;
}

describe('P-COH-RW: a FOLL_WRITE pin and its owner see the same data (pin_user_pages.rst)', () => {
  it('holds when the pin holds the page the owner maps', () => {
    expect(holdsAfter('D-CURRENT', 'anon-fork', pinned(true, true, true), 'device: dma_read(pin0)', 'P-COH-RW')).toBe(true);
  });
  it('breaks when the owner\'s PTE points elsewhere with other data (fork + COW moved it, 70e806e4e645)', () => {
    expect(holdsAfter('D-CURRENT', 'anon-fork', pinned(true, true, false), 'device: dma_read(pin0)', 'P-COH-RW')).toBe(false);
  });
  it('holds once the owner unmapped or remapped the address: the promise ends there', () => {
    expect(holdsAfter('D-CURRENT', 'anon-fork', pinned(true, true, false, false), 'device: dma_read(pin0)', 'P-COH-RW')).toBe(true);
  });
});

describe('P-COH-RO: a R/O long-term pin sees its owner\'s later writes (cow.c "Longterm R/O pin is reliable")', () => {
  it('breaks for a stale R/O long-term pin (fixed by a7f226604170 and 84209e87c696)', () => {
    expect(holdsAfter('D-CURRENT', 'anon-fork', pinned(false, true, false), 'device: dma_read(pin0)', 'P-COH-RO')).toBe(false);
  });
  it('holds for a stale short-term R/O pin: gup_must_unshare() promises those nothing', () => {
    expect(holdsAfter('D-CURRENT', 'zero', (() => {
      const w = blank('zero');
      page(w, 1, 'anon', { map: 0, ref: 1 + BIAS, data: 1 });
      page(w, 2, 'anon', { map: 1, data: 2 });
      map(w, 0, 0, 2);
      hold(w, 0, { use: 'pin', frame: 1, refAdded: BIAS });
      return w;
    })(), 'device: dma_read(pin0)', 'P-COH-RO')).toBe(true);
  });
});

describe('P-FS: no page cache page dirty without buffers (ext4 writepage BUG, Jan Kara 2018)', () => {
  const p = pFs();
  it('holds for a dirty page cache page with buffers, and for a dirty anonymous page (no buffers ever)', () => {
    const w = blank('file');
    page(w, 0, 'file', { dirty: true, buffers: true });
    page(w, 1, 'anon', { dirty: true, buffers: false });
    expect(p.holds(w)).toBe(true);
  });
  it('breaks for a dirty page cache page whose buffers reclaim released', () => {
    const w = blank('file');
    page(w, 0, 'file', { dirty: true, buffers: false });
    expect(p.holds(w)).toBe(false);
  });
});

describe('P-BAL: releases mirror acquires (pin_user_pages.rst: unpin what you pinned)', () => {
  const p = pBal();
  it('holds for a mapped page with a pin: refcount = mapping + bias', () => {
    const w = blank('anon-fork');
    page(w, 0, 'anon', { map: 1, ref: 1 + BIAS });
    map(w, 0, 0, 0);
    hold(w, 0, { use: 'pin', frame: 0, refAdded: BIAS });
    expect(p.holds(w)).toBe(true);
  });
  it('breaks with a leaked pin: released by put_page(), bias - 1 references stay', () => {
    const w = blank('anon-fork');
    page(w, 0, 'anon', { map: 1, ref: 1 + BIAS - 1 });
    map(w, 0, 0, 0);
    expect(p.holds(w)).toBe(false);
  });
  it('holds for the zero page pinned since c8070b787519 (the pin adds nothing)', () => {
    const w = blank('zero');
    map(w, 0, 0, 0);
    hold(w, 0, { use: 'pin', frame: 0, refAdded: 0 });
    expect(p.holds(w)).toBe(true);
  });
  it('breaks when a large folio\'s pincount counts a pin nobody holds', () => {
    const w = blank('thp');
    page(w, 0, 'anon', { large: true, map: 1, ref: 2, pincount: 1 });
    map(w, 0, 0, 0);
    expect(p.holds(w)).toBe(false);
  });
  it('breaks when a holder points at a freed frame, or a release was flagged unbalanced', () => {
    const w = blank('anon-fork');
    hold(w, 0, { use: 'get', frame: 0 });
    expect(p.holds(w)).toBe(false);
    const u = blank('anon-fork');
    u.ghost.unbalanced = true;
    expect(p.holds(u)).toBe(false);
  });
});

describe('P-OVF: refcount never exceeds 2^31 - 1 (scaled), the zero-page overflow of seed 003', () => {
  const ctx = specContext('zero');
  const p = pOvf(ctx);
  it('holds at the scaled limit itself', () => {
    const w = blank('zero');
    w.frames[0].ref = ctx.limit;
    expect(p.holds(w)).toBe(true);
  });
  it('breaks one above it', () => {
    const w = blank('zero');
    w.frames[0].ref = ctx.limit + 1;
    expect(p.holds(w)).toBe(false);
  });
});

describe('P-NOFN: folio_maybe_dma_pinned() has no false negatives (pin_user_pages.rst)', () => {
  const p = pNofn(specContext('anon-fork'));
  const pin = (fields: Parameters<typeof page>[3], use: 'pin' | 'get' = 'pin'): World => {
    const w = blank('anon-fork');
    page(w, 0, 'anon', fields);
    hold(w, 0, { use, frame: 0 });
    return w;
  };
  it('holds for an order-0 pinned page at refcount >= the bias', () => {
    expect(p.holds(pin({ map: 1, ref: 1 + BIAS }))).toBe(true);
  });
  it('breaks for a pinned order-0 page below the bias (a pin taken as a plain reference, D-GET)', () => {
    expect(p.holds(pin({ map: 1, ref: 2 }))).toBe(false);
  });
  it('holds for a plain get_user_pages() reference below the bias: it is not a pin', () => {
    expect(p.holds(pin({ map: 1, ref: 2 }, 'get'))).toBe(true);
  });
  it('for a large folio reads pincount: 1 holds, 0 breaks', () => {
    expect(p.holds(pin({ large: true, map: 1, ref: 2, pincount: 1 }))).toBe(true);
    expect(p.holds(pin({ large: true, map: 1, ref: 2, pincount: 0 }))).toBe(false);
  });
  it('holds for the zero page, whose pins are no-ops since c8070b787519', () => {
    const w = blank('zero');
    hold(w, 0, { use: 'pin', frame: 0, refAdded: 0 });
    expect(pNofn(specContext('zero')).holds(w)).toBe(true);
  });
});

describe('P-LT-PLACE: no FOLL_LONGTERM pin on a ZONE_MOVABLE/CMA frame (folio_is_longterm_pinnable())', () => {
  const p = pLtPlace(specContext('longterm'));
  const at = (f: number, longterm: boolean): World => {
    const w = blank('longterm');
    page(w, f, 'anon', { map: 1, ref: 1 + BIAS });
    hold(w, 0, { use: 'pin', frame: f, longterm, refAdded: BIAS });
    return w;
  };
  it('breaks for a long-term pin on the movable frame F0', () => {
    expect(p.holds(at(0, true))).toBe(false);
  });
  it('holds for a long-term pin on a normal frame, and for a short-term pin on F0', () => {
    expect(p.holds(at(1, true))).toBe(true);
    expect(p.holds(at(0, false))).toBe(true);
  });
});

/** P0 maps the anonymous page in the movable frame F0; `fill` normal frames are taken by other pages. */
function movable(fill: number): World {
  const w = blank('longterm');
  page(w, 0, 'anon', { map: 1, anonExclusive: true, data: 1 });
  map(w, 0, 0, 0);
  for (let f = 1; f <= fill; f++) page(w, f, 'anon', { map: 0, ref: 1 });
  return w;
}
const LT_SLOW = 'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)';
const LT_FAST = 'P0: pin_user_pages_fast(A, FOLL_WRITE|FOLL_LONGTERM)';

describe('P-LT-LIVE: -ENOMEM from a long-term pin only when memory is short (seed 001)', () => {
  it('breaks when the shared helper (54d516b1d62f) refuses a migratable page with a free frame', () => {
    expect(holdsAfter('D-SHARED-HELPER', 'longterm', movable(0), LT_SLOW, 'P-LT-LIVE')).toBe(false);
  });
  it('holds when check_and_migrate_movable_pages() migrates it (c36c04c2e132)', () => {
    expect(holdsAfter('D-SEPARATE', 'longterm', movable(0), LT_SLOW, 'P-LT-LIVE')).toBe(true);
  });
  it('holds for the same -ENOMEM when no normal frame is free', () => {
    expect(holdsAfter('D-SHARED-HELPER', 'longterm', movable(2), LT_SLOW, 'P-LT-LIVE')).toBe(true);
  });
});

describe('P-FAST: GUP-fast never grants what slow GUP would not take as is', () => {
  it('breaks when the refs == 1 patch lets GUP-fast pin the movable page (seed 001)', () => {
    expect(holdsAfter('D-REFS1', 'longterm', movable(0), LT_FAST, 'P-FAST')).toBe(false);
  });
  it('holds when GUP-fast refuses it and the slow path migrates (try_grab_folio())', () => {
    expect(holdsAfter('D-SEPARATE', 'longterm', movable(0), LT_FAST, 'P-FAST')).toBe(true);
  });
});

describe('P-RO-GUP-NOT-WRITE: a GUP without FOLL_WRITE is not handled as a write', () => {
  /** After fork: F0 mapped R/O by both processes. */
  const shared = (): World => {
    const w = blank('anon-fork');
    w.ghost.forked = true;
    page(w, 0, 'anon', { map: 2, ref: 2, data: 1 });
    map(w, 0, 0, 0, 'anon', false);
    map(w, 1, 0, 0, 'anon', false);
    return w;
  };
  it('breaks under the forced COW break of 17839856fd58: a R/O pin takes the write fault', () => {
    expect(holdsAfter('D-FORCE-COW', 'anon-fork', shared(), 'P0: pin_user_pages(A, FOLL_LONGTERM)', 'P-RO-GUP-NOT-WRITE')).toBe(false);
  });
  it('holds when the R/O pin unshares instead (FAULT_FLAG_UNSHARE, c89357e27f20)', () => {
    expect(holdsAfter('D-CURRENT', 'anon-fork', shared(), 'P0: pin_user_pages(A, FOLL_LONGTERM)', 'P-RO-GUP-NOT-WRITE')).toBe(true);
  });
});
