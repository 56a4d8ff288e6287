// D-MAPCOUNT: before v5.8 a write fault reuses an anonymous page whose
// mapcount is 1; GUP references are invisible to that test (CVE-2020-29374).
import { COMMITS, DEEP, ERA, V5_6 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_MAPCOUNT: WorldDesign = {
  name: 'D-MAPCOUNT',
  title: 'write fault reuses an anon page if mapcount == 1 (before v5.8)',
  provenance: {
    thread: 'Jann Horn, Project Zero issue 2045; tools/testing/selftests/mm/cow.c "vmsplice() + unmap in child"',
    commits: role('fixed-by', COMMITS.wpSimplify),
    notes: 'The v5.7 kernel (FOLL_PIN exists since v5.6; the reuse rule is reuse_swap_page()). Same choices as D-PIN: this entry is the COW rule\'s, D-PIN the accounting\'s.',
  },
  choices: V5_6,
  expected: expectations({
    'P-ISO': fail('fork; child vmsplice(); child munmap; parent write reuses the page (mapcount 1); the pipe shows the parent\'s data (CVE-2020-29374)', 6),
    'P-COH-RW': ERA.forkAfterPin,
    'P-COH-RO': ERA.roPinShared,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
  }),
  deep: {
    'P-ISO': DEEP.forkSharesPinned,
  },
  fixedBy: { 'P-ISO': 'D-REFCOUNT-NO-FORK-COPY' },
  counterexamples: [
    {
      property: 'P-ISO',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
        'P0: fork',
        'P0: write(A)',
        'P1: write(A)',
        'device: dma_read(pin0)',
      ],
      history: [
        'P0: mmap(A, anon, private, rw)',
        'P0: write(A)',
        'P0: fork',
        'P1: vmsplice(A)',
        'P1: munmap(A)',
        'P0: write(A)',
        'pipe: read',
      ],
      note: "shortest: the mirror case (reference taken before fork; the parent's write copies, the child's write reuses the referenced page at mapcount 1). history: CVE-2020-29374, \"vmsplice() + unmap in child\".",
    },
  ],
};
