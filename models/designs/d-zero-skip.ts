// D-ZERO-SKIP: c8070b787519 (v6.5): pin_user_pages*() returns the zero page
// without touching its counters; unpin_user_page*() ignores it.
import { COMMITS, ERA, V6_5 } from './eras.js';
import { expectations, role, type WorldDesign } from './types.js';

export const D_ZERO_SKIP: WorldDesign = {
  name: 'D-ZERO-SKIP',
  title: 'pin and unpin of the zero page are no-ops (c8070b787519, v6.5)',
  provenance: {
    thread: 'seeds/003_deb809f93b741ddf.txt, seeds/000_5d545177cf72bd88.txt',
    commits: role('introduced', COMMITS.zeroSkip),
    notes: 'The v6.5 kernel; the same choices as D-CURRENT.',
  },
  choices: V6_5,
  expected: expectations({ 'P-ISO': ERA.hugetlbIso }),
};
