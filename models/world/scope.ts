// A scope: the bounds a design is checked in. Everything the world may do in
// a scope is listed here, so a scope is also a statement of what was checked.
import type { Scope } from '../api.js';

/** A mapping mmap() may create. */
export interface MmapSpec {
  readonly kind: 'anon' | 'file-private' | 'file-shared';
  readonly huge: 'no' | 'thp' | 'hugetlb';
  readonly writable: boolean;
}

/** A GUP call the processes may make. */
export interface GupSpec {
  /** 'pin': pin_user_pages*(); 'get': get_user_pages*(). */
  readonly call: 'pin' | 'get';
  readonly fast: boolean;
  readonly write: boolean;
  readonly longterm: boolean;
}

export interface WorldScope extends Scope {
  /** Processes: P0, and P1 once P0 forks. */
  readonly procs: 1 | 2;
  /** Virtual pages A, B, ...: each is its own VMA. */
  readonly addrs: number;
  /** Physical frames F0.. (F0 is the shared zero page when `zeroPage`). */
  readonly frames: number;
  /** Reference holders outside page tables (pins, gets, the pipe buffer). */
  readonly holders: number;
  readonly zeroPage: boolean;
  /** Frames in ZONE_MOVABLE or CMA (not longterm-pinnable). */
  readonly movable: readonly number[];
  /** GUP_PIN_COUNTING_BIAS scaled (1024 in the kernel). */
  readonly pinBias: number;
  /** The largest refcount that does not overflow, scaled (2^31 - 1 in the kernel). */
  readonly refLimit: number;
  readonly mmaps: readonly MmapSpec[];
  readonly gups: readonly GupSpec[];
  readonly ops: {
    readonly read?: boolean;
    readonly write?: boolean;
    readonly mprotect?: boolean;
    readonly munmap?: boolean;
    /** mmap() after fork and by P1 (default: only P0 maps, before fork). */
    readonly remap?: boolean;
    readonly dontneed?: boolean;
    /** 'atomic': one step; 'split': fork_begin (checks pins, copies) and fork_end (write-protects, shares). */
    readonly fork?: 'atomic' | 'split';
    readonly exit?: boolean;
    readonly vmsplice?: boolean;
    /** Device DMA through GUP references: 'read' only, or 'rw' (dma_write for FOLL_WRITE holders too). */
    readonly dma?: 'read' | 'rw';
    readonly writeback?: boolean;
    readonly reclaim?: boolean;
    readonly migrate?: boolean;
  };
}

/** The scale in one line, for reports. */
export function scaleText(s: WorldScope): string {
  const pins = Math.floor((s.refLimit - 1) / s.pinBias) + 1;
  return (
    `pin bias 1024 -> ${s.pinBias}, refcount limit 2^31-1 -> ${s.refLimit}: ` +
    `${pins} pins overflow a page with refcount 1 here, 2^21 in the kernel`
  );
}
