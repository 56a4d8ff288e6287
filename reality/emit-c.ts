// Scenario -> a self-contained C program: the runtime (reality/c/pinrt.h)
// followed by the scenario, each step a block commented with its source and
// the kernel path it reaches. The program prints TAP, one test per schedule.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, Cond, Op, Scenario, Step } from './scenario.js';
import { condToString, observablesOf } from './scenario.js';
import { wrapAtSpaces } from './wrap.js';

/** Lanes that the coordinator process plays (not processes of their own). */
export const COORDINATOR_LANES: readonly string[] = ['device', 'pipe', 'kernel'];

let runtimeText: string | undefined;

/** The runtime header, found from this module whether run from source or dist/. */
export function runtimeSource(): string {
  if (runtimeText !== undefined) return runtimeText;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const p = join(dir, 'reality', 'c', 'pinrt.h');
    const q = join(dir, 'c', 'pinrt.h');
    if (existsSync(q)) return (runtimeText = readFileSync(q, 'utf8'));
    if (existsSync(p)) return (runtimeText = readFileSync(p, 'utf8'));
    dir = dirname(dir);
  }
  throw new Error('reality/c/pinrt.h not found next to the reality module');
}

const cIdent = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
const actorId = (a: Actor): string => (COORDINATOR_LANES.includes(a) ? 'COORD' : cIdent(a));
const memVar = (addr: string): string => `mem_${cIdent(addr)}`;

function processActors(s: Scenario): string[] {
  const out: string[] = [];
  for (const st of s.steps) {
    for (const a of [st.actor, st.op.op === 'fork' ? st.op.child : undefined]) {
      if (a !== undefined && !COORDINATOR_LANES.includes(a) && !out.includes(a)) out.push(a);
    }
  }
  return out;
}

const isThp = (s: Scenario, addr: string): 0 | 1 => (s.backing[addr] === 'thp' ? 1 : 0);

/** The C statements of one operation. */
function opCode(s: Scenario, op: Op, obsIndex: (o: string) => number): string[] {
  const fileIndex = (f: string): number => s.files.findIndex((x) => x.name === f);
  switch (op.op) {
    case 'map-anon':
      return [`${memVar(op.addr)} = rt_map_anon(${isThp(s, op.addr)}, ${op.writable ? 1 : 0});`];
    case 'map-file':
      return [`${memVar(op.addr)} = rt_map_file(${fileIndex(op.file)}, ${op.shared ? 1 : 0}, ${op.writable ? 1 : 0});`];
    case 'write':
      return [`rt_write(${memVar(op.addr)}, ${op.value});`];
    case 'read':
      return [`rt_observe(${obsIndex(op.obs)}, rt_read(${memVar(op.addr)}));`];
    case 'fork':
      return [`rt_fork(${actorId(op.child)});`];
    case 'exit':
      return ['rt_exit();'];
    case 'munmap':
      return [`rt_munmap(${memVar(op.addr)}, rt_len(${isThp(s, op.addr)}));`, `${memVar(op.addr)} = NULL;`];
    case 'mprotect':
      return [`rt_mprotect(${memVar(op.addr)}, rt_len(${isThp(s, op.addr)}), ${op.writable ? 1 : 0});`];
    case 'dontneed':
      return [`rt_dontneed(${memVar(op.addr)}, rt_len(${isThp(s, op.addr)}));`];
    case 'vmsplice':
      return [`rt_vmsplice(${op.pipe}, ${memVar(op.addr)});`];
    case 'pipe-read':
      return [`rt_observe(${obsIndex(op.obs)}, rt_pipe_read(${op.pipe}));`];
    case 'pin-rw-lt':
      return op.obs !== undefined
        ? [`rt_observe(${obsIndex(op.obs)}, rt_pin_rw_lt(${op.ring}, ${memVar(op.addr)}));`]
        : [
            `if (rt_pin_rw_lt(${op.ring}, ${memVar(op.addr)}))`,
            `\trt_fail("IORING_REGISTER_BUFFERS: %s", strerror(errno));`,
          ];
    case 'unpin-rw-lt':
      return [`rt_unpin_rw_lt(${op.ring});`];
    case 'dma-read':
      return [`rt_observe(${obsIndex(op.obs)}, rt_dma_read(${op.ring}));`];
    case 'dma-write':
      return [`rt_dma_write(${op.ring}, ${op.value});`];
    case 'dio-read':
      return [`rt_dio_read(${memVar(op.addr)}, ${op.value});`];
    case 'dio-write':
      return [`rt_observe(${obsIndex(op.obs)}, rt_dio_write(${memVar(op.addr)}));`];
    case 'file-read':
      return [`rt_observe(${obsIndex(op.obs)}, rt_file_read(${fileIndex(op.file)}));`];
  }
}

const touches = (op: Op): string | undefined =>
  ['write', 'read', 'vmsplice', 'pin-rw-lt', 'dio-read', 'dio-write'].includes(op.op) ? (op as { addr: string }).addr : undefined;

