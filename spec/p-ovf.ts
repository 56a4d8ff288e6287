// P-OVF: no refcount overflow (kernel-background.md section 8). A refcount
// never exceeds 2^31 - 1 (scaled: the scope's limit). With a pin bias of
// 1024 that is 2^21 pins of one order-0 page; the shared zero page, mapped
// at every never-written private page of every process, reaches it from
// unprivileged userspace (seed 003). Underflow from an unbalanced release is
// P-BAL's business.
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';
import type { SpecContext } from './context.js';

export const pOvf = (ctx: SpecContext): Property<World> => ({
  name: 'P-OVF',
  kind: 'always',
  doc: 'no refcount exceeds 2^31 - 1 (scaled)',
  holds: (s) => {
    for (const fr of s.frames) if (fr.ref > ctx.limit) return false;
    return true;
  },
});
