// The figures of one measured run: one row of the bench's table.
export interface RunFigures {
  readonly distinct: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
  readonly peakRssBytes: number;
  readonly status: string;
}

/** A run's figures from what it measured; distinct states per second follow. */
export function figuresOf(m: Omit<RunFigures, 'statesPerSecond'>): RunFigures {
  return { ...m, statesPerSecond: m.distinct / m.seconds };
}
