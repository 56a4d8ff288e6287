// What the recipes need besides the draft: the scope's bounds and the design's
// choices compiled into small functions once (so the hot path does not
// re-decide the design on every step).
import { match } from 'ts-pattern';
import type { DesignChoices } from './choices.js';
import type { WorldScope } from './scope.js';
import type { Frame, World } from './state.js';

export interface Ctx {
  readonly scope: WorldScope;
  readonly c: DesignChoices;
  readonly bias: number;
  readonly limit: number;
  /** Index of the shared zero page, or -1. */
  readonly zero: number;
  readonly movable: readonly boolean[];
  /** The design tracks PageAnonExclusive (6c287605fd56). */
  readonly excl: boolean;
  /** do_wp_page() / hugetlb_wp(): may a write or unshare fault reuse this anonymous frame? */
  readonly canReuse: (fr: Frame, hugetlb: boolean) => boolean;
  /** How a GUP call is accounted in this design. */
  readonly accountAs: (call: 'pin' | 'get', longterm: boolean) => 'pin' | 'get';
}

export function makeCtx(scope: WorldScope, c: DesignChoices): Ctx {
  const movable = Array.from({ length: scope.frames }, (_, f) => scope.movable.includes(f));
  const anonRule = match(c.anonReuse)
    // reuse_swap_page(): mapcount (+ swapcount) == 1; before 09854ba94c6a.
    .with('mapcount', () => (fr: Frame) => fr.map === 1)
    // do_wp_page(), 09854ba94c6a "mm: do_wp_page() simplification": page_count() == 1.
    .with('refcount', () => (fr: Frame) => fr.ref === 1)
    // wp_can_reuse_anon_folio(), 6c287605fd56: exclusive, or the only reference.
    .with('anon-exclusive', () => (fr: Frame) => fr.anonExclusive || fr.ref === 1)
    .exhaustive();
  const hugetlbRule = match(c.hugetlbReuse)
    // hugetlb_wp(): folio_mapcount() == 1 && anon; it deliberately does not
    // look at the refcount, so FOLL_GET users can still leak (its comment).
    .with('mapcount', () => (fr: Frame) => fr.map === 1)
    .with('as-anon', () => anonRule)
    .exhaustive();
  const accountAs = match(c.accounting)
    .with('get', () => () => 'get' as const)
    .with('longterm-pin', () => (call: 'pin' | 'get', longterm: boolean) => (call === 'pin' && longterm ? 'pin' : 'get'))
    .with('pin', () => (call: 'pin' | 'get') => call)
    .with('pin-all', () => () => 'pin' as const)
    .exhaustive();
  return {
    scope,
    c,
    bias: scope.pinBias,
    limit: scope.refLimit,
    zero: scope.zeroPage ? 0 : -1,
    movable,
    excl: c.anonReuse === 'anon-exclusive',
    canReuse: (fr, hugetlb) => (hugetlb ? hugetlbRule(fr) : anonRule(fr)),
    accountAs,
  };
}

/** folio_maybe_dma_pinned(): pincount > 0 for large folios, refcount >= GUP_PIN_COUNTING_BIAS otherwise. */
export function maybePinned(ctx: Ctx, fr: Frame): boolean {
  return fr.large ? fr.pincount > 0 : fr.ref >= ctx.bias;
}

/**
 * Counters corrupt (an unbalanced release) or out of what the kernel can
 * represent: the state is broken, explore no further.
 */
export function broken(ctx: Ctx, s: Readonly<World>): boolean {
  if (s.ghost.unbalanced) return true;
  for (const fr of s.frames) {
    if (fr.ref > ctx.limit || fr.ref < 0 || fr.pincount < 0 || (fr.ref === 0 && fr.use !== 'free')) return true;
  }
  return false;
}
