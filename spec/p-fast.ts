// P-FAST: GUP-fast is conservative (kernel-background.md section 2.7).
// Whenever GUP-fast takes a reference, slow GUP on the same state would have
// taken the same page as it is: not fault it, unshare it, migrate it or
// refuse it. The world compares the two on every fast success
// (models/world/gup.ts slowTakesAsIs()). Broken by skipping the pinnable
// check for refs == 1 (seed 001).
import type { Property } from '../checker/model.js';
import type { World } from '../models/world/state.js';

export const pFast = (): Property<World> => ({
  name: 'P-FAST',
  kind: 'always',
  doc: 'GUP-fast never grants a page that slow GUP would first fault, unshare, migrate or refuse',
  holds: (s) => !s.ghost.fastGrant,
});
