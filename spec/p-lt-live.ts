// P-LT-LIVE: a long-term pin fails with -ENOMEM only when memory is really
// short (kernel-background.md section 7). For a present, migratable page
// (no extra references) with a free longterm-pinnable frame to move it to,
// pin_user_pages(FOLL_LONGTERM) must migrate and pin, not fail. The world
// records each -ENOMEM returned while such a move was possible
// (models/world/gup.ts). Broken by 54d516b1d62f, fixed by its revert
// c36c04c2e132.
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';

export const pLtLive = (): Property<World> => ({
  name: 'P-LT-LIVE',
  kind: 'always',
  doc: 'pin_user_pages(FOLL_LONGTERM) returns -ENOMEM only when the page cannot be migrated to a pinnable free frame',
  holds: (s) => !s.ghost.ltEnomem,
});
