// D-ZERO-ASYM: hypothetical: skip the zero page on pin but not on unpin.
import { ERA, V6_5 } from './eras.js';
import { expectations, fail, type WorldDesign } from './types.js';

export const D_ZERO_ASYM: WorldDesign = {
  name: 'D-ZERO-ASYM',
  title: 'skip the zero page on pin but not on unpin (hypothetical)',
  provenance: {
    thread: 'seeds/003_deb809f93b741ddf.txt: "make unpin_user_page*() correspondingly ignore a ZERO_PAGE"',
    commits: [],
    notes: 'The current kernel with the unpin half of c8070b787519 missing.',
  },
  choices: { ...V6_5, zeroPagePin: 'skipped-on-pin-only' },
  expected: expectations({
    'P-BAL': fail('pin of the zero page adds nothing; unpin subtracts the bias', 3),
    'P-ISO': ERA.hugetlbIso,
  }),
  fixedBy: { 'P-BAL': 'D-ZERO-SKIP' },
  counterexamples: [
    {
      property: 'P-BAL',
      scope: 'zero',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A)',
        'P0: unpin_user_page(pin0)',
      ],
      note: "pin of the zero page adds nothing, unpin subtracts the bias.",
    },
  ],
};
