// D-CURRENT: the kernel today (v6.5+): D-PIN accounting, D-COW-UNSHARE,
// D-SEPARATE, D-ZERO-SKIP, reclaim that leaves pinned pages alone, and the
// refusal of long-term R/W pins of shared file pages.
import { COMMITS, ERA, V6_5 } from './eras.js';
import { expectations, role, type WorldDesign } from './types.js';

export const D_CURRENT: WorldDesign = {
  name: 'D-CURRENT',
  title: 'the current kernel (v6.5+): PIN + COW-UNSHARE + SEPARATE + ZERO-SKIP + long-term file write refusal',
  provenance: {
    thread: 'kernel-background.md sections 6.3-6.5, 7, 8',
    commits: role('introduced', COMMITS.reliableRo, COMMITS.revertHelper, COMMITS.zeroSkip, COMMITS.refuseLtFile, COMMITS.refuseLtFileFast),
    notes: 'What section 6.5 documents as still unreliable stays an expected failure: hugetlb + vmsplice. Short-term R/O pins of file pages and FOLL_GET references promise no coherence, so no property covers them.',
  },
  choices: V6_5,
  expected: expectations({ 'P-ISO': ERA.hugetlbIso }),
  counterexamples: [
    {
      property: 'P-ISO',
      scope: 'hugetlb',
      trace: [
        'P0: mmap(A, anon, private, rw, hugetlb)',
        'P0: vmsplice(A)',
        'P0: fork',
        'P0: write(A)',
        'P1: write(A)',
        'pipe: read',
      ],
      history: [
        'P0: mmap(A, anon, private, rw, hugetlb)',
        'P0: write(A)',
        'P0: fork',
        'P1: vmsplice(A)',
        'P1: munmap(A)',
        'P0: write(A)',
        'pipe: read',
      ],
      note: "the expected failure: hugetlb + vmsplice (cow.c XFAIL); shortest is \"vmsplice() before fork()\", history \"vmsplice() + unmap in child\".",
    },
  ],
};
