// The shared arrays of the parallel search (checker/shared-arrays.ts): a
// thread that grows an array gives it a new buffer and says so; another
// thread sees the new buffer, with what was written before and after the
// growth, the next time it asks for the array, even when it started from a
// snapshot taken before the growth. (Here the "threads" are two instances
// in one thread, talking through MessageChannels as the workers do.)
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedArrays } from '../../checker/shared-arrays.js';

/** Connect `a` and `b` both ways. */
function connect(a: SharedArrays, b: SharedArrays): void {
  const ab = new MessageChannel();
  const ba = new MessageChannel();
  a.connect([ba.port2], [ab.port1]);
  b.connect([ab.port2], [ba.port1]);
}

describe('shared arrays', () => {
  it('a growth made by one thread is seen by the other, contents and all', () => {
    const a = SharedArrays.create(['u32', 'i32', 'u16']);
    const b = new SharedArrays(a.snapshot());
    connect(a, b);
    a.view<Uint32Array>(0)[5] = 55;
    expect(b.view<Uint32Array>(0)[5]).toBe(55);
    // Grown twice before the other looks: it takes both messages, in order.
    const n = 1_000_000;
    a.ensure<Uint32Array>(0, n)[n - 1] = 7;
    a.ensure<Uint32Array>(0, 5 * n)[5 * n - 1] = 9;
    const seen = b.view<Uint32Array>(0);
    expect(seen.length).toBeGreaterThanOrEqual(5 * n);
    expect([seen[5], seen[n - 1], seen[5 * n - 1]]).toEqual([55, 7, 9]);
    // The same memory: a write by either is seen by the other.
    seen[3] = 33;
    expect(a.view<Uint32Array>(0)[3]).toBe(33);
    // The other way, on another array.
    b.ensure<Int32Array>(1, n)[n - 1] = -4;
    expect(a.view<Int32Array>(1)[n - 1]).toBe(-4);
    expect(a.view<Int32Array>(1).length).toBeGreaterThanOrEqual(n);
    a.close();
    b.close();
  });

  it('a thread that starts from a snapshot taken before a growth reads the grown array', () => {
    const a = SharedArrays.create(['u32']);
    const early = a.snapshot();
    const ab = new MessageChannel();
    a.connect([], [ab.port1]);
    a.ensure<Uint32Array>(0, 300_000)[299_999] = 12;
    // Started now, from the snapshot: its buffer is the old one, and the news is in its inbox.
    const b = new SharedArrays(early);
    b.connect([ab.port2], []);
    const v = b.view<Uint32Array>(0);
    expect(v.length).toBeGreaterThanOrEqual(300_000);
    expect(v[299_999]).toBe(12);
    a.close();
    b.close();
  });

  it('says so when an array grew and no message came', () => {
    const a = SharedArrays.create(['u32']);
    const b = new SharedArrays(a.snapshot(), 100);
    a.ensure(0, 100_000); // no ports: nobody is told
    expect(() => b.view(0)).toThrow(/array 0 grew, but no thread said so/);
  });
});
