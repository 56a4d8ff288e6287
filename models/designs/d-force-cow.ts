// D-FORCE-COW: 17839856fd58 (v5.8): any GUP in a COW mapping breaks COW as if
// it were a write, so the GUP'd page is the caller's own copy.
import { COMMITS, DEEP, ERA, V5_8 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_FORCE_COW: WorldDesign = {
  name: 'D-FORCE-COW',
  title: 'any GUP in a COW mapping breaks COW as a write (17839856fd58, v5.8)',
  provenance: {
    thread: '"mm/gup: Allow real explicit breaking of COW" (Aug 2020); userfaultfd-wp breakage',
    commits: [...role('introduced', COMMITS.forceCow), ...role('removed-by', COMMITS.removeForceCow)],
    notes: 'The v5.8 kernel. userfaultfd is not modelled: umapsort write-protected a page with UFFDIO_WRITEPROTECT and wrote it to a file with write(); the file system\'s R/O GUP became a write fault, which blocked in handle_userfault() on the thread that was to resolve it (Peter Xu, "mm/gup: Allow real explicit breaking of COW", Aug 2020; docs/kernel-facts.md). The model shows the root: a R/O GUP takes the write-fault path.',
  },
  choices: V5_8,
  expected: expectations({
    'P-RO-GUP-NOT-WRITE': fail('a read-only GUP of a never-written private page is handled as a write fault', 2),
    'P-ISO': fail('the forced COW break covers GUP after fork only: a page pinned before fork is shared by fork, the parent\'s write copies, the child\'s write reuses the pinned page (mapcount 1) and the device reads the child\'s data', 6),
    'P-COH-RW': ERA.forkAfterPin,
    'P-COH-RO': fail('a R/O long-term pin, made exclusive by the forced COW, is still write-protected by a later fork and copied away by the next write', 5),
    'P-FS': ERA.reclaimIgnoresPins,
  }),
  deep: {
    'P-ISO': DEEP.forkSharesPinned,
  },
  fixedBy: { 'P-RO-GUP-NOT-WRITE': 'D-REFCOUNT-NO-FORK-COPY' },
  counterexamples: [
    {
      property: 'P-RO-GUP-NOT-WRITE',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
      ],
      note: "a R/O GUP in a COW mapping takes the write-fault path (on a uffd-wp-protected page that fault blocks in handle_userfault(): umapsort hung).",
    },
  ],
};
