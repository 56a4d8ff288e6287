// D-FORCE-WRITE-RO-PIN: RDMA/VFIO took read-only registrations as
// FOLL_FORCE|FOLL_WRITE pins so they would stay coherent (section 6.2).
import { COMMITS, DEEP, ERA, V5_11 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_FORCE_WRITE_RO_PIN: WorldDesign = {
  name: 'D-FORCE-WRITE-RO-PIN',
  title: 'R/O long-term registrations taken as FOLL_FORCE|FOLL_WRITE pins (RDMA/VFIO before v6.2)',
  provenance: {
    thread: 'seeds/004_48794d0cd149b12e.txt (Linus: a R/O pin has no "private access" mark); Jason Gunthorpe, Dec 2021',
    commits: role('removed-by', COMMITS.rdmaNoForce),
    notes: 'The v5.11..v5.18 kernel with R/O long-term pins forced to writes. Keeps R/O pins coherent, at the cost of handling them as writes and refusing them on R/O shared mappings.',
  },
  choices: { ...V5_11, roLongtermForcedWrite: true },
  expected: expectations({
    'P-RO-GUP-NOT-WRITE': fail('a R/O registration takes the write-fault path (and is refused on a R/O shared mapping: FOLL_FORCE writes only COW mappings)', 2),
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-COH-RW': DEEP.mprotectCopiesPinned,
    'P-COH-RO': fail('a R/O registration is a R/W pin here, so mprotect(r), mprotect(rw) and a write copy it away from the pin as they do any R/W pin', 6),
  },
  fixedBy: { 'P-RO-GUP-NOT-WRITE': 'D-COW-UNSHARE' },
  counterexamples: [
    {
      property: 'P-RO-GUP-NOT-WRITE',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
      ],
      note: "a R/O registration takes the write-fault path.",
    },
    {
      property: 'P-RO-GUP-NOT-WRITE',
      scope: 'file',
      trace: [
        'P0: mmap(A, file, shared, rw)',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
      ],
      history: [
        'P0: mmap(A, file, shared, r)',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
      ],
      note: "history: a R/O registration of a R/O shared file mapping is refused (FOLL_FORCE writes only COW mappings: Linus, seed 004).",
    },
  ],
};
