// P-LT-PLACE: no long-term pin on a ZONE_MOVABLE/CMA frame
// (kernel-background.md section 2.6, 7): such frames are not
// folio_is_longterm_pinnable(); GUP must migrate them first
// (check_and_migrate_movable_pages()). mm/gup_test.c checks it after
// PIN_LONGTERM ("is NOT pinnable but pinned").
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';
import type { SpecContext } from './context.js';

export const pLtPlace = (ctx: SpecContext): Property<World> => ({
  name: 'P-LT-PLACE',
  kind: 'always',
  doc: 'no FOLL_LONGTERM pin refers to a ZONE_MOVABLE/CMA frame',
  holds: (s) => {
    for (const ho of s.holders) if (ho.use === 'pin' && ho.longterm && ctx.movable[ho.frame]) return false;
    return true;
  },
});
