// D-MIX: API misuse, a pin released with put_page() or a plain reference with
// unpin_user_page(). The counters no longer balance.
import { ERA, V6_5 } from './eras.js';
import { expectations, fail, type WorldDesign } from './types.js';

export const D_MIX: WorldDesign = {
  name: 'D-MIX',
  title: 'API misuse: pin released with put_page(), get released with unpin_user_page()',
  provenance: {
    thread: 'seeds/000_5d545177cf72bd88.txt: "what matters is that the effect must be undone with un-PUP"',
    commits: [],
    notes: 'The current kernel with callers allowed to mix the release calls (Documentation/core-api/pin_user_pages.rst forbids it).',
  },
  choices: { ...V6_5, misuse: true },
  expected: expectations({
    'P-BAL': fail('put_page() of a pin removes 1 of the bias: the rest leaks and the page looks pinned forever', 3),
    'P-ISO': ERA.hugetlbIso,
  }),
  fixedBy: { 'P-BAL': 'D-CURRENT' },
  counterexamples: [
    {
      property: 'P-BAL',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
        'P0: put_page(pin0)',
      ],
      note: "pin P; put_page(P): refcount keeps bias - 1 too many, P looks pinned forever.",
    },
  ],
};
