// D-REFS1: the rejected patch of seed 001: skip the pinnable check when
// refs == 1. Slow GUP works again, but GUP-fast also pins one page at a time.
import { COMMITS, DEEP, ERA, V5_11 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_REFS1: WorldDesign = {
  name: 'D-REFS1',
  title: 'skip the pinnable check when refs == 1 (rejected patch, Feb 2022)',
  provenance: {
    thread: 'seeds/001_2774651b67979670.txt: John Hubbard, "refs == 1" is not the same concept as "slow path"',
    commits: role('based-on', COMMITS.sharedHelper),
    notes: 'v5.17-rc1 with the proposed patch on top.',
  },
  choices: { ...V5_11, longtermCheck: 'refs1' },
  expected: expectations({
    'P-LT-PLACE': fail('pin_user_pages_fast(FOLL_LONGTERM) of one page skips the check and pins a ZONE_MOVABLE page', 3),
    'P-FAST': fail('GUP-fast pins a page that slow GUP would first migrate', 3),
    'P-COH-RO': ERA.roPinShared,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-COH-RW': DEEP.mprotectCopiesPinned,
  },
  fixedBy: { 'P-LT-PLACE': 'D-SEPARATE', 'P-FAST': 'D-SEPARATE' },
  counterexamples: [
    {
      property: 'P-LT-PLACE',
      scope: 'longterm',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: write(A)',
        'P0: pin_user_pages_fast(A, FOLL_WRITE|FOLL_LONGTERM)',
      ],
      note: "GUP-fast, one page, pins the ZONE_MOVABLE page.",
    },
    {
      property: 'P-FAST',
      scope: 'longterm',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: write(A)',
        'P0: pin_user_pages_fast(A, FOLL_WRITE|FOLL_LONGTERM)',
      ],
      note: "slow GUP would have migrated it first.",
    },
  ],
};
