// D-GET: before v5.6 every GUP user takes a plain reference and releases it
// with put_page(); nothing marks "this page's data is being accessed".
import { COMMITS, DEEP, ERA, V5_5 } from './eras.js';
import { expectations, fail, role, type WorldDesign } from './types.js';

export const D_GET: WorldDesign = {
  name: 'D-GET',
  title: 'GUP takes plain references; nothing marks data access (before v5.6)',
  provenance: {
    thread: 'seeds/002_3dc441eb5593b72f.txt (put_user_page conversion, Aug 2019); Jan Kara, linux-fsdevel Jan 2018',
    commits: role('fixed-by', COMMITS.pinUserPages),
    notes: 'The v5.5 kernel: pin_user_pages()/unpin_user_page() in the action texts name the call sites that v5.6 converted; here they take and drop plain references.',
  },
  choices: V5_5,
  expected: expectations({
    'P-FS': fail('direct I/O into a shared file mapping takes a plain reference; reclaim cannot see it, releases the buffers, and I/O completion dirties a page without buffers', 4),
    'P-NOFN': fail('a data-access reference is a plain reference: folio_maybe_dma_pinned() cannot see it', 2),
    'P-ISO': ERA.mapcountIso,
    'P-COH-RW': ERA.forkAfterPin,
    'P-COH-RO': ERA.roPinShared,
  }),
  deep: {
    'P-ISO': DEEP.forkSharesPinned,
  },
  fixedBy: { 'P-FS': 'D-CURRENT', 'P-NOFN': 'D-PIN' },
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
      note: "Jan Kara's race: O_DIRECT read into a shared file mapping (here a plain reference), reclaim writes the page back and releases its buffers, I/O completion dirties it.",
    },
    {
      property: 'P-NOFN',
      scope: 'anon-fork',
      trace: [
        'P0: mmap(A, anon, private, rw)',
        'P0: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)',
      ],
      note: "a data-access reference that folio_maybe_dma_pinned() cannot see.",
    },
  ],
};
