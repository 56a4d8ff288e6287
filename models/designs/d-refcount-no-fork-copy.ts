// D-REFCOUNT-NO-FORK-COPY: 09854ba94c6a (v5.9-rc2): reuse only if refcount
// == 1; fork still shares pinned pages, so the parent's own write copies its
// page away from its own pin.
import { COMMITS, DEEP, ERA, V5_9_RC2 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_REFCOUNT_NO_FORK_COPY: WorldDesign = {
  name: 'D-REFCOUNT-NO-FORK-COPY',
  title: 'reuse only if refcount == 1; fork shares pinned pages (09854ba94c6a, v5.9-rc2..rc6)',
  provenance: {
    thread: 'seeds/004_48794d0cd149b12e.txt (mm: Introduce mm_struct.has_pinned); cow.c "fork() with an iouring fixed buffer"',
    commits: role('introduced', COMMITS.wpSimplify, COMMITS.removeForceCow),
    notes: 'The v5.9-rc2 kernel.',
  },
  choices: V5_9_RC2,
  expected: expectations({
    'P-COH-RW': fail('pin R/W; fork write-protects the pinned page; the parent\'s write copies (refcount > 1); the pin keeps the old page', 5),
    'P-COH-RO': ERA.roPinShared,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-ISO': DEEP.forkSharesPinned,
  },
  fixedBy: { 'P-COH-RW': 'D-HAS-PINNED' },
  counterexamples: [
    {
      property: 'P-COH-RW',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
        'P0: fork',
        'P0: write(A)',
        'device: dma_read(pin0)',
      ],
      history: [
        'P0: mmap(A, anon, private, rw)',
        'P0: write(A)',
        'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
        'P0: fork',
        'P0: write(A)',
        'device: dma_read(pin0)',
      ],
      note: "cow.c \"fork() with an iouring fixed buffer\": the pin faults the page in itself, so the first write is not needed.",
    },
  ],
};