function condCode(c: Cond, obsIndex: (o: string) => number): string {
  switch (c.kind) {
    case 'eq':
      return `obs[${obsIndex(c.obs)}] == ${c.value}`;
    case 'not':
      return `!(${condCode(c.arg, obsIndex)})`;
    case 'and':
    case 'or':
      return c.args.length === 0
        ? c.kind === 'and' ? '1' : '0'
        : c.args.map((a) => `(${condCode(a, obsIndex)})`).join(c.kind === 'and' ? ' && ' : ' || ');
    case 'true':
      return '1';
  }
}

/** Comment lines, wrapped at spaces to fit 80 columns after the given indent (see wrapAtSpaces). */
export function commentLines(lines: readonly string[], indent: string): string[] {
  const width = 80 - indent.length - 3;
  return lines.flatMap((line) => wrapAtSpaces(line.replace(/\*\//g, '* /'), width).map((l) => (l.length ? `${indent} * ${l}` : `${indent} *`)));
}

/** The actors' live mappings after the last step, for the clean-up code. */
function liveMappings(s: Scenario): Map<string, Set<string>> {
  const live = new Map<string, Set<string>>();
  for (const st of s.steps) {
    const mine = live.get(st.actor) ?? new Set<string>();
    live.set(st.actor, mine);
    const op = st.op;
    if (op.op === 'map-anon' || op.op === 'map-file') mine.add(op.addr);
    else if (op.op === 'munmap') mine.delete(op.addr);
    else if (op.op === 'fork') live.set(op.child, new Set(mine));
    else if (op.op === 'exit') mine.clear();
  }
  for (const lane of COORDINATOR_LANES) live.delete(lane);
  return live;
}

function stepBlock(s: Scenario, st: Step, obsIndex: (o: string) => number, thpCheck: boolean): string[] {
  const who = actorId(st.actor);
  const said = st.source.startsWith(`${st.actor}: `) ? st.source : `${st.actor}: ${st.source}`;
  const out = ['\t/*', ...commentLines([`${st.id}. ${said}`, `kernel: ${st.kernel}`], '\t'), '\t */'];
  out.push(`\tif (rt_begin(${st.id}, ${who})) {`);
  for (const line of opCode(s, st.op, obsIndex)) out.push(`\t\t${line}`);
  if (thpCheck) out.push(`\t\trt_expect_thp(${memVar(touches(st.op)!)});`);
  if (st.op.op !== 'exit') out.push(`\t\trt_end(${who});`);
  out.push('\t}');
  return out;
}

function scheduleLabel(s: Scenario, sched: readonly number[]): string {
  if (s.schedules.length === 1) return '';
  const byId = new Map(s.steps.map((st) => [st.id, st]));
  const seen = new Map<string, number>();
  const parts = sched.map((id) => {
    const a = byId.get(id)!.actor;
    const k = (seen.get(a) ?? 0) + 1;
    seen.set(a, k);
    return `${a}.${k}`;
  });
  return ` [${parts.join(' ')}]`;
}

function skipProgram(s: Scenario): string {
  return [
    '/*',
    ...commentLines([`${s.name}: generated by pinspec, do not edit.`, '', ...s.header, '', `Not run: ${s.skip}`], ''),
    ' */',
    '#include <stdio.h>',
    '',
    'int main(void)',
    '{',
    `\tprintf("TAP version 13\\n1..1\\n");`,
    `\tprintf("ok 1 - %s # SKIP %s\\n", ${JSON.stringify(s.name)}, ${JSON.stringify(s.skip)});`,
    '\treturn 0;',
    '}',
    '',
  ].join('\n');
}

/** The C program for a scenario. */
export function emitC(s: Scenario): string {
  if (s.skip !== undefined) return skipProgram(s);
  const obs = observablesOf(s);
  const obsIndex = (o: string): number => {
    const i = obs.indexOf(o);
    if (i < 0) throw new Error(`condition names observable "${o}" that no step records (recorded: ${obs.join(', ') || 'none'})`);
    return i;
  };
  const actors = processActors(s);
  const addrs = [...new Set(s.steps.flatMap((st) => ('addr' in st.op ? [st.op.addr] : [])))];
  const npipes = Math.max(0, ...s.steps.map((st) => ('pipe' in st.op ? st.op.pipe + 1 : 0)));
  const nrings = Math.max(0, ...s.steps.map((st) => ('ring' in st.op ? st.op.ring + 1 : 0)));
  const scratch = s.steps.some((st) => st.op.op === 'dma-read' || st.op.op === 'dma-write') ? 1 : 0;
  const n = s.steps.length;
  const limits: [string, number, number][] = [
    ['steps', n, 64],
    ['observables', obs.length, 32],
    ['pipes', npipes, 8],
    ['io_uring rings', nrings, 8],
    ['files', s.files.length, 8],
    ['process actors', actors.length, 7],
  ];
  for (const [what, count, max] of limits) {
    if (count > max) throw new Error(`${s.name}: ${count} ${what}, the C runtime allows at most ${max}`);
  }
  const kernelBacking = (a: string): string => {
    const mapOp = s.steps.find((st) => 'addr' in st.op && st.op.addr === a && (st.op.op === 'map-anon' || st.op.op === 'map-file'))?.op;
    if (mapOp?.op === 'map-file') {
      const f = s.files.find((x) => x.name === mapOp.file);
      return `${mapOp.shared ? 'MAP_SHARED' : 'MAP_PRIVATE'} mapping of file ${mapOp.file} (${f?.shmem ? 'memfd, shmem' : 'ext4 in /tmp'})`;
    }
    return s.backing[a] === 'thp' ? 'a PMD THP of private anonymous memory (MADV_HUGEPAGE)' : 'a page of private anonymous memory';
  };

  const out: string[] = [];
  out.push('/*');
  out.push(
    ...commentLines(
      [
        `${s.name}: generated by pinspec, do not edit.`,
        '',
        ...s.header,
        '',
        `Final condition: ${condToString(s.condition)}`,
        `Schedules: ${s.schedules.length}. Build: cc -Wall -Wextra -o t t.c. Run as root (pagemap PFNs).`,
      ],
      '',
    ),
  );
  out.push(' */');
  out.push(runtimeSource().trimEnd());
  out.push('');
  out.push('/* ---------------- the scenario ---------------- */');
  out.push('');
  out.push(`enum { COORD = RT_COORD, ${actors.map((a, i) => `${cIdent(a)} = ${i + 1}`).join(', ')} };`);
  out.push('');
  for (const a of addrs) out.push(`static char *${memVar(a)};\t/* ${a}: ${kernelBacking(a)} */`);
  out.push('');
  const setup: string[] = [];
  s.files.forEach((f, i) => setup.push(`\trt_file_create(${i}, ${f.shmem ? 1 : 0}, ${f.initial});\t/* file ${f.name} */`));
  if (s.requires.includes('zero-page')) setup.push('\trt_require_zero_page();');
  if (setup.length) {
    out.push('static void setup(void)', '{', ...setup, '}', '');
  }
  out.push('static void scenario(void)', '{');
  const touchedBy = new Set<string>();
  for (const st of s.steps) {
    const t = touches(st.op);
    const first = t !== undefined && s.backing[t] === 'thp' && !touchedBy.has(`${st.actor}:${t}`);
    if (t !== undefined) touchedBy.add(`${st.actor}:${t}`);
    out.push(...stepBlock(s, st, obsIndex, first));
    out.push('');
  }
  out.push('\t/* Every step done: each actor frees what it still maps and exits. */');
  out.push(`\trt_wait_turn(${n});`);
  for (const [actor, mapped] of liveMappings(s)) {
    if (mapped.size === 0) continue;
    out.push(`\tif (rt_me == ${actorId(actor)}) {`);
    for (const a of mapped) out.push(`\t\trt_munmap(${memVar(a)}, rt_len(${isThp(s, a)}));`);
    out.push('\t}');
  }
  out.push('\trt_finish();', '}', '');
  out.push(`/* ${condToString(s.condition)} */`);
  out.push('static int condition(const long *obs)', '{');
  out.push(obs.length ? `\treturn ${condCode(s.condition, obsIndex)};` : `\t(void)obs;\n\treturn ${condCode(s.condition, obsIndex)};`);
  out.push('}', '');
  out.push(`static const char *const obs_names[] = { ${obs.length ? obs.map((o) => JSON.stringify(o)).join(', ') : 'NULL'} };`);
  out.push('');
  out.push('static const struct rt_test test = {');
  out.push(`\t.name = ${JSON.stringify(s.name)},`);
  out.push(`\t.npipes = ${npipes}, .nrings = ${nrings}, .scratch = ${scratch},`);
  out.push(`\t.setup = ${setup.length ? 'setup' : 'NULL'},`);
  out.push('\t.scenario = scenario,');
  out.push('\t.condition = condition,');
  out.push(`\t.obs_names = obs_names, .nobs = ${obs.length},`);
  out.push('};', '');
  out.push(`static const int schedules[${s.schedules.length}][${n}] = {`);
  for (const sc of s.schedules) out.push(`\t{ ${sc.join(', ')} },`);
  out.push('};', '');
  out.push(`static const char *const labels[${s.schedules.length}] = {`);
  for (const sc of s.schedules) out.push(`\t${JSON.stringify(scheduleLabel(s, sc))},`);
  out.push('};', '');
  out.push('int main(void)', '{', '\tint i;', '');
  out.push(`\trt_tap_header(${s.schedules.length});`);
  out.push(`\tfor (i = 0; i < ${s.schedules.length}; i++)`);
  out.push(`\t\trt_run(&test, i + 1, labels[i], schedules[i], ${n});`);
  out.push('\treturn 0;', '}', '');
  return out.join('\n');
}
