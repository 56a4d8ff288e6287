// The world's action vocabulary and its text form (docs/actions.md). The text
// is what litmus tests, saved traces and C programs are generated from: keep
// it stable. Actions are interned per scope (actionUniverse), so describe() and
// parseAction() are inverse on every action a scope can take.
import { match } from 'ts-pattern';
import type { GupSpec, MmapSpec, WorldScope } from './scope.js';
import { ADDR_NAMES, addrName } from './state.js';

export type HolderUse = 'pin' | 'get';

export type Action =
  | { readonly kind: 'mmap'; readonly p: number; readonly a: number; readonly vma: MmapSpec }
  | { readonly kind: 'read' | 'write' | 'munmap' | 'dontneed'; readonly p: number; readonly a: number }
  | { readonly kind: 'mprotect'; readonly p: number; readonly a: number; readonly writable: boolean }
  | { readonly kind: 'fork' | 'fork_begin' | 'fork_end' | 'exit'; readonly p: number }
  | { readonly kind: 'gup'; readonly p: number; readonly a: number; readonly gup: GupSpec }
  | { readonly kind: 'vmsplice'; readonly p: number; readonly a: number }
  | { readonly kind: 'release'; readonly p: number; readonly h: number; readonly use: HolderUse; readonly how: 'unpin' | 'put' }
  | { readonly kind: 'dma_read' | 'dma_write'; readonly h: number; readonly use: HolderUse }
  | { readonly kind: 'pipe_read' }
  | { readonly kind: 'writeback' | 'reclaim' }
  | { readonly kind: 'migrate'; readonly f: number };

export function holderName(use: HolderUse, h: number): string {
  return `${use}${h}`;
}

export function gupName(g: GupSpec): string {
  return `${g.call === 'pin' ? 'pin_user_pages' : 'get_user_pages'}${g.fast ? '_fast' : ''}`;
}

export function gupFlags(g: Pick<GupSpec, 'write' | 'longterm'>): string {
  const f = [g.write ? 'FOLL_WRITE' : '', g.longterm ? 'FOLL_LONGTERM' : ''].filter(Boolean);
  return f.join('|');
}

export function mmapText(v: MmapSpec): string {
  const src = v.kind === 'anon' ? 'anon' : 'file';
  const share = v.kind === 'file-shared' ? 'shared' : 'private';
  return `${src}, ${share}, ${v.writable ? 'rw' : 'r'}${v.huge === 'no' ? '' : `, ${v.huge}`}`;
}

/** The action in kernel words, e.g. `P1: pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)`. */
export function describe(x: Action): string {
  return match(x)
    .with({ kind: 'mmap' }, (y) => `P${y.p}: mmap(${addrName(y.a)}, ${mmapText(y.vma)})`)
    .with({ kind: 'read' }, { kind: 'write' }, { kind: 'munmap' }, (y) => `P${y.p}: ${y.kind}(${addrName(y.a)})`)
    .with({ kind: 'dontneed' }, (y) => `P${y.p}: madvise(${addrName(y.a)}, MADV_DONTNEED)`)
    .with({ kind: 'mprotect' }, (y) => `P${y.p}: mprotect(${addrName(y.a)}, ${y.writable ? 'rw' : 'r'})`)
    .with({ kind: 'fork' }, { kind: 'fork_begin' }, { kind: 'fork_end' }, { kind: 'exit' }, (y) => `P${y.p}: ${y.kind}`)
    .with({ kind: 'gup' }, (y) => {
      const flags = gupFlags(y.gup);
      return `P${y.p}: ${gupName(y.gup)}(${addrName(y.a)}${flags ? `, ${flags}` : ''})`;
    })
    .with({ kind: 'vmsplice' }, (y) => `P${y.p}: vmsplice(${addrName(y.a)})`)
    .with({ kind: 'release' }, (y) => `P${y.p}: ${y.how === 'unpin' ? 'unpin_user_page' : 'put_page'}(${holderName(y.use, y.h)})`)
    .with({ kind: 'dma_read' }, { kind: 'dma_write' }, (y) => `device: ${y.kind}(${holderName(y.use, y.h)})`)
    .with({ kind: 'pipe_read' }, () => 'pipe: read')
    .with({ kind: 'writeback' }, { kind: 'reclaim' }, (y) => `kernel: ${y.kind}(file)`)
    .with({ kind: 'migrate' }, (y) => `kernel: migrate(F${y.f})`)
    .exhaustive();
}

/** The lane an action is drawn in. */
export function actorOf(x: Action): string {
  switch (x.kind) {
    case 'dma_read':
    case 'dma_write':
      return 'device';
    case 'pipe_read':
      return 'pipe';
    case 'writeback':
    case 'reclaim':
    case 'migrate':
      return 'kernel';
    default:
      return `P${x.p}`;
  }
}

/** A short class name for coverage: the kernel function. */
export function labelOf(x: Action): string {
  switch (x.kind) {
    case 'gup':
      return gupName(x.gup);
    case 'release':
      return x.how === 'unpin' ? 'unpin_user_page' : 'put_page';
    case 'dontneed':
      return 'madvise';
    default:
      return x.kind;
  }
}

/**
 * Every action a scope can take, interned: the per-state enabled lists hold
 * these objects, and parseAction() returns them.
 */
