// D-PIN: pin_user_pages*() / unpin_user_page*(), FOLL_PIN counted with a bias
// of 1024 on order-0 pages and an exact pincount on large folios (v5.6).
import { COMMITS, DEEP, ERA, V5_6 } from './eras.js';
import { expectations, role, type WorldDesign } from './types.js';

export const D_PIN: WorldDesign = {
  name: 'D-PIN',
  title: 'FOLL_PIN via pin_user_pages(), released by unpin_user_page(); bias 1024 / pincount (v5.6)',
  provenance: {
    thread: 'seeds/002_3dc441eb5593b72f.txt, seeds/000_5d545177cf72bd88.txt',
    commits: role('introduced', COMMITS.pinUserPages, COMMITS.trackPins),
    notes: 'The v5.6 kernel: the accounting that is still current, with the COW, fork, zero page and reclaim rules of its time.',
  },
  choices: V5_6,
  expected: expectations({
    'P-ISO': ERA.mapcountIso,
    'P-COH-RW': ERA.forkAfterPin,
    'P-COH-RO': ERA.roPinShared,
    'P-FS': ERA.reclaimIgnoresPins,
    'P-OVF': ERA.zeroPageOverflow,
  }),
  deep: {
    'P-ISO': DEEP.forkSharesPinned,
  },
};
