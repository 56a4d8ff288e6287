// P-RO-GUP-NOT-WRITE: a read-only GUP is never handled as a write
// (kernel-background.md sections 5.2, 5.5). A GUP without FOLL_WRITE must not
// take the write-fault path (break COW as a write, make a PTE writable, call
// page_mkwrite) nor be refused for lack of write permission. Broken by
// 17839856fd58 (forced COW break on GUP) and by RDMA's R/O registrations
// taken as FOLL_FORCE|FOLL_WRITE (removed by b40656aa7d55).
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';

export const pRoGupNotWrite = (): Property<World> => ({
  name: 'P-RO-GUP-NOT-WRITE',
  kind: 'always',
  doc: 'a GUP without FOLL_WRITE never takes the write-fault path nor is refused for lack of write permission',
  holds: (s) => !s.ghost.roWrite,
});
