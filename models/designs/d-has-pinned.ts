// D-HAS-PINNED: Peter Xu's has_pinned series (v5.9-rc7) with its fork race
// closed (57efa1fe5957, v5.11): fork copies maybe-pinned anon pages of an mm
// that ever pinned. R/O pins of shared pages are still not made exclusive.
import { COMMITS, DEEP, ERA, V5_11 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_HAS_PINNED: WorldDesign = {
  name: 'D-HAS-PINNED',
  title: 'has_pinned + copy maybe-pinned anon pages at fork (v5.9-rc7; with the seqcount, v5.11 .. v5.18)',
  provenance: {
    thread: 'seeds/004_48794d0cd149b12e.txt: Linus on the read-pin/write-pin asymmetry',
    commits: role('introduced', COMMITS.hasPinned, COMMITS.earlyCow, COMMITS.seqcount),
    notes: 'The v5.11..v5.18 kernel. D-FORK-NO-SEQCOUNT is the same design before 57efa1fe5957.',
  },
  choices: V5_11,
  expected: expectations({
    'P-COH-RO': fail('write; fork (child alive); R/O long-term pin of the shared page; parent write copies it (refcount > 1); the pin is stale ("R/O GUP pin on R/O-mapped shared page")', 4),
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-COH-RW': DEEP.mprotectCopiesPinned,
  },
  fixedBy: { 'P-COH-RO': 'D-ANON-EXCL' },
  counterexamples: [
    {
      property: 'P-COH-RO',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: write(A)',
        'P0: fork',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
        'P0: write(A)',
        'device: dma_read(pin0)',
      ],
      note: "cow.c \"R/O GUP pin on R/O-mapped shared page\", step for step.",
    },
  ],
};
