// D-CONVERT-ALL: John Hubbard's 2019 plan, every GUP caller released with
// put_user_page() and counted as a pin, including struct-page-only users
// (munlock). Safe, but over-approximating: plain references look pinned.
import { V6_5 } from './eras.js';
import { expectations, role, type WorldDesign } from './types.js';

export const D_CONVERT_ALL: WorldDesign = {
  name: 'D-CONVERT-ALL',
  title: 'every GUP reference is counted as a pin (Hubbard 2019, not merged in this form)',
  provenance: {
    thread: 'seeds/002_3dc441eb5593b72f.txt: Vlastimil Babka and Michal Hocko object that struct-page users (munlock) would count as pins',
    commits: role('based-on', { id: 'fc1d8e7cca2d', title: 'mm: introduce put_user_page*(), placeholder versions', kernel: 'v5.3 [U]' }),
    notes: 'A proposal: the current kernel with get_user_pages*() and vmsplice() also counted as pins. It breaks no safety property, only precision (false positives of folio_maybe_dma_pinned()). As vmsplice() then pins, its R/O pin unshares the hugetlb page, so even the hugetlb leak closes.',
  },
  choices: { ...V6_5, accounting: 'pin-all' },
  expected: expectations({}),
};
