// What changed in a step and why a state breaks a property, in kernel words.
// Scaled counters are shown with their kernel equivalent.
import type { PropertyName } from '../api.js';
import { accountedCounters } from '../../spec/p-bal.js';
import type { Ctx } from './context.js';
import { maybePinned } from './context.js';
import { NONE, addrName, type World } from './state.js';

function frameName(ctx: Ctx, f: number): string {
  return f === ctx.zero ? `F${f} (zero page)` : `F${f}`;
}

/** A refcount change with its unscaled meaning when a pin moved it. */
function refText(ctx: Ctx, name: string, before: number, after: number, pinDelta: number): string {
  const base = `${name} refcount ${before} -> ${after}`;
  if (pinDelta === 0) return base;
  const other = after - before - pinDelta * ctx.bias;
  const real = pinDelta * 1024 + other;
  return `${base} (${pinDelta > 0 ? '+' : ''}${pinDelta} pin x bias ${ctx.bias}; in the kernel ${real > 0 ? '+' : ''}${real})`;
}

export function explainStep(ctx: Ctx, b: Readonly<World>, a: Readonly<World>): string[] {
  const out: string[] = [];
  // Pins taken or released in this step, per frame (order-0 pins move refcount by the bias).
  const pinDelta = new Map<number, number>();
  for (let h = 0; h < a.holders.length; h++) {
    const hb = b.holders[h];
    const ha = a.holders[h];
    if (hb.use === ha.use && hb.frame === ha.frame) continue;
    if (hb.use !== 'none' && hb.refAdded === ctx.bias) pinDelta.set(hb.frame, (pinDelta.get(hb.frame) ?? 0) - 1);
    if (ha.use !== 'none' && ha.refAdded === ctx.bias) pinDelta.set(ha.frame, (pinDelta.get(ha.frame) ?? 0) + 1);
    if (hb.use !== 'none') out.push(`${hb.use}${h} released (F${hb.frame})`);
    if (ha.use !== 'none') {
      const fl = [ha.write ? 'R/W' : 'R/O', ha.longterm ? 'long-term' : 'short-term'].join(', ');
      out.push(`${ha.use}${h} taken on ${frameName(ctx, ha.frame)} by P${ha.owner} at ${addrName(ha.addr)} (${fl})`);
    }
  }
  for (let f = 0; f < a.frames.length; f++) {
    const x = b.frames[f];
    const y = a.frames[f];
    const n = frameName(ctx, f);
    if (x.use !== y.use) {
      out.push(y.use === 'free' ? `${n} freed` : `${n} allocated (${y.use}${y.large ? ', large folio' : ''}${ctx.movable[f] ? ', ZONE_MOVABLE' : ''})`);
      if (y.use === 'free') continue;
    }
    if (x.ref !== y.ref) out.push(refText(ctx, n, x.ref, y.ref, x.use === y.use ? pinDelta.get(f) ?? 0 : 0));
    if (x.map !== y.map) out.push(`${n} mapcount ${x.map} -> ${y.map}`);
    if (x.pincount !== y.pincount) out.push(`${n} pincount ${x.pincount} -> ${y.pincount}`);
    if (x.anonExclusive !== y.anonExclusive) out.push(`${n} AnonExclusive ${y.anonExclusive ? 'set' : 'cleared'}`);
    if (x.dirty !== y.dirty) out.push(`${n} ${y.dirty ? 'dirty' : 'clean'}`);
    if (x.buffers !== y.buffers) out.push(`${n} buffers ${y.buffers ? 'attached' : 'released'}`);
    if (x.data !== y.data) out.push(`${n} data ${x.data} -> ${y.data}`);
  }
  for (let p = 0; p < a.procs.length; p++) {
    const x = b.procs[p];
    const y = a.procs[p];
    if (x.alive !== y.alive) out.push(`P${p} ${y.alive ? 'starts' : 'exits'}`);
    if (x.forking !== y.forking) out.push(`P${p} ${y.forking ? 'fork in progress (mmap_lock, write_protect_seq odd)' : 'fork done'}`);
    if (x.hasPinned !== y.hasPinned) out.push(`P${p} MMF_HAS_PINNED set`);
    if (x.ret !== y.ret && y.ret !== 'none') out.push(`P${p} GUP returns ${y.ret}`);
    for (let i = 0; i < y.vmas.length; i++) {
      const v = y.vmas[i];
      const w = x.vmas[i];
      const A = addrName(i);
      if (v.kind !== w.kind || v.writable !== w.writable || v.huge !== w.huge) {
        out.push(v.kind === 'none' ? `P${p} VMA ${A} removed` : `P${p} VMA ${A}: ${v.kind} ${v.writable ? 'rw' : 'r'}${v.huge === 'no' ? '' : ` ${v.huge}`}`);
      }
      const e = x.ptes[i];
      const g = y.ptes[i];
      if (e.frame !== g.frame) {
        out.push(g.frame === NONE ? `P${p} PTE ${A} cleared` : `P${p} PTE ${A} -> ${frameName(ctx, g.frame)} (${g.writable ? 'writable' : 'R/O'})`);
      } else if (e.writable !== g.writable) {
        out.push(`P${p} PTE ${A} ${g.writable ? 'writable' : 'wrprotect'}`);
      }
    }
  }
  if (b.file.frame !== a.file.frame) out.push(a.file.frame === NONE ? 'file page dropped from the page cache' : `file page cached in F${a.file.frame}`);
  if (b.file.disk !== a.file.disk) out.push(`file on disk ${b.file.disk} -> ${a.file.disk}`);
  const g = (k: keyof World['ghost'], text: string): void => {
    if (!b.ghost[k] && a.ghost[k]) out.push(text);
  };
  g('leak', "P-ISO: a process observed another process's post-fork private write");
  g('staleRw', 'P-COH-RW: a write pin and its owner see different data');
  g('staleRo', 'P-COH-RO: a R/O long-term pin and its owner see different data');
  g('roWrite', 'P-RO-GUP-NOT-WRITE: a R/O GUP was handled as a write');
  g('ltEnomem', 'P-LT-LIVE: -ENOMEM although the page could be migrated');
  g('fastGrant', 'P-FAST: GUP-fast granted what slow GUP would not take as is');
  g('unbalanced', 'P-BAL: a release removed a different amount than its acquire added');
  return out;
}

