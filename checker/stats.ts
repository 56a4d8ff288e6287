// Statistics of a search, and the progress callback shape.

export interface SearchStats {
  /** Successors generated (transitions), duplicates included. */
  generated: number;
  /** Distinct states stored. */
  distinct: number;
  /** Deepest BFS level that holds a state. */
  depth: number;
  /** Distinct states per BFS level, level 0 = initial states. */
  levels: number[];
  /** Transitions per action label. */
  coverage: Record<string, number>;
  elapsedMs: number;
  /** Distinct states per second. */
  statesPerSecond: number;
  /** Bytes per stored state: packed state, parent link, action index, table share. */
  bytesPerState: number;
  /** Peak resident set size of the process seen during the search, bytes. */
  peakRss: number;
  workers: number;
}

export interface Progress {
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly statesPerSecond: number;
}

export function emptyStats(workers: number): SearchStats {
  return {
    generated: 0,
    distinct: 0,
    depth: 0,
    levels: [],
    coverage: {},
    elapsedMs: 0,
    statesPerSecond: 0,
    bytesPerState: 0,
    peakRss: process.memoryUsage.rss(),
    workers,
  };
}

/**
 * Transitions per action label. Counted per action object (an identity map is
 * cheaper than computing a label string per transition when a model interns
 * its actions) and folded into labels at the end, or whenever the identity
 * map grows large because a model allocates fresh action objects.
 */
export class Coverage<A> {
  private byAction = new Map<A, number>();
  private readonly byLabel = new Map<string, number>();
  constructor(private readonly label: (a: A) => string) {}

  count(a: A): void {
    const m = this.byAction;
    const n = m.get(a);
    if (n !== undefined) m.set(a, n + 1);
    else if (m.size < 4096) m.set(a, 1);
    else {
      this.fold();
      m.set(a, 1);
    }
  }

  add(other: Record<string, number>): void {
    for (const [l, n] of Object.entries(other)) this.byLabel.set(l, (this.byLabel.get(l) ?? 0) + n);
  }

  private fold(): void {
    for (const [a, n] of this.byAction) {
      const l = this.label(a);
      this.byLabel.set(l, (this.byLabel.get(l) ?? 0) + n);
    }
    this.byAction = new Map();
  }

  /** Counts by label, labels in sorted order. */
  result(): Record<string, number> {
    this.fold();
    return Object.fromEntries([...this.byLabel.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
