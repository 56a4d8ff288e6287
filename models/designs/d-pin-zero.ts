// D-PIN-ZERO: before c8070b787519 the shared zero page is pinned like any
// order-0 page: +1024 per pin, 2^21 pins overflow it.
import { COMMITS, ERA, V6_4 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_PIN_ZERO: WorldDesign = {
  name: 'D-PIN-ZERO',
  title: 'the zero page is pinned like any order-0 page (before c8070b787519)',
  provenance: {
    thread: 'seeds/003_deb809f93b741ddf.txt, seeds/000_5d545177cf72bd88.txt',
    commits: role('fixed-by', COMMITS.zeroSkip),
    notes: 'The v6.4 kernel: R/O long-term pins already unshare the zero page (v6.2), so the overflow comes from short-term pins (O_DIRECT writes from never-written memory).',
  },
  choices: V6_4,
  expected: expectations({
    'P-OVF': fail('read-fault maps the zero page at two addresses; a short-term R/O pin of each adds the bias twice: refcount over the limit (32768 x 64-page O_DIRECT writes in the kernel)', 4),
    'P-ISO': ERA.hugetlbIso,
  }),
  fixedBy: { 'P-OVF': 'D-ZERO-SKIP' },
  counterexamples: [
    {
      property: 'P-OVF',
      scope: 'zero',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A)',
        'P0: mmap(B, anon, private, rw)',
        'P0: pin_user_pages(B)',
      ],
      note: "each R/O pin read-faults the zero page in and adds the bias: 2 pins here, 2^21 in the kernel.",
    },
  ],
};
