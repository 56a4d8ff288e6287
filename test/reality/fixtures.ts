// Hand-written scenarios: the two checks the reality check was built on
// (kernel-background.md 5.1 and 5.4), independent of the model and the
// litmus parser.
import type { Scenario, Step } from '../../reality/scenario.js';

const step = (id: number, actor: string, source: string, kernel: string, op: Step['op']): Step => ({ id, actor, source, kernel, op });

/** CVE-2020-29374: the child's pipe must keep the old data after the parent writes. */
export function forkVmspliceChildReads(backing: 'page' | 'thp' = 'page'): Scenario {
  return {
    name: 'fork-vmsplice-child-reads',
    header: ['kernel-background.md 5.1 (CVE-2020-29374): does the child read, through its pipe, data the parent wrote after the child unmapped?'],
    steps: [
      step(1, 'P0', 'mmap(A, anon private)', 'mmap_region()', { op: 'map-anon', addr: 'A', writable: true }),
      step(2, 'P0', 'write(A, 1)', 'do_anonymous_page()', { op: 'write', addr: 'A', value: 1 }),
      step(3, 'P0', 'fork() -> P1', 'copy_page_range(): A shared R/O', { op: 'fork', child: 'P1' }),
      step(4, 'P1', 'vmsplice(A)', 'FOLL_GET reference in a pipe buffer', { op: 'vmsplice', addr: 'A', pipe: 0 }),
      step(5, 'P1', 'munmap(A)', 'zap_pte_range(): mapcount 1', { op: 'munmap', addr: 'A' }),
      step(6, 'P0', 'write(A, 2)', 'do_wp_page(): refcount > 1, copy', { op: 'write', addr: 'A', value: 2 }),
      step(7, 'pipe', 'read(pipe)', 'pipe_read() of the spliced page', { op: 'pipe-read', pipe: 0, obs: 'pipe' }),
    ],
    files: [],
    backing: { A: backing },
    requires: [],
    condition: { kind: 'eq', obs: 'pipe', value: 2 },
    schedules: [[1, 2, 3, 4, 5, 6, 7]],
  };
}

/** kernel-background.md 5.4: a R/W long-term pin taken before fork must follow the parent's writes. */
export function forkIouringParentWrites(backing: 'page' | 'thp' = 'page'): Scenario {
  return {
    name: 'fork-iouring-parent-writes',
    header: ['kernel-background.md 5.4: does the device see, through an io_uring fixed buffer registered before fork, what the parent writes after fork?'],
    steps: [
      step(1, 'P0', 'mmap(A, anon private)', 'mmap_region()', { op: 'map-anon', addr: 'A', writable: true }),
      step(2, 'P0', 'write(A, 1)', 'do_anonymous_page()', { op: 'write', addr: 'A', value: 1 }),
      step(3, 'P0', 'pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM)', 'io_sqe_buffer_register()', { op: 'pin-rw-lt', addr: 'A', ring: 0 }),
      step(4, 'P0', 'fork() -> P1', 'copy_page_range(): page_needs_cow_for_dma() copies A for the child', { op: 'fork', child: 'P1' }),
      step(5, 'P0', 'write(A, 2)', 'A is still exclusive and writable in P0', { op: 'write', addr: 'A', value: 2 }),
      step(6, 'device', 'dma_read(A)', 'IORING_OP_WRITE_FIXED from the pinned page', { op: 'dma-read', ring: 0, obs: 'device' }),
    ],
    files: [],
    backing: { A: backing },
    requires: [],
    condition: { kind: 'eq', obs: 'device', value: 2 },
    schedules: [[1, 2, 3, 4, 5, 6]],
  };
}
