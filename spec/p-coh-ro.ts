// P-COH-RO: a read-only long-term pin is coherent with its owner's page table
// ("Longterm R/O pin is reliable" in tools/testing/selftests/mm/cow.c).
// While X holds a FOLL_LONGTERM pin without FOLL_WRITE on the page at A and
// has not remapped A, later writes by X at A are seen through the pin.
// Short-term R/O pins are not covered: mm/internal.h gup_must_unshare() says
// they "do not have the semantics to observe successive changes through the
// process page tables" (section 6.5). Broken before a7f226604170 (anon,
// v5.19) and 84209e87c696 (any COW mapping, v6.2).
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';

export const pCohRo = (): Property<World> => ({
  name: 'P-COH-RO',
  kind: 'always',
  doc: 'a R/O long-term pin sees the later writes of its owner while the owner has not remapped the address',
  holds: (s) => !s.ghost.staleRo,
});