export interface ActionUniverse {
  readonly all: readonly Action[];
  readonly byText: ReadonlyMap<string, Action>;
  /** [p][a]: the address actions of process p at address a, by kind. */
  readonly at: readonly (readonly AddrActions[])[];
  /** [p]: fork, fork_begin, fork_end, exit. */
  readonly proc: readonly ProcActions[];
  /** [h]: DMA actions per holder slot and use. */
  readonly holder: readonly HolderActions[];
  /** [p][h]: the releases by owner p of holder slot h, by how and use. */
  readonly release: readonly (readonly ReleaseActions[])[];
  readonly pipeRead: Action;
  readonly writeback: Action;
  readonly reclaim: Action;
  /** [f]: migrate(Ff). */
  readonly migrate: readonly Action[];
}

export interface AddrActions {
  readonly mmap: readonly Action[];
  readonly read: Action;
  readonly write: Action;
  readonly mprotectR: Action;
  readonly mprotectRW: Action;
  readonly munmap: Action;
  readonly dontneed: Action;
  readonly gups: readonly Action[];
  readonly vmsplice: Action;
}

export interface ProcActions {
  readonly fork: Action;
  readonly forkBegin: Action;
  readonly forkEnd: Action;
  readonly exit: Action;
}

export interface HolderActions {
  readonly dmaRead: Record<HolderUse, Action>;
  readonly dmaWrite: Record<HolderUse, Action>;
}

export interface ReleaseActions {
  readonly unpin: Record<HolderUse, Action>;
  readonly put: Record<HolderUse, Action>;
}

export function actionUniverse(s: WorldScope): ActionUniverse {
  const all: Action[] = [];
  const add = <T extends Action>(x: T): T => {
    all.push(x);
    return x;
  };
  const at = Array.from({ length: s.procs }, (_, p) =>
    Array.from({ length: s.addrs }, (_, a) => ({
      mmap: s.mmaps.map((vma) => add({ kind: 'mmap', p, a, vma })),
      read: add({ kind: 'read', p, a }),
      write: add({ kind: 'write', p, a }),
      mprotectR: add({ kind: 'mprotect', p, a, writable: false }),
      mprotectRW: add({ kind: 'mprotect', p, a, writable: true }),
      munmap: add({ kind: 'munmap', p, a }),
      dontneed: add({ kind: 'dontneed', p, a }),
      gups: s.gups.map((gup) => add({ kind: 'gup', p, a, gup })),
      vmsplice: add({ kind: 'vmsplice', p, a }),
    })),
  );
  const proc = Array.from({ length: s.procs }, (_, p) => ({
    fork: add({ kind: 'fork', p }),
    forkBegin: add({ kind: 'fork_begin', p }),
    forkEnd: add({ kind: 'fork_end', p }),
    exit: add({ kind: 'exit', p }),
  }));
  const perUse = (mk: (use: HolderUse) => Action): Record<HolderUse, Action> => ({ pin: mk('pin'), get: mk('get') });
  const holder = Array.from({ length: s.holders }, (_, h) => ({
    dmaRead: perUse((use) => add({ kind: 'dma_read', h, use })),
    dmaWrite: perUse((use) => add({ kind: 'dma_write', h, use })),
  }));
  // Releases are made by the holder's owner, and the owner is part of the
  // action (and its text).
  const release: ReleaseActions[][] = Array.from({ length: s.procs }, (_, p) =>
    Array.from({ length: s.holders }, (_, h) => ({
      unpin: perUse((use) => add({ kind: 'release', p, h, use, how: 'unpin' })),
      put: perUse((use) => add({ kind: 'release', p, h, use, how: 'put' })),
    })),
  );
  const pipeRead = add({ kind: 'pipe_read' });
  const writeback = add({ kind: 'writeback' });
  const reclaim = add({ kind: 'reclaim' });
  const migrate = Array.from({ length: s.frames }, (_, f) => add({ kind: 'migrate', f }));
  const byText = new Map<string, Action>();
  for (const x of all) byText.set(describe(x), x);
  return { all, byText, at, proc, holder, release, pipeRead, writeback, reclaim, migrate };
}

/** The interned release action of owner p (enabledActions() asks for it in every state that has a holder). */
export function releaseAction(u: ActionUniverse, p: number, h: number, use: HolderUse, how: 'unpin' | 'put'): Action {
  return u.release[p][h][how][use];
}

/** Parse an action from its text; throws a one-line Error naming what is wrong. */
export function parseAction(u: ActionUniverse, scopeName: string, text: string): Action {
  const t = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),|])\s*/g, '$1')
    .replace(/,/g, ', ')
    .replace(/^([^:\s]+):(?=\S)/, '$1: ');
  const found = u.byText.get(t);
  if (found) return found;
  const lane = /^(P\d+|device|pipe|kernel): /.exec(t);
  if (!lane) {
    throw new Error(`cannot parse action "${text}": expected "<P0|P1|device|pipe|kernel>: <call>", e.g. "P0: write(A)"`);
  }
  const known = [...u.byText.keys()].filter((k) => k.startsWith(lane[1] + ':'));
  const addr = /\(([A-Z])[,)]/.exec(t)?.[1];
  if (addr && !ADDR_NAMES.slice(0, u.at[0]?.length ?? 0).includes(addr)) {
    throw new Error(`action "${text}": address ${addr} is not in scope ${scopeName} (it has ${ADDR_NAMES.slice(0, u.at[0].length).join(', ')})`);
  }
  throw new Error(
    `action "${text}" is not an action of scope ${scopeName}; ${lane[1]} can do e.g.: ${known.slice(0, 6).join('; ')}`,
  );
}
