// The catalog: kernel-background.md section 10 in table order, then D-CURRENT.
import { D_ANON_EXCL } from './d-anon-excl.js';
import { D_CONVERT_ALL } from './d-convert-all.js';
import { D_COW_UNSHARE } from './d-cow-unshare.js';
import { D_CURRENT } from './d-current.js';
import { D_FORCE_COW } from './d-force-cow.js';
import { D_FORCE_WRITE_RO_PIN } from './d-force-write-ro-pin.js';
import { D_FORK_NO_SEQCOUNT } from './d-fork-no-seqcount.js';
import { D_GET } from './d-get.js';
import { D_HAS_PINNED } from './d-has-pinned.js';
import { D_LONGTERM_ONLY } from './d-longterm-only.js';
import { D_MAPCOUNT } from './d-mapcount.js';
import { D_MIX } from './d-mix.js';
import { D_PIN } from './d-pin.js';
import { D_PIN_ZERO } from './d-pin-zero.js';
import { D_REFCOUNT_NO_FORK_COPY } from './d-refcount-no-fork-copy.js';
import { D_REFS1 } from './d-refs1.js';
import { D_SEPARATE } from './d-separate.js';
import { D_SHARED_HELPER } from './d-shared-helper.js';
import { D_ZERO_ASYM } from './d-zero-asym.js';
import { D_ZERO_SKIP } from './d-zero-skip.js';
import type { WorldDesign } from './types.js';

export const DESIGNS: readonly WorldDesign[] = [
  D_GET,
  D_LONGTERM_ONLY,
  D_CONVERT_ALL,
  D_PIN,
  D_MIX,
  D_MAPCOUNT,
  D_FORCE_COW,
  D_REFCOUNT_NO_FORK_COPY,
  D_HAS_PINNED,
  D_FORK_NO_SEQCOUNT,
  D_FORCE_WRITE_RO_PIN,
  D_ANON_EXCL,
  D_COW_UNSHARE,
  D_SHARED_HELPER,
  D_REFS1,
  D_SEPARATE,
  D_PIN_ZERO,
  D_ZERO_ASYM,
  D_ZERO_SKIP,
  D_CURRENT,
];