export function explainViolation(ctx: Ctx, property: PropertyName, s: Readonly<World>): string {
  switch (property) {
    case 'P-ISO':
      return "a process read data another process wrote to its private memory after fork (through its page table, a pipe buffer or a device reading its pin)";
    case 'P-COH-RW':
    case 'P-COH-RO': {
      for (const ho of s.holders) {
        if (ho.use !== 'pin' || !ho.coherent) continue;
        const pte = s.procs[ho.owner].ptes[ho.addr];
        if (pte.frame === NONE || pte.frame === ho.frame) continue;
        return `P${ho.owner} maps ${addrName(ho.addr)} to F${pte.frame} (data ${s.frames[pte.frame].data}) but its ${ho.write ? 'R/W' : 'R/O long-term'} pin holds F${ho.frame} (data ${s.frames[ho.frame].data})`;
      }
      return 'a pin and its owner saw different data at an observation (the pin has since been released)';
    }
    case 'P-FS': {
      for (let f = 0; f < s.frames.length; f++) {
        const fr = s.frames[f];
        if (fr.use === 'file' && fr.dirty && !fr.buffers) return `F${f} is a page cache page, dirty, with no buffers (ext4 writepage BUGs on it)`;
      }
      return 'no file page is dirty without buffers';
    }
    case 'P-BAL': {
      const parts: string[] = [];
      for (let f = 0; f < s.frames.length; f++) {
        const fr = s.frames[f];
        if (fr.use === 'free') continue;
        const w = accountedCounters(s, f);
        if (fr.ref !== w.ref) parts.push(`${frameName(ctx, f)} refcount ${fr.ref}, accounted for: ${w.ref} (${fr.ref > w.ref ? `${fr.ref - w.ref} leaked` : `${w.ref - fr.ref} missing`})`);
        if (fr.map !== w.map) parts.push(`${frameName(ctx, f)} mapcount ${fr.map}, PTEs: ${w.map}`);
        if (fr.pincount !== w.pincount) parts.push(`${frameName(ctx, f)} pincount ${fr.pincount}, pins: ${w.pincount}`);
      }
      if (s.ghost.unbalanced) parts.push('a release removed a different amount than its acquire added');
      return parts.join('; ');
    }
    case 'P-OVF': {
      for (let f = 0; f < s.frames.length; f++) {
        if (s.frames[f].ref > ctx.limit) {
          return `${frameName(ctx, f)} refcount ${s.frames[f].ref} > ${ctx.limit}, the scaled 2^31 - 1 (pin bias ${ctx.bias} for 1024)`;
        }
      }
      return 'no refcount over the limit';
    }
    case 'P-NOFN': {
      for (const ho of s.holders) {
        const fr = s.frames[ho.frame];
        if (ho.use === 'pin' && fr.use !== 'zero' && !maybePinned(ctx, fr)) {
          return `F${ho.frame} is held by a pin_user_pages() caller but folio_maybe_dma_pinned() is false (${fr.large ? `pincount ${fr.pincount}` : `refcount ${fr.ref} < bias ${ctx.bias}`})`;
        }
      }
      return 'every pinned page reads as maybe pinned';
    }
    case 'P-LT-PLACE': {
      for (const ho of s.holders) {
        if (ho.use === 'pin' && ho.longterm && ctx.movable[ho.frame]) return `a FOLL_LONGTERM pin holds F${ho.frame}, which is in ZONE_MOVABLE/CMA`;
      }
      return 'no long-term pin on a movable frame';
    }
    case 'P-LT-LIVE':
      return 'pin_user_pages(FOLL_LONGTERM) returned -ENOMEM on a migratable page while a pinnable frame was free';
    case 'P-FAST':
      return 'GUP-fast took a page that slow GUP would first have faulted, unshared, migrated or refused';
    case 'P-RO-GUP-NOT-WRITE':
      return 'a GUP without FOLL_WRITE took the write-fault path (or was refused as a write)';
  }
}
