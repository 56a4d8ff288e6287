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

/** Positions of an enabled list whose last action countAt() remembers. */
const MEMO = 64;
/** No action (a model's action may be any value, undefined included). */
const UNSET = Symbol('no action');

/**
 * Transitions per action label. Counted per action object (an identity map is
 * cheaper than computing a label string per transition when a model interns
 * its actions) and folded into labels at the end, or whenever the identity
 * map grows large because a model allocates fresh action objects.
 */
export class Coverage<A> {
  // action object -> its counter in `counts` (one Map lookup per transition)
  private index = new Map<A, number>();
  private counts = new Float64Array(64);
  private readonly byLabel = new Map<string, number>();
  private readonly memoAction: unknown[] = new Array<unknown>(MEMO).fill(UNSET);
  private readonly memoCounter = new Int32Array(MEMO);
  constructor(private readonly label: (a: A) => string) {}

  /** Count one transition by `a`; the index of its counter. */
  count(a: A): number {
    const j = this.index.get(a);
    if (j === undefined) return this.addAction(a);
    this.counts[j]++;
    return j;
  }

  /**
   * count(a) for the action at position `i` of the enabled list. Remembers,
   * per position, the action last counted there and its counter: the lists
   * of states expanded one after the other mostly agree position by
   * position (two thirds of pinbench's transitions), and then no Map lookup.
   */
  countAt(a: A, i: number): void {
    if (i >= MEMO) {
      this.count(a);
      return;
    }
    if (this.memoAction[i] === a) {
      this.counts[this.memoCounter[i]]++;
      return;
    }
    this.memoCounter[i] = this.count(a);
    this.memoAction[i] = a;
  }

  /** Take back one count(a). */
  uncount(a: A): void {
    const j = this.index.get(a);
    if (j !== undefined) this.counts[j]--;
    else {
      // (addAction() may replace this.counts: index it after the call.)
      const k = this.addAction(a);
      this.counts[k] = -1;
    }
  }

  /** A counter for `a`, counting 1 (folding the identity map first when it is full); its index. */
  private addAction(a: A): number {
    if (this.index.size === 4096) this.fold();
    const j = this.index.size;
    if (j === this.counts.length) {
      const bigger = new Float64Array(j * 2);
      bigger.set(this.counts);
      this.counts = bigger;
    }
    this.index.set(a, j);
    this.counts[j] = 1;
    return j;
  }

  add(other: Record<string, number>): void {
    for (const [l, n] of Object.entries(other)) this.byLabel.set(l, (this.byLabel.get(l) ?? 0) + n);
  }

  private fold(): void {
    for (const [a, j] of this.index) {
      const l = this.label(a);
      this.byLabel.set(l, (this.byLabel.get(l) ?? 0) + this.counts[j]);
    }
    this.index = new Map();
    this.memoAction.fill(UNSET);
  }

  /** Counts by label, labels in sorted order. */
  result(): Record<string, number> {
    this.fold();
    const counted = [...this.byLabel.entries()].filter(([, n]) => n !== 0);
    return Object.fromEntries(counted.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
