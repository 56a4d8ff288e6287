// What a property needs to know about the scope it is checked in.
export interface SpecContext {
  /** GUP_PIN_COUNTING_BIAS, scaled. */
  readonly bias: number;
  /** Largest refcount that does not overflow, scaled. */
  readonly limit: number;
  /** Frames in ZONE_MOVABLE/CMA. */
  readonly movable: readonly boolean[];
}
