// A toy world for testing the CLI, reporters and litmus explorer without the
// kernel world: one address A in P0, fork, a child that vmsplices the page into
// a pipe and unmaps it, a parent that writes, a pipe read. With the
// mapcount-based reuse rule it is CVE-2020-29374 in five steps; with the
// refcount rule the write copies and the pipe keeps the pre-fork data.
import { array, bool, compileLayout, int, struct, type Infer } from '../../checker/layout.js';
import type { Property } from '../../checker/model.js';
import { PROPERTY_NAMES, type Design, type Expectation, type PropertyName, type Scope, type WorldModel } from '../../models/api.js';

const NONE = -1;
const shape = struct({
  frames: array(3, struct({ ref: int(0, 4), map: int(0, 2), data: int(0, 3) })),
  // pte[p]: the frame process p maps at A, writable or not.
  pte: array(2, struct({ fr: int(NONE, 2), w: bool() })),
  forked: bool(),
  // What each process must logically see at A (ghost state).
  seen: array(2, int(0, 3)),
  pipe: struct({ fr: int(NONE, 2), expect: int(0, 3), read: int(NONE, 3) }),
  leak: bool(),
});
export type ToyState = Infer<typeof shape>;
export type ToyAction =
  | { readonly kind: 'fork' }
  | { readonly kind: 'write'; readonly p: number }
  | { readonly kind: 'vmsplice' | 'munmap'; readonly p: number }
  | { readonly kind: 'readPipe' }
  | { readonly kind: 'leak' };

export interface ToyChoices {
  readonly reuse: 'mapcount' | 'refcount';
  readonly leakyPipe?: boolean;
}

function expect(over: Partial<Record<PropertyName, Expectation>>): Record<PropertyName, Expectation> {
  const all = Object.fromEntries(PROPERTY_NAMES.map((p) => [p, { verdict: 'pass' }])) as Record<PropertyName, Expectation>;
  return { ...all, ...over };
}

export const TOY_DESIGNS: Design<ToyChoices>[] = [
  {
    name: 'D-TOY-MAPCOUNT',
    title: 'write fault reuses an anon page if mapcount == 1',
    provenance: { thread: 'seed 004', commits: [{ id: '17839856fd58', title: 'gup: document and work around "COW can break either way" issue', kernel: 'v5.8' }] },
    choices: { reuse: 'mapcount' },
    expected: expect({ 'P-ISO': { verdict: 'fail', why: 'CVE-2020-29374', steps: 5 } }),
  },
  {
    name: 'D-TOY-REFCOUNT',
    title: 'write fault reuses an anon page only if refcount == 1',
    provenance: { commits: [{ id: '09854ba94c6a', title: 'mm: do_wp_page() simplification', kernel: 'v5.9' }] },
    choices: { reuse: 'refcount' },
    expected: expect({}),
  },
  {
    name: 'D-TOY-LEAKY',
    title: 'refcount reuse, and a pipe that can leak its page reference',
    provenance: { commits: [] },
    choices: { reuse: 'refcount', leakyPipe: true },
    expected: expect({ 'P-BAL': { verdict: 'xfail', why: 'documented as not fixed' } }),
  },
];

export const TOY_SCOPES: Scope[] = [
  { name: 'toy', description: 'two processes, one address, three frames' },
  { name: 'toy-deep', description: 'the same, checked again' },
];

const layout = compileLayout(shape);
// Only the parent writes and only the child vmsplices: the pipe must keep
// what the child saw, whatever the parent does.
const ACTIONS: ToyAction[] = [
  { kind: 'fork' },
  { kind: 'write', p: 0 },
  { kind: 'vmsplice', p: 1 },
  { kind: 'munmap', p: 0 },
  { kind: 'munmap', p: 1 },
  { kind: 'readPipe' },
  { kind: 'leak' },
];

function describeAction(a: ToyAction): string {
  switch (a.kind) {
    case 'fork':
      return 'P0: fork()';
    case 'write':
      return `P${a.p}: write(A)`;
    case 'vmsplice':
      return `P${a.p}: vmsplice(A)`;
    case 'munmap':
      return `P${a.p}: munmap(A)`;
    case 'readPipe':
      return 'pipe: read()';
    case 'leak':
      return 'pipe: leak()';
  }
}

function drop(d: ToyState, f: number): void {
  d.frames[f].ref--;
  if (d.frames[f].ref === 0) d.frames[f].data = 0;
}

function alloc(s: Readonly<ToyState>): number {
  for (let f = 0; f < 3; f++) if (s.frames[f].ref === 0) return f;
  return NONE;
}

