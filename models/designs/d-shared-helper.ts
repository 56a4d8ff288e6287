// D-SHARED-HELPER: 54d516b1d62f (v5.17-rc1) made slow GUP's try_grab_page()
// call the fast path's helper, whose "FOLL_LONGTERM on an unpinnable page:
// fail and fall back" rule has nothing to fall back to in the slow path.
import { COMMITS, DEEP, ERA, V5_11 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_SHARED_HELPER: WorldDesign = {
  name: 'D-SHARED-HELPER',
  title: 'slow GUP uses the fast helper with its "unpinnable: fail" rule (54d516b1d62f, v5.17-rc1)',
  provenance: {
    thread: 'seeds/001_2774651b67979670.txt (mm/gup: skip pinnable check for refs==1)',
    commits: [...role('introduced', COMMITS.sharedHelper), ...role('reverted-by', COMMITS.revertHelper)],
    notes: 'The v5.17-rc1 kernel (v5.11 COW and fork rules).',
  },
  choices: { ...V5_11, longtermCheck: 'shared-helper' },
  expected: expectations({
    'P-LT-LIVE': fail('pin_user_pages(FOLL_LONGTERM) on a ZONE_MOVABLE page: try_grab_page() fails, follow_page_pte() returns -ENOMEM, nothing migrates', 2),
    'P-COH-RO': ERA.roPinShared,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-COH-RW': DEEP.mprotectCopiesPinned,
  },
  fixedBy: { 'P-LT-LIVE': 'D-SEPARATE' },
  counterexamples: [
    {
      property: 'P-LT-LIVE',
      scope: 'longterm',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
      ],
      history: [
        'P0: mmap(A, anon, private, rw)',
        'P0: write(A)',
        'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
      ],
      note: "the page is faulted into ZONE_MOVABLE (F0) by the pin itself, then try_grab_page() refuses it: -ENOMEM.",
    },
  ],
};
