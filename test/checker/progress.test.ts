import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pinbench } from '../../bench/pinbench.js';
import { isCI, progressLine, progressReporter } from '../../checker/progress.js';
import { bfs } from '../../checker/search.js';

function fakeStream(isTTY: boolean): PassThrough & { isTTY: boolean; columns: number; text(): string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text(): string };
  const chunks: string[] = [];
  s.on('data', (c: Buffer) => chunks.push(c.toString()));
  s.isTTY = isTTY;
  s.columns = 100;
  s.text = () => chunks.join('');
  return s;
}
const tick = () => new Promise((r) => setImmediate(r));

describe('progress on a terminal', () => {
  it('formats states, depth, states/s and seconds on one line', () => {
    const line = progressLine({ distinct: 1234567, generated: 9e6, depth: 14, elapsedMs: 2500, statesPerSecond: 493826.8 }, 'pinbench');
    expect(line).toBe('pinbench: 1,234,567 states, depth 14, 493,827 states/s, 2.5 s');
  });

  it('draws the line in place on a TTY during a real search, and erases it at the end', async () => {
    const stream = fakeStream(true);
    const p = progressReporter({ stream, env: {} });
    expect(p.onProgress).toBeDefined();
    const r = bfs(pinbench, { maxDepth: 10, progressMs: 0, onProgress: p.onProgress });
    p.stop();
    await tick();
    const out = stream.text();
    expect(out).toMatch(/\d[\d,]* states, depth \d+, [\d,]+ states\/s, \d+\.\d s/);
    expect(out).not.toContain('\n');
    expect(out).toContain('\x1b[1G'); // back to column 1 before each redraw
    expect(out.endsWith('\x1b[2K')).toBe(true); // the line erased by stop()
    expect(r.status).toBe('depth-bound');
  });

  it('is quiet when the stream is not a terminal, or when CI is set', async () => {
    for (const [stream, env] of [
      [fakeStream(false), {}],
      [fakeStream(true), { CI: 'true' }],
      [fakeStream(true), { CI: '1' }],
    ] as const) {
      const p = progressReporter({ stream, env });
      expect(p.onProgress).toBeUndefined();
      bfs(pinbench, { maxDepth: 6, progressMs: 0, onProgress: p.onProgress });
      p.stop();
      await tick();
      expect(stream.text()).toBe('');
    }
  });

  it('reads CI as set unless empty, 0 or false', () => {
    expect([undefined, '', '0', 'false', 'FALSE', 'true', '1', 'github'].map((CI) => isCI({ CI }))).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});
