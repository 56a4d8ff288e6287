// P-ISO: no COW leak, in either direction (kernel-background.md section 4).
// After fork, data one process writes to its private memory is never seen by
// the other, through its page table or through any reference it took (a
// vmsplice() pipe buffer, a pin read by a device). The world records each
// observation of a frame holding another process's post-fork private write
// (models/world/holders.ts observeFrame()); the property is that none happened.
// Broken by mapcount-based reuse (CVE-2020-29374, section 5.1); fixed for anon
// pages by 09854ba94c6a (refcount rule).
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';

export const pIso = (): Property<World> => ({
  name: 'P-ISO',
  kind: 'always',
  doc: "no process observes another process's post-fork private writes, through its page table or any reference it holds",
  holds: (s) => !s.ghost.leak,
});
