// A design's policy knobs: every place where the designs of
// kernel-background.md section 10 differ. A design (models/designs/) is a
// value of this type plus provenance and expectations.

export interface DesignChoices {
  /**
   * What a GUP call takes. `pin_user_pages*()` names the callers that access
   * page data (DMA, direct I/O); `get_user_pages*()` the struct-page users.
   * - 'get': everything is a plain reference (before eddb1c228f79, v5.6);
   * - 'longterm-pin': only FOLL_LONGTERM data callers are counted as pins
   *   (Michal Hocko's proposal, seed 002);
   * - 'pin': data callers pin, struct-page users get (eddb1c228f79, v5.6);
   * - 'pin-all': every GUP caller is counted as a pin (John Hubbard's
   *   conversion, seed 002).
   */
  readonly accounting: 'get' | 'longterm-pin' | 'pin' | 'pin-all';
  /** API misuse allowed: a pin released with put_page(), a get with unpin_user_page(). */
  readonly misuse: boolean;
  /**
   * do_wp_page() reuse rule for a write fault on a R/O anonymous page:
   * - 'mapcount': reuse_swap_page(): reuse if mapcount == 1 (before v5.8);
   * - 'refcount': reuse only if refcount == 1 (09854ba94c6a, v5.9);
   * - 'anon-exclusive': reuse if PageAnonExclusive, else if refcount == 1
   *   (wp_can_reuse_anon_folio(), 6c287605fd56, v5.19).
   */
  readonly anonReuse: 'mapcount' | 'refcount' | 'anon-exclusive';
  /** hugetlb_wp(): reuse if mapcount == 1 (every kernel so far), or like anon pages (hypothetical). */
  readonly hugetlbReuse: 'mapcount' | 'as-anon';
  /** 17839856fd58 (v5.8): any GUP in a COW mapping breaks COW as a write; GUP-fast needs a writable PTE. */
  readonly forceCowOnGup: boolean;
  /** 70e806e4e645 (v5.9-rc7): fork copies maybe-pinned anon pages of an mm with has_pinned (page_needs_cow_for_dma()). */
  readonly forkCopyPinned: boolean;
  /** 57efa1fe5957 (v5.11): GUP-fast FOLL_PIN fails while fork holds mm->write_protect_seq. */
  readonly forkSeqcount: boolean;
  /**
   * gup_must_unshare() for R/O pins (FOLL_PIN without FOLL_WRITE):
   * - 'none': never unshare (before v5.19);
   * - 'anon': unshare anon pages that are not PageAnonExclusive (a7f226604170, v5.19);
   * - 'cow-mapping': also R/O long-term pins of any page in a COW mapping
   *   (84209e87c696, v6.2).
   */
  readonly unshare: 'none' | 'anon' | 'cow-mapping';
  /** RDMA/VFIO took R/O long-term registrations as FOLL_FORCE|FOLL_WRITE pins (until b40656aa7d55, v6.2). */
  readonly roLongtermForcedWrite: boolean;
  /**
   * How FOLL_LONGTERM pins avoid ZONE_MOVABLE/CMA frames:
   * - 'separate': fast GUP refuses unpinnable pages and falls back; slow GUP
   *   grabs, then check_and_migrate_movable_pages() migrates (c36c04c2e132);
   * - 'shared-helper': slow GUP uses the fast helper, whose "unpinnable:
   *   fail" rule makes it return -ENOMEM (54d516b1d62f, v5.17-rc1);
   * - 'refs1': that check skipped when refs == 1 (rejected patch, seed 001).
   */
  readonly longtermCheck: 'separate' | 'shared-helper' | 'refs1';
  /** 8ac268436e6d / a6e79df92e4a (v6.5): refuse FOLL_LONGTERM|FOLL_WRITE on shared file mappings with dirty tracking. */
  readonly refuseLongtermWriteFile: boolean;
  /**
   * Pins of the shared zero page:
   * - 'counted': like any order-0 page, +1024 (before c8070b787519);
   * - 'skipped': pin and unpin are no-ops (c8070b787519, v6.5);
   * - 'skipped-on-pin-only': pin is a no-op, unpin is not (hypothetical).
   */
  readonly zeroPagePin: 'counted' | 'skipped' | 'skipped-on-pin-only';
  /** shrink_folio_list() skips maybe-pinned folios (Jan Kara, "mm: do not reclaim private data from pinned page", 2023). */
  readonly reclaimSkipsPinned: boolean;
}
