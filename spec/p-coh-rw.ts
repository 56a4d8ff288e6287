// P-COH-RW: a write pin is coherent with its owner's page table
// (kernel-background.md section 4). While process X holds a FOLL_WRITE pin on
// the page mapped at A and has not itself unmapped or remapped A, the device
// and X see the same data: each device read through the pin and each CPU read
// by X at A compares the two (models/world/holders.ts checkPinCoherence()).
// Broken by fork after pinning under the refcount rule (section 5.4, fixed by
// 70e806e4e645) and by the fork/GUP-fast race (fixed by 57efa1fe5957).
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';

export const pCohRw = (): Property<World> => ({
  name: 'P-COH-RW',
  kind: 'always',
  doc: 'a FOLL_WRITE pin and its owner see the same data while the owner has not remapped the address',
  holds: (s) => !s.ghost.staleRw,
});
