// Every property, in models/api.ts PROPERTY_NAMES order.
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';
import type { SpecContext } from './context.js';
import { pBal } from './p-bal.js';
import { pCohRo } from './p-coh-ro.js';
import { pCohRw } from './p-coh-rw.js';
import { pFast } from './p-fast.js';
import { pFs } from './p-fs.js';
import { pIso } from './p-iso.js';
import { pLtLive } from './p-lt-live.js';
import { pLtPlace } from './p-lt-place.js';
import { pNofn } from './p-nofn.js';
import { pOvf } from './p-ovf.js';
import { pRoGupNotWrite } from './p-ro-gup-not-write.js';

export type { SpecContext } from './context.js';

export function properties(ctx: SpecContext): Property<World>[] {
  return [
    pIso(),
    pCohRw(),
    pCohRo(),
    pFs(),
    pBal(),
    pOvf(ctx),
    pNofn(ctx),
    pLtPlace(ctx),
    pLtLive(),
    pFast(),
    pRoGupNotWrite(),
  ];
}
