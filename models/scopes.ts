// The scopes designs are checked in. Default scopes are small and focused
// (each enables only the actions its question needs) so that every design x
// every property finishes in well under a minute; `pinspec check` runs each
// and merges per property (violated if any scope violates, shortest trace
// wins). Deep scopes combine more actors and actions for longer runs.
import type { GupSpec, MmapSpec, WorldScope } from './world/scope.js';

const ANON: MmapSpec = { kind: 'anon', huge: 'no', writable: true };
/** A file mapped shared read-write, private, and shared read-only. */
const FILE_MAPPINGS: readonly MmapSpec[] = [
  { kind: 'file-shared', huge: 'no', writable: true },
  { kind: 'file-private', huge: 'no', writable: true },
  { kind: 'file-shared', huge: 'no', writable: false },
];
const gup = (call: 'pin' | 'get', fast: boolean, write: boolean, longterm: boolean): GupSpec => ({ call, fast, write, longterm });
const PIN_W_LT = gup('pin', false, true, true);
const PIN_LT = gup('pin', false, false, true);
const PIN_W = gup('pin', false, true, false);
const PIN = gup('pin', false, false, false);
const GET = gup('get', false, false, false);
const PIN_FAST_W_LT = gup('pin', true, true, true);

const BIAS = 4;

export const SCOPES: readonly WorldScope[] = [
  {
    name: 'anon-fork',
    description: 'fork with anonymous memory: COW reuse, vmsplice in either process, R/W and R/O long-term pins, device DMA',
    procs: 2,
    addrs: 1,
    frames: 3,
    holders: 1,
    zeroPage: false,
    movable: [],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: [ANON],
    gups: [PIN_W_LT, PIN_LT, GET],
    ops: { write: true, munmap: true, fork: 'atomic', vmsplice: true, dma: 'read' },
  },
  {
    name: 'fork-race',
    description: 'fork split into check and write-protect, racing with GUP-fast R/W long-term pins of another thread',
    procs: 2,
    addrs: 1,
    frames: 3,
    holders: 1,
    zeroPage: false,
    movable: [],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: [ANON],
    gups: [PIN_FAST_W_LT],
    ops: { write: true, fork: 'split', dma: 'rw' },
  },
  {
    name: 'file',
    description: 'a file page mapped shared or private: direct I/O (short-term pins), R/O and R/W long-term pins, writeback, reclaim',
    procs: 1,
    addrs: 1,
    frames: 3,
    holders: 1,
    zeroPage: false,
    movable: [],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: FILE_MAPPINGS,
    gups: [PIN_W, PIN_LT, PIN_W_LT],
    ops: { read: true, write: true, dma: 'rw', writeback: true, reclaim: true },
  },
  {
    name: 'longterm',
    description: 'long-term pins, slow and fast, of anonymous pages allocated in ZONE_MOVABLE (F0), with migration',
    procs: 1,
    addrs: 1,
    frames: 3,
    holders: 1,
    zeroPage: false,
    movable: [0],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: [ANON],
    gups: [PIN_W_LT, PIN_FAST_W_LT],
    ops: { write: true, migrate: true },
  },
  {
    name: 'zero',
    description: 'the shared zero page at two never-written addresses: short-term and long-term R/O pins, unpin, COW from it',
    procs: 1,
    addrs: 2,
    frames: 3,
    holders: 2,
    zeroPage: true,
    movable: [],
    pinBias: BIAS,
    // Two pins of the zero page overflow it; one pin of any other page (at
    // most one holder per address) does not: the zero page is the page every
    // never-written address shares (seed 003).
    refLimit: 8,
    mmaps: [ANON],
    gups: [PIN, PIN_LT],
    ops: { write: true, dma: 'rw' },
  },
  {
    name: 'hugetlb',
    description: 'fork with a private hugetlb mapping: vmsplice in the child, munmap, parent write (cow.c hugetlb vmsplice cases)',
    procs: 2,
    addrs: 1,
    frames: 3,
    holders: 1,
    zeroPage: false,
    movable: [],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: [{ kind: 'anon', huge: 'hugetlb', writable: true }],
    gups: [],
    ops: { write: true, munmap: true, fork: 'atomic', vmsplice: true },
  },
  {
    name: 'anon-deep',
    description: 'deep: fork with anonymous memory and the zero page, two pins at once (slow R/W and R/O long-term, GUP-fast R/O long-term), DMA both ways, mprotect, munmap, exit',
    // Larger than anon-fork: a 4th frame (the zero page), 2 holders, read
    // faults, mprotect, exit, GUP-fast and DMA writes. A second address
    // (> 5M states by depth 11), MADV_DONTNEED (x5), get_user_pages() (x3)
    // or vmsplice() (x2.5) on top is too much for one design in seconds:
    // those stay in the default scopes.
    procs: 2,
    addrs: 1,
    frames: 4,
    holders: 2,
    zeroPage: true,
    movable: [],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: [ANON],
    gups: [PIN_W_LT, PIN_LT, gup('pin', true, false, true)],
    ops: { read: true, write: true, mprotect: true, munmap: true, fork: 'atomic', exit: true, dma: 'rw' },
  },
  {
    name: 'thp',
    description: 'deep: anonymous THP (large folios, pincount), fork, two references at once, DMA both ways, and misuse of release calls',
    // Large folios only: order-0 pages are in every other scope, and a second
    // mmap flavour doubles the space; a short-term R/O pin (it promises
    // nothing, unshares nothing) would add half again.
    procs: 2,
    addrs: 1,
    frames: 3,
    holders: 2,
    zeroPage: false,
    movable: [],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: [{ kind: 'anon', huge: 'thp', writable: true }],
    gups: [PIN_W_LT, PIN_LT, GET],
    ops: { read: true, write: true, munmap: true, fork: 'atomic', dma: 'rw' },
  },
  {
    name: 'file-deep',
    description: 'deep: two processes sharing a file page (shared, private, read-only), two pins at once, DMA both ways, writeback, reclaim',
    // Larger than file: a second process (fork), a 4th frame and 2 holders.
    // munmap (and with it remapping before fork) multiplies the space by more
    // than 10, migration (with no ZONE_MOVABLE frame it only renumbers
    // frames) by 4: they live in the default scopes.
    procs: 2,
    addrs: 1,
    frames: 4,
    holders: 2,
    zeroPage: false,
    movable: [],
    pinBias: BIAS,
    refLimit: 15,
    mmaps: FILE_MAPPINGS,
    gups: [PIN_W, PIN_LT, PIN_W_LT],
    ops: { read: true, write: true, fork: 'atomic', dma: 'rw', writeback: true, reclaim: true },
  },
];

export const DEFAULT_SCOPES = ['anon-fork', 'fork-race', 'file', 'longterm', 'zero', 'hugetlb'] as const;
export const DEEP_SCOPES = ['anon-deep', 'thp', 'file-deep'] as const;
