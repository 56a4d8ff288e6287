// The kernel at each point of the history, as design choices, and the known
// failures every design of that era shares. A historical design is its era
// plus its own change; a proposal that was never merged is the current
// kernel plus the proposal (what it would do today).
import type { DesignChoices } from '../world/choices.js';
import type { Commit } from '../api.js';
import { fail, xfail } from './types.js';

/** Before v5.6: no FOLL_PIN, mapcount-based COW reuse. */
export const V5_5: DesignChoices = {
  accounting: 'get',
  misuse: false,
  anonReuse: 'mapcount',
  hugetlbReuse: 'mapcount',
  forceCowOnGup: false,
  forkCopyPinned: false,
  forkSeqcount: false,
  unshare: 'none',
  roLongtermForcedWrite: false,
  longtermCheck: 'separate',
  refuseLongtermWriteFile: false,
  zeroPagePin: 'counted',
  reclaimSkipsPinned: false,
};
/** v5.6: pin_user_pages() and FOLL_PIN accounting. */
export const V5_6: DesignChoices = { ...V5_5, accounting: 'pin' };
/** v5.8: forced COW break on GUP. */
export const V5_8: DesignChoices = { ...V5_6, forceCowOnGup: true };
/** v5.9-rc2: do_wp_page() reuses only at refcount 1; the forced COW break is gone (a308c71bf1e6). */
export const V5_9_RC2: DesignChoices = { ...V5_6, anonReuse: 'refcount' };
/** v5.9-rc7: has_pinned and early COW of pinned pages at fork. */
export const V5_9_RC7: DesignChoices = { ...V5_9_RC2, forkCopyPinned: true };
/** v5.11: fork serialised against GUP-fast by write_protect_seq. */
export const V5_11: DesignChoices = { ...V5_9_RC7, forkSeqcount: true };
/** v5.19: PageAnonExclusive, unshare R/O pins of shared anon pages. */
export const V5_19: DesignChoices = { ...V5_11, anonReuse: 'anon-exclusive', unshare: 'anon' };
/** v6.2: R/O long-term pins unshare anything in a COW mapping. */
export const V6_2: DesignChoices = { ...V5_19, unshare: 'cow-mapping' };
/** v6.4: reclaim leaves maybe-pinned folios alone. */
export const V6_4: DesignChoices = { ...V6_2, reclaimSkipsPinned: true };
/** v6.5: zero page pins are no-ops; long-term R/W pins of shared file pages refused. The current kernel. */
export const V6_5: DesignChoices = { ...V6_4, zeroPagePin: 'skipped', refuseLongtermWriteFile: true };

