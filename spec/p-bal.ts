// P-BAL: balanced accounting (kernel-background.md sections 2.5, 8). Every
// release removes exactly what its acquire added (a pin released with
// put_page() leaks 1023 references, a get released with unpin_user_page()
// underflows; a zero page skipped on pin must be skipped on unpin), and every
// frame's counters equal what accounts for them: refcount = mappings + page
// cache + what each holder added (+1 for the zero page's own reference),
// mapcount = PTEs mapping it, pincount = pins that added to it.
import type { Property } from '../checker/model.js';
import { NONE, type World } from '../models/world/state.js';

/** The refcount, mapcount and pincount the world accounts for frame f. */
export function accountedCounters(s: Readonly<World>, f: number): { ref: number; map: number; pincount: number } {
  const fr = s.frames[f];
  if (fr.use === 'free') return { ref: 0, map: 0, pincount: 0 };
  let map = 0;
  if (fr.use !== 'zero') for (const pr of s.procs) for (const pte of pr.ptes) if (pte.frame === f) map++;
  let ref = map + (fr.use === 'zero' ? 1 : 0) + (s.file.frame === f ? 1 : 0);
  let pincount = 0;
  for (const ho of s.holders) {
    if (ho.use === 'none' || ho.frame !== f) continue;
    ref += ho.refAdded;
    if (ho.pincAdded) pincount++;
  }
  return { ref, map, pincount };
}

export const pBal = (): Property<World> => ({
  name: 'P-BAL',
  kind: 'always',
  doc: 'releases mirror acquires, and refcount/mapcount/pincount equal what mappings, the page cache and holders contribute',
  holds: (s) => {
    if (s.ghost.unbalanced) return false;
    for (let f = 0; f < s.frames.length; f++) {
      const fr = s.frames[f];
      if (fr.use === 'free') continue;
      const want = accountedCounters(s, f);
      if (fr.ref !== want.ref || fr.map !== want.map || fr.pincount !== want.pincount) return false;
    }
    for (const ho of s.holders) if (ho.use !== 'none' && (ho.frame === NONE || s.frames[ho.frame].use === 'free')) return false;
    return true;
  },
});
