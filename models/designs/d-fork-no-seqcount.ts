// D-FORK-NO-SEQCOUNT: v5.9-rc7..v5.10: fork's "is it pinned?" check and
// GUP-fast are not serialised; a pin can land between the check and the
// write-protect.
import { COMMITS, DEEP, ERA, V5_9_RC7 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_FORK_NO_SEQCOUNT: WorldDesign = {
  name: 'D-FORK-NO-SEQCOUNT',
  title: 'fork and GUP-fast not serialised (v5.9-rc7 .. v5.10, before 57efa1fe5957)',
  provenance: {
    thread: '57efa1fe5957 commit message (Jason Gunthorpe, Dec 2020)',
    commits: [...role('introduced', COMMITS.earlyCow), ...role('fixed-by', COMMITS.seqcount)],
    notes: 'The v5.9-rc7 kernel.',
  },
  choices: V5_9_RC7,
  expected: expectations({
    'P-COH-RW': fail('fork checks the page is not pinned; GUP-fast pins it from the still-writable PTE; fork write-protects and shares it; the parent\'s write copies it away from the pin', 7),
    'P-COH-RO': ERA.roPinShared,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-COH-RW': DEEP.mprotectCopiesPinned,
  },
  fixedBy: { 'P-COH-RW': 'D-HAS-PINNED' },
  counterexamples: [
    {
      property: 'P-COH-RW',
      scope: 'fork-race',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: write(A)',
        'P0: fork_begin',
        'P0: pin_user_pages_fast(A, FOLL_WRITE|FOLL_LONGTERM)',
        'P0: fork_end',
        'P0: write(A)',
        'device: dma_read(pin0)',
      ],
      note: "the race of the 57efa1fe5957 commit message: fork checks, GUP-fast pins, fork write-protects.",
    },
  ],
};
