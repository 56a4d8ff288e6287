// Named observables of a state, for litmus conditions and the reality check.
// Names: P0:A (what a load at A returns now), P0:A.frame, P0:A.writable,
// P0:ret (last GUP result), P0:has_pinned, pipe (what a pipe read returns),
// pin0 / get0 (the data a device sees through that holder), F1.refcount,
// F1.mapcount, F1.pincount, F1.AnonExclusive, F1.dirty, F1.buffers,
// F1.maybe_pinned, file.disk, and the ghost facts leak, stale_rw, stale_ro,
// ro_gup_wrote, longterm_enomem, fast_granted, unbalanced.
import type { Ctx } from './context.js';
import { maybePinned } from './context.js';
import { NONE, addrName, type World } from './state.js';

type Value = number | boolean | string;

/** What a load by p at a returns without changing anything (a fault's result is predicted). */
function loadValue(ctx: Ctx, s: Readonly<World>, p: number, a: number): Value {
  const pr = s.procs[p];
  const vma = pr.vmas[a];
  if (!pr.alive || vma.kind === 'none') return 'SIGSEGV';
  const f = pr.ptes[a].frame;
  if (f !== NONE) return s.frames[f].data;
  if (vma.kind === 'anon') return 0;
  return s.file.frame !== NONE ? s.frames[s.file.frame].data : s.file.disk;
}

const GHOSTS: Record<string, keyof World['ghost']> = {
  leak: 'leak',
  stale_rw: 'staleRw',
  stale_ro: 'staleRo',
  ro_gup_wrote: 'roWrite',
  longterm_enomem: 'ltEnomem',
  fast_granted: 'fastGrant',
  unbalanced: 'unbalanced',
};

const FRAME_FIELDS = ['refcount', 'mapcount', 'pincount', 'AnonExclusive', 'dirty', 'buffers', 'maybe_pinned', 'zone', 'data'] as const;

export function observableNames(ctx: Ctx): string[] {
  const s = ctx.scope;
  const out: string[] = [];
  for (let p = 0; p < s.procs; p++) {
    for (let a = 0; a < s.addrs; a++) out.push(`P${p}:${addrName(a)}`, `P${p}:${addrName(a)}.frame`, `P${p}:${addrName(a)}.writable`);
    out.push(`P${p}:ret`, `P${p}:has_pinned`);
  }
  out.push('pipe');
  for (let h = 0; h < s.holders; h++) out.push(`pin${h}`, `get${h}`);
  for (let f = 0; f < s.frames; f++) for (const k of FRAME_FIELDS) out.push(`F${f}.${k}`);
  out.push('file.disk', ...Object.keys(GHOSTS));
  return out;
}

export function observe(ctx: Ctx, s: Readonly<World>, name: string): Value {
  const n = name.trim();
  let m = /^P(\d+):([A-Z])(?:\.(frame|writable))?$/.exec(n);
  if (m) {
    const p = Number(m[1]);
    const a = m[2].charCodeAt(0) - 65;
    if (p < s.procs.length && a < s.procs[0].vmas.length) {
      if (!m[3]) return loadValue(ctx, s, p, a);
      const pte = s.procs[p].ptes[a];
      return m[3] === 'frame' ? (pte.frame === NONE ? 'none' : `F${pte.frame}`) : pte.writable;
    }
  }
  m = /^P(\d+):(ret|has_pinned)$/.exec(n);
  if (m && Number(m[1]) < s.procs.length) {
    const pr = s.procs[Number(m[1])];
    return m[2] === 'ret' ? pr.ret : pr.hasPinned;
  }
  if (n === 'pipe') {
    for (const ho of s.holders) if (ho.use === 'pipe') return s.frames[ho.frame].data;
    return 'empty';
  }
  m = /^(pin|get)(\d+)$/.exec(n);
  if (m && Number(m[2]) < s.holders.length) {
    const ho = s.holders[Number(m[2])];
    return ho.use === m[1] ? s.frames[ho.frame].data : 'none';
  }
  m = /^F(\d+)\.(\w+)$/.exec(n);
  if (m && Number(m[1]) < s.frames.length && (FRAME_FIELDS as readonly string[]).includes(m[2])) {
    const f = Number(m[1]);
    const fr = s.frames[f];
    switch (m[2] as (typeof FRAME_FIELDS)[number]) {
      case 'refcount':
        return fr.ref;
      case 'mapcount':
        return fr.map;
      case 'pincount':
        return fr.pincount;
      case 'AnonExclusive':
        return fr.anonExclusive;
      case 'dirty':
        return fr.dirty;
      case 'buffers':
        return fr.buffers;
      case 'maybe_pinned':
        return maybePinned(ctx, fr);
      case 'zone':
        return ctx.movable[f] ? 'movable' : 'normal';
      case 'data':
        return fr.data;
    }
  }
  if (n === 'file.disk') return s.file.disk;
  if (n in GHOSTS) return s.ghost[GHOSTS[n]];
  throw new Error(`unknown observable "${name}" in scope ${ctx.scope.name}; known: ${observableNames(ctx).slice(0, 12).join(', ')}, ...`);
}
