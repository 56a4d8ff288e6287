// D-COW-UNSHARE: v6.2: a R/O long-term pin of anything in a COW mapping
// (page cache page, zero page) first replaces it by an exclusive anon copy.
import { COMMITS, ERA, V6_2 } from './eras.js';
import { expectations, role, type WorldDesign } from './types.js';

export const D_COW_UNSHARE: WorldDesign = {
  name: 'D-COW-UNSHARE',
  title: 'R/O long-term pins unshare anything in a COW mapping (v6.2)',
  provenance: {
    thread: 'seeds/004_48794d0cd149b12e.txt (the cost Linus predicted: the page is detached from the file)',
    commits: role('introduced', COMMITS.unshareCow, COMMITS.reliableRo, COMMITS.rdmaNoForce),
    notes: 'The v6.2 kernel. Short-term R/O pins of file pages stay unshared by design (no property covers them).',
  },
  choices: V6_2,
  expected: expectations({
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
};
