// D-ANON-EXCL: PageAnonExclusive and FAULT_FLAG_UNSHARE (v5.19): R/O pins of
// shared anon pages unshare them; write faults reuse exclusive pages even
// with extra references. Private file pages and the zero page are not
// unshared.
import { COMMITS, ERA, V5_19 } from './eras.js';
import { expectations, role, type WorldDesign } from './types.js';

export const D_ANON_EXCL: WorldDesign = {
  name: 'D-ANON-EXCL',
  title: 'PageAnonExclusive; unshare on R/O pin of anon; reuse if exclusive (v5.19)',
  provenance: {
    thread: '"COW fixes part 2: reliable GUP pins of anonymous pages" (David Hildenbrand, 2022)',
    commits: role('introduced', COMMITS.anonExclusive, COMMITS.unshareFault, COMMITS.unshareAnon),
    notes: 'The v5.19 kernel.',
  },
  choices: V5_19,
  expected: expectations({
    'P-COH-RO': ERA.roPinFile,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  fixedBy: { 'P-COH-RO': 'D-COW-UNSHARE' },
  counterexamples: [
    {
      property: 'P-COH-RO',
      scope: 'file',
      trace: [
        'P0: mmap(A, file, private, rw)',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
        'P0: write(A)',
        'P0: read(A)',
      ],
      history: [
        'P0: mmap(A, file, private, rw)',
        'P0: read(A)',
        'P0: pin_user_pages(A, FOLL_LONGTERM)',
        'P0: write(A)',
        'device: dma_read(pin0)',
      ],
      note: "cow.c \"R/O longterm GUP pin ... with memfd/tmpfile\": the pin faults the page cache page in itself.",
    },
  ],
};
