// D-SEPARATE: c36c04c2e132 (v5.17-rc3) reverted the shared helper: slow GUP
// grabs, then check_and_migrate_movable_pages() migrates; fast GUP refuses.
import { COMMITS, DEEP, ERA, V5_11 } from './eras.js';
import { expectations, role, type WorldDesign } from './types.js';

export const D_SEPARATE: WorldDesign = {
  name: 'D-SEPARATE',
  title: 'revert: slow GUP grabs then migrates, fast GUP refuses (c36c04c2e132, v5.17-rc3)',
  provenance: {
    thread: 'seeds/001_2774651b67979670.txt: option (c)',
    commits: role('introduced', COMMITS.revertHelper),
    notes: 'The v5.17-rc3 kernel.',
  },
  choices: V5_11,
  expected: expectations({
    'P-COH-RO': ERA.roPinShared,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
    'P-ISO': ERA.hugetlbIso,
  }),
  deep: {
    'P-COH-RW': DEEP.mprotectCopiesPinned,
  },
};