export function buildToyModel(design: Design<ToyChoices>, scope: Scope = TOY_SCOPES[0]): WorldModel<ToyState, ToyAction> {
  const c = design.choices;
  const properties: Property<ToyState>[] = [
    {
      name: 'P-ISO',
      kind: 'always',
      doc: 'a pipe read returns what the vmsplicing process saw',
      holds: (s) => s.pipe.read === NONE || s.pipe.read === s.pipe.expect,
    },
    {
      name: 'P-BAL',
      kind: 'always',
      doc: 'refcount = mapcount + pipe references',
      holds: (s) => s.frames.every((f, i) => f.ref === f.map + (s.pipe.fr === i ? 1 : 0)),
    },
  ];
  return {
    name: `${design.name}@${scope.name}`,
    design,
    scope,
    layout,
    properties,
    initialStates: () => [
      {
        frames: [{ ref: 1, map: 1, data: 0 }, { ref: 0, map: 0, data: 0 }, { ref: 0, map: 0, data: 0 }],
        pte: [{ fr: 0, w: true }, { fr: NONE, w: false }],
        forked: false,
        seen: [0, 0],
        pipe: { fr: NONE, expect: 0, read: NONE },
        leak: false,
      },
    ],
    actions(s, out) {
      if (!s.forked && s.pte[0].fr !== NONE) out.push(ACTIONS[0]);
      for (let p = 0; p < 2; p++) {
        const f = s.pte[p].fr;
        if (f === NONE) continue;
        if (p === 0 && s.seen[0] < 3) out.push(ACTIONS[1]);
        if (p === 1 && s.pipe.fr === NONE && s.pipe.read === NONE) out.push(ACTIONS[2]);
        out.push(ACTIONS[3 + p]);
      }
      if (s.pipe.fr !== NONE) out.push(ACTIONS[5]);
      if (c.leakyPipe && s.pipe.fr !== NONE && !s.leak) out.push(ACTIONS[6]);
    },
    next(d, a) {
      switch (a.kind) {
        case 'fork': {
          const f = d.pte[0].fr;
          d.forked = true;
          d.pte[1].fr = f;
          d.pte[1].w = false;
          d.pte[0].w = false;
          d.frames[f].ref++;
          d.frames[f].map++;
          d.seen[1] = d.seen[0];
          return;
        }
        case 'write': {
          const pte = d.pte[a.p];
          const f = pte.fr;
          if (!pte.w) {
            const fr = d.frames[f];
            const reuse = c.reuse === 'mapcount' ? fr.map === 1 : fr.ref === 1;
            if (!reuse) {
              const g = alloc(d);
              if (g === NONE) return false;
              d.frames[g].ref = 1;
              d.frames[g].map = 1;
              d.frames[g].data = fr.data;
              fr.map--;
              drop(d, f);
              pte.fr = g;
            }
            pte.w = true;
          }
          d.seen[a.p]++;
          d.frames[pte.fr].data = d.seen[a.p];
          return;
        }
        case 'vmsplice': {
          const f = d.pte[a.p].fr;
          d.pipe.fr = f;
          d.pipe.expect = d.seen[a.p];
          d.frames[f].ref++;
          return;
        }
        case 'munmap': {
          const f = d.pte[a.p].fr;
          d.frames[f].map--;
          drop(d, f);
          d.pte[a.p].fr = NONE;
          d.pte[a.p].w = false;
          return;
        }
        case 'readPipe': {
          const f = d.pipe.fr;
          d.pipe.read = d.frames[f].data;
          d.pipe.fr = NONE;
          drop(d, f);
          return;
        }
        case 'leak':
          d.leak = true;
          d.frames[d.pipe.fr].ref++;
          return;
      }
    },
    describe: describeAction,
    label: (a) => a.kind,
    actionToJson: (a) => ({ ...a }),
    actionFromJson: (j) => {
      const found = ACTIONS.find((a) => JSON.stringify(a) === JSON.stringify(j));
      if (!found) throw new Error(`not a toy action: ${JSON.stringify(j)}`);
      return found;
    },
    actorOf: (a) => describeAction(a).split(':')[0],
    explainStep(before, _a, after) {
      const out: string[] = [];
      for (let f = 0; f < 3; f++) {
        const b = before.frames[f];
        const x = after.frames[f];
        for (const k of ['ref', 'map', 'data'] as const) {
          if (b[k] !== x[k]) out.push(`frame ${f}: ${k === 'ref' ? 'refcount' : k === 'map' ? 'mapcount' : 'content'} ${b[k]} -> ${x[k]}`);
        }
      }
      for (let p = 0; p < 2; p++) {
        if (before.pte[p].w && !after.pte[p].w && after.pte[p].fr !== NONE) out.push(`P${p} PTE A: wrprotect`);
        if (before.pte[p].fr !== after.pte[p].fr) out.push(`P${p} PTE A: frame ${before.pte[p].fr} -> ${after.pte[p].fr}`);
      }
      return out;
    },
    explainViolation(property, s) {
      if (property === 'P-ISO') return `the pipe read ${s.pipe.read}, but P1 saw ${s.pipe.expect} when it called vmsplice()`;
      const bad = s.frames.findIndex((f, i) => f.ref !== f.map + (s.pipe.fr === i ? 1 : 0));
      return `frame ${bad}: refcount ${s.frames[bad].ref}, mapcount ${s.frames[bad].map}`;
    },
    parseAction(text) {
      const a = ACTIONS.find((x) => describeAction(x) === text.trim());
      if (!a) throw new Error(`unknown action "${text.trim()}" (expected one of: ${ACTIONS.map(describeAction).join(', ')})`);
      return a;
    },
    observe(s, name) {
      if (name === 'pipe') return s.pipe.read;
      const m = /^P([01]):A$/.exec(name);
      if (m) {
        const f = s.pte[Number(m[1])].fr;
        return f === NONE ? NONE : s.frames[f].data;
      }
      throw new Error(`unknown observable "${name}" (known: pipe, P0:A, P1:A)`);
    },
    observables: () => ['pipe', 'P0:A', 'P1:A'],
  };
}

/** The toy catalog, shaped like models/index.ts. */
export const toyWorld = {
  listDesigns: () => TOY_DESIGNS,
  listScopes: () => TOY_SCOPES,
  defaultScopes: () => [TOY_SCOPES[0]],
  deepScopes: () => TOY_SCOPES,
  buildModel: (design: string | Design, scope?: string) => {
    const d = typeof design === 'string' ? TOY_DESIGNS.find((x) => x.name === design) : design;
    if (!d) throw new Error(`unknown design ${String(design)}`);
    const sc = TOY_SCOPES.find((s) => s.name === (scope ?? 'toy'));
    if (!sc) throw new Error(`unknown scope ${scope}`);
    return buildToyModel(d as Design<ToyChoices>, sc);
  },
};
