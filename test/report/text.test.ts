import { describe, expect, it } from 'vitest';
import { renderLanes } from '../../report/lanes.js';
import { WIDTH, table, wrap } from '../../report/text.js';

describe('wrap', () => {
  it('breaks at spaces and keeps every line within the width', () => {
    const lines = wrap('pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM) then fork() and a write fault in the parent', 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe('pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM) then fork() and a write fault in the parent');
  });
  it('breaks a long word after a separator', () => {
    expect(wrap('pin_user_pages(A,FOLL_WRITE|FOLL_LONGTERM)', 20)).toEqual(['pin_user_pages(A,', 'FOLL_WRITE|', 'FOLL_LONGTERM)']);
  });
});

describe('table', () => {
  it('splits columns into blocks that fit in 80 columns, repeating the row names', () => {
    const cols = Array.from({ length: 12 }, (_, i) => ({ header: `P-PROPERTY-${i}`, cells: ['ok', 'FAIL 12'] }));
    const lines = table('design', ['D-REFCOUNT-NO-FORK-COPY', 'D-PIN'], cols);
    expect(lines.every((l) => l.length <= WIDTH)).toBe(true);
    expect(lines.filter((l) => l.startsWith('D-PIN')).length).toBeGreaterThan(1);
    expect(lines.join('\n')).toContain('P-PROPERTY-11');
  });
});

describe('renderLanes', () => {
  it('puts each action in its actor column and wraps long ones within 80 columns', () => {
    const lines = renderLanes([
      { step: 1, actor: 'P0', action: 'P0: fork()', changes: ['frame 1: mapcount 1 -> 2'] },
      { step: 2, actor: 'device', action: 'pin_user_pages(A, FOLL_WRITE|FOLL_LONGTERM) via io_uring_register(IORING_REGISTER_BUFFERS)', changes: ['frame 1: refcount 2 -> 1026 (pin bias 1024)'] },
      { step: 3, actor: 'P1', action: 'write(A)', changes: [] },
    ], ['P0', 'P1', 'device', 'pipe', 'kernel']);
    expect(lines.every((l) => l.length <= WIDTH)).toBe(true);
    expect(lines[0]).toMatch(/^ {4}P0 +P1 +device +pipe +kernel$/);
    expect(lines[2]).toBe(' 1  fork()');
    const p1 = lines.find((l) => l.includes('write(A)'))!;
    expect(p1.indexOf('write(A)')).toBe(lines[0].indexOf('P1'));
    expect(lines.join('\n')).toContain('FOLL_LONGTERM');
  });
});
