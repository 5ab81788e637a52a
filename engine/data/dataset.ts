/**
 * In-memory data sets: rows of inputs X (n × d) and targets Y (n × k), row-major Float64Arrays.
 */
export type ProblemKind = 'binary' | 'multiclass' | 'regression'

export interface Dataset {
  /** Rows. */
  n: number
  /** Inputs per row (after features). */
  d: number
  /** Targets per row. */
  k: number
  X: Float64Array
  Y: Float64Array
  inputNames: string[]
  targetNames: string[]
  kind: ProblemKind
  /** Class names for one-hot targets (multiclass) or ['0', '1'] for binary. */
  classes?: string[]
  /**
   * The raw 2-D points (x1, x2) before features and standardization, n × 2, for scatter plots
   * and the decision-boundary grid. Present when the data has exactly two raw inputs.
   */
  points?: Float64Array
  /** CSV rows skipped as bad (when the format asks to skip them), and the first one's error. */
  skipped?: { rows: number; first: string }
}

/** Train and test rows of one data set. */
export interface SplitDataset {
  train: Dataset
  test: Dataset
  /**
   * Maps a raw 2-D point to the network's input row (features, then standardization), for the
   * prediction grid. Present when the data has exactly two raw inputs.
   */
  encodePoint?: (x1: number, x2: number, out: Float64Array) => void
  /** Bounds of the raw 2-D points, for the grid: [x1min, x1max, x2min, x2max]. */
  bounds?: [number, number, number, number]
}

/** A row of a data set, copied out. */
export function rowOf(data: Float64Array, width: number, row: number): Float64Array {
  return data.subarray(row * width, (row + 1) * width)
}
