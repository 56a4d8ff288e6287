// P-FS: the filesystem is never surprised (kernel-background.md section 3.1).
// A page cache page is never dirty while it has no buffers: that state is
// what Jan Kara's race produces (reclaim cleans the page and releases its
// buffers while a GUP reference still writes it; set_page_dirty_lock() at
// I/O completion then dirties a page without buffers) and what ext4's
// writepage BUGs on. Writeback/reclaim can only avoid it if it sees the
// reference: FOLL_PIN (eddb1c228f79) plus folio_maybe_dma_pinned() in
// shrink_folio_list() (Jan Kara, "mm: do not reclaim private data from pinned
// page", 2023).
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';

export const pFs = (): Property<World> => ({
  name: 'P-FS',
  kind: 'always',
  doc: 'no page cache page is dirty without buffers (no write through a GUP reference behind writeback and reclaim)',
  holds: (s) => {
    for (const fr of s.frames) if (fr.use === 'file' && fr.dirty && !fr.buffers) return false;
    return true;
  },
});
