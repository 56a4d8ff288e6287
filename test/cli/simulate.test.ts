// pinspec simulate on the real world: random walks find the CVE-2020-29374
// shape on D-MAPCOUNT, shrink it to a 1-minimal trace that replays, give the
// same output for the same seed, and never claim a failure on D-CURRENT.
import { describe, expect, it } from 'vitest';
import { traceFromActions } from '../../checker/trace.js';
import { buildModel } from '../../models/index.js';
import { smallerFailures } from '../checker/one-minimal.js';
import { runIn } from './harness.js';
import { realWorld } from './real-world.js';

const walk = ['simulate', '--design', 'D-MAPCOUNT', '--scope', 'anon-fork', '--property', 'P-ISO', '--seed', '7'];

describe('pinspec simulate', () => {
  it('finds P-ISO on D-MAPCOUNT, shrunk to a 1-minimal trace that replays', async () => {
    const r = await runIn(realWorld, [...walk, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [scope] = JSON.parse(r.stdout);
    const [v] = scope.verdicts;
    expect(v.property).toBe('P-ISO');
    expect(v.status).toBe('violated');
    expect(v.replay.seed).toBe(7);
    const model = buildModel('D-MAPCOUNT', 'anon-fork');
    const replayed = traceFromActions(model, v.trace.initialIndex, v.trace.steps.map((s: { action: string }) => model.parseAction(s.action)));
    if (!('trace' in replayed)) throw new Error(`step ${replayed.failedAt + 1} is not enabled`);
    expect(smallerFailures(model, 'P-ISO', replayed.trace)).toEqual([]);
  });

  it('prints the same walks for the same seed', async () => {
    const a = await runIn(realWorld, walk);
    const b = await runIn(realWorld, walk);
    expect(a.stdout).toContain('P-ISO');
    expect(a.stdout).toBe(b.stdout);
    for (const line of a.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('exits 0 on D-CURRENT (no walk breaks a property it keeps) and 2 on an unknown design', async () => {
    const ok = await runIn(realWorld, ['simulate', '--design', 'D-CURRENT', '--scope', 'anon-fork', '--runs', '50']);
    expect(ok.code, ok.stdout).toBe(0);
    const bad = await runIn(realWorld, ['simulate', '--design', 'D-NOPE']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown design "D-NOPE"; known designs: D-GET/);
  });
});