export const COMMITS = {
  pinUserPages: { id: 'eddb1c228f79', title: 'mm/gup: introduce pin_user_pages*() and FOLL_PIN', kernel: 'v5.6' },
  trackPins: { id: '3faa52c03f44', title: 'mm/gup: track FOLL_PIN pages', kernel: 'v5.6' },
  forceCow: { id: '17839856fd58', title: "gup: document and work around 'COW can break either way' issue", kernel: 'v5.8' },
  wpSimplify: { id: '09854ba94c6a', title: 'mm: do_wp_page() simplification', kernel: 'v5.9' },
  removeForceCow: { id: 'a308c71bf1e6', title: 'mm/gup: Remove enfornced COW mechanism', kernel: 'v5.9' },
  hasPinned: { id: '008cfe4418b3', title: 'mm: Introduce mm_struct.has_pinned', kernel: 'v5.9' },
  earlyCow: { id: '70e806e4e645', title: 'mm: Do early cow for pinned pages during fork() for ptes', kernel: 'v5.9' },
  seqcount: { id: '57efa1fe5957', title: 'mm/gup: prevent gup_fast from racing with COW during fork', kernel: 'v5.11' },
  anonExclusive: { id: '6c287605fd56', title: 'mm: remember exclusively mapped anonymous pages with PG_anon_exclusive', kernel: 'v5.19 (by date)' },
  unshareAnon: { id: 'a7f226604170', title: 'mm/gup: trigger FAULT_FLAG_UNSHARE when R/O-pinning a possibly shared anonymous page', kernel: 'v5.19 (by date)' },
  unshareFault: { id: 'c89357e27f20', title: 'mm: support GUP-triggered unsharing of anonymous pages', kernel: 'v5.19 (by date)' },
  unshareCow: { id: '8d6a0ac09a16', title: 'mm: extend FAULT_FLAG_UNSHARE support to anything in a COW mapping', kernel: 'v6.2 (by date)' },
  reliableRo: { id: '84209e87c696', title: 'mm/gup: reliable R/O long-term pinning in COW mappings', kernel: 'v6.2 (by date)' },
  rdmaNoForce: { id: 'b40656aa7d55', title: 'RDMA/umem: remove FOLL_FORCE usage', kernel: 'v6.2 (by date)' },
  sharedHelper: { id: '54d516b1d62f', title: 'mm/gup: small refactoring: simplify try_grab_page()', kernel: 'v5.17-rc1 (by date)' },
  revertHelper: { id: 'c36c04c2e132', title: 'Revert "mm/gup: small refactoring: simplify try_grab_page()"', kernel: 'v5.17-rc3 (by date)' },
  zeroSkip: { id: 'c8070b787519', title: "mm: Don't pin ZERO_PAGE in pin_user_pages()", kernel: 'v6.5' },
  refuseLtFile: { id: '8ac268436e6d', title: 'mm/gup: disallow FOLL_LONGTERM GUP-nonfast writing to file-backed mappings', kernel: 'v6.5 (by date)' },
  refuseLtFileFast: { id: 'a6e79df92e4a', title: 'mm/gup: disallow FOLL_LONGTERM GUP-fast writing to file-backed mappings', kernel: 'v6.5 (by date)' },
} satisfies Record<string, Commit>;

/**
 * Failures an era shares, named once so every design of the era says the same
 * thing, with the length of the shortest counterexample in the default scopes.
 */
export const ERA = {
  mapcountIso: fail('reuse by mapcount: vmsplice() + unmap in child leaks the parent\'s writes (CVE-2020-29374, fixed by 09854ba94c6a in v5.9)', 6),
  forkAfterPin: fail('fork() write-protects a pinned page and the parent\'s next write copies it away from the pin (fork() with an iouring fixed buffer; fixed by 70e806e4e645 in v5.9-rc7)', 5),
  roPinShared: fail('a R/O pin of a shared page does not unshare it; the owner\'s write copies it away from the pin (fixed by a7f226604170 in v5.19 and 84209e87c696 in v6.2)', 4),
  roPinFile: fail('a R/O long-term pin of a private file page or the zero page is not unshared (fixed by 84209e87c696 in v6.2)', 4),
  reclaimIgnoresPins: fail('reclaim releases the buffers of a pinned page cache page; the pin then dirties it (Jan Kara\'s race; fixed in reclaim by "mm: do not reclaim private data from pinned page", v6.4 by date)', 4),
  zeroPageOverflow: fail('pins of the shared zero page add the bias: 2^21 of them overflow its refcount (fixed by c8070b787519 in v6.5)', 4),
  hugetlbIso: xfail('hugetlb_wp() still reuses by mapcount: vmsplice() + unmap in child leaks through the pipe (cow.c marks the hugetlb vmsplice tests XFAIL, "harder to fix and nobody really cares"; kernel-background.md 6.5)', 6),
} as const;

/**
 * Failures only the deep scopes reach (Design.deep: `pinspec check --deep`),
 * with the length of the shortest counterexample over the default and deep
 * scopes together.
 */
export const DEEP = {
  forkSharesPinned: fail('fork shares a R/W-pinned anon page; the device writes it through the parent\'s pin and the child reads that post-fork write (why RDMA needed MADV_DONTFORK; fixed by 70e806e4e645 in v5.9-rc7, which copies pinned pages at fork)', 5),
  mprotectCopiesPinned: fail('R/W long-term pin; mprotect(r) write-protects the PTE and mprotect(rw) leaves it R/O; the next write fault copies the pinned page (refcount > 1) away from the pin (cow.c "R/O-mapping a page registered as iouring fixed buffer"; fixed by the PageAnonExclusive reuse of 6c287605fd56 in v5.19)', 6),
} as const;
