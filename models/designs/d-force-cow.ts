// D-FORCE-COW: 17839856fd58 (v5.8): any GUP in a COW mapping breaks COW as if
// it were a write, so the GUP'd page is the caller's own copy.
import { COMMITS, ERA, V5_8 } from './eras.js';
import { expectations, fail, type WorldDesign } from './types.js';

export const D_FORCE_COW: WorldDesign = {
  name: 'D-FORCE-COW',
  title: 'any GUP in a COW mapping breaks COW as a write (17839856fd58, v5.8)',
  provenance: {
    thread: '"mm/gup: Allow real explicit breaking of COW" (Aug 2020); userfaultfd-wp breakage',
    commits: [COMMITS.forceCow, { ...COMMITS.removeForceCow, title: `removed by: ${COMMITS.removeForceCow.title}` }],
    notes: 'The v5.8 kernel. The uffd-wp application trace is not reproduced [U]; the model shows the root: a R/O GUP takes the write-fault path.',
  },
  choices: V5_8,
  expected: expectations({
    'P-RO-GUP-NOT-WRITE': fail('a read-only GUP of a never-written private page is handled as a write fault'),
    'P-ISO': fail('the forced COW break covers GUP after fork only: a page pinned before fork is shared by fork, the parent\'s write copies, the child\'s write reuses the pinned page (mapcount 1) and the device reads the child\'s data'),
    'P-COH-RW': ERA.forkAfterPin,
    'P-COH-RO': fail('a R/O long-term pin, made exclusive by the forced COW, is still write-protected by a later fork and copied away by the next write'),
    'P-FS': ERA.reclaimIgnoresPins,
  }),
  fixedBy: { 'P-RO-GUP-NOT-WRITE': 'D-REFCOUNT-NO-FORK-COPY' },
  counterexamples: [
    {
      property: 'P-RO-GUP-NOT-WRITE',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
      ],
      note: "a R/O GUP in a COW mapping takes the write-fault path (what broke userfaultfd-wp users; the uffd trace itself is not modelled).",
    },
  ],
};
