// Plain-text layout helpers for reports meant to be pasted into mail: ASCII,
// at most WIDTH columns, words wrapped at spaces or after separators.

export const WIDTH = 80;

/**
 * Break `text` into lines of at most `width` characters, preferring breaks
 * at spaces, then after ',', '|' or '('; a word longer than `width` is cut.
 */
export function wrap(text: string, width: number): string[] {
  if (width < 1) throw new RangeError(`wrap: width ${width}`);
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) {
      const seps = [',', '|', '('].map((c) => rest.lastIndexOf(c, width - 1));
      const sep = Math.max(...seps);
      cut = sep > 0 ? sep + 1 : width;
    }
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || lines.length === 0) lines.push(rest);
  return lines;
}

/** `text` wrapped to WIDTH with every line indented by `indent` spaces (a hanging `first` prefix replaces the first indent). */
export function block(text: string, indent: number, first?: string): string[] {
  const lead = first ?? ' '.repeat(indent);
  const pad = ' '.repeat(indent);
  return wrap(text, WIDTH - indent).map((l, i) => (i === 0 ? lead.padEnd(indent) : pad) + l);
}

/** Replace anything outside printable ASCII so mail clients keep the layout. */
export function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e\n]/g, '?');
}

export interface Column {
  readonly header: string;
  readonly cells: readonly string[];
}

/**
 * A table with a fixed first column (row names) and as many data columns per
 * block as fit in WIDTH; the remaining columns continue in further blocks,
 * each repeating the row names.
 */
export function table(rowHeader: string, rows: readonly string[], columns: readonly Column[]): string[] {
  const nameWidth = Math.max(rowHeader.length, ...rows.map((r) => r.length));
  const widths = columns.map((c) => Math.max(c.header.length, ...c.cells.map((x) => x.length)));
  const out: string[] = [];
  let i = 0;
  while (i < columns.length) {
    let used = nameWidth;
    const start = i;
    while (i < columns.length && (i === start || used + 2 + widths[i] <= WIDTH)) used += 2 + widths[i++];
    const span = columns.slice(start, i).map((c, k) => ({ c, w: widths[start + k] }));
    if (out.length) out.push('');
    out.push([rowHeader.padEnd(nameWidth), ...span.map(({ c, w }) => c.header.padEnd(w))].join('  ').trimEnd());
    for (const [r, name] of rows.entries()) {
      out.push([name.padEnd(nameWidth), ...span.map(({ c, w }) => c.cells[r].padEnd(w))].join('  ').trimEnd());
    }
  }
  return out;
}

/** `text` wrapped to WIDTH, the first line at column 0 and the rest indented by `indent`. */
export function hanging(text: string, indent: number): string[] {
  return wrap(text, WIDTH - indent).map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l));
}

/** `text` wrapped to WIDTH, the first line indented by `first` spaces and the rest by `rest`. */
export function indented(text: string, first: number, rest: number): string[] {
  const lines = wrap(text, WIDTH - Math.max(first, rest));
  return lines.map((l, i) => ' '.repeat(i === 0 ? first : rest) + l);
}
