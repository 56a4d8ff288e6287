// D-LONGTERM-ONLY: Michal Hocko's question in seed 002: track pins only for
// FOLL_LONGTERM users. A proposal, so: today's kernel with that accounting.
import { ERA, V6_5 } from './eras.js';
import { expectations, fail, type WorldDesign } from './types.js';

export const D_LONGTERM_ONLY: WorldDesign = {
  name: 'D-LONGTERM-ONLY',
  title: 'only FOLL_LONGTERM users are tracked as pins (Hocko 2019, not merged)',
  provenance: {
    thread: 'seeds/002_3dc441eb5593b72f.txt: Michal Hocko "why the new pinning is not bound to FOLL_LONGTERM"; Jan Kara: "The new tracking cannot be bound to FOLL_LONGTERM"',
    commits: [],
    notes: 'A proposal never merged: the current kernel (v6.5+) with pins counted only for FOLL_LONGTERM callers.',
  },
  choices: { ...V6_5, accounting: 'longterm-pin' },
  expected: expectations({
    'P-FS': fail('short-term direct I/O is not tracked: reclaim releases the buffers of the page it writes', 4),
    'P-NOFN': fail('a short-term pin_user_pages() caller holds the page but folio_maybe_dma_pinned() is false', 2),
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-ISO': fail('a short-term R/W pin (O_DIRECT read into the COWed page of a private file mapping) is not counted, so fork shares the page instead of copying it; the device\'s write reaches the child', 5),
    'P-COH-RW': fail('fork shares the uncounted short-term-pinned page and write-protects it; the parent\'s write copies it away from the pin, losing the O_DIRECT read', 5),
  },
  fixedBy: { 'P-FS': 'D-CURRENT', 'P-NOFN': 'D-CURRENT' },
  counterexamples: [
    {
      property: 'P-FS',
      scope: 'file',
      trace: [
        'P0: mmap(A, file, shared, rw)',
        'P0: pin_user_pages(A, FOLL_WRITE)',
        'kernel: reclaim(file)',
        'P0: unpin_user_page(pin0)',
      ],
      note: "the same race with short-term O_DIRECT, which this design does not track (Jan Kara, seed 002).",
    },
    {
      property: 'P-NOFN',
      scope: 'file',
      trace: [
        'P0: mmap(A, file, shared, rw)',
        'P0: pin_user_pages(A, FOLL_WRITE)',
      ],
      note: "a short-term pin is not counted.",
    },
  ],
};
