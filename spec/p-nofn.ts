// P-NOFN: folio_maybe_dma_pinned() has no false negatives
// (Documentation/core-api/pin_user_pages.rst: false positives are fine,
// false negatives are not). Every page held by a pin_user_pages*() caller
// (one that accesses page data) answers "maybe pinned", so that fork,
// writeback, reclaim and migration can tell. The shared zero page is
// excluded: since c8070b787519 pinning it is deliberately a no-op, it is
// never written back, migrated or copied at fork.
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';
import type { SpecContext } from './context.js';

export const pNofn = (ctx: SpecContext): Property<World> => ({
  name: 'P-NOFN',
  kind: 'always',
  doc: 'every page held by a data-access (pin_user_pages) caller is reported by folio_maybe_dma_pinned()',
  holds: (s) => {
    for (const ho of s.holders) {
      if (ho.use !== 'pin') continue;
      const fr = s.frames[ho.frame];
      if (fr.use === 'zero') continue;
      if (!(fr.large ? fr.pincount > 0 : fr.ref >= ctx.bias)) return false;
    }
    return true;
  },
});
