import type { Floats } from './kernel'

/** A row-major matrix as nested rows (the project file's and the protocol's layout: W[i][j]). */
export function toRows(flat: Floats, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(flat.subarray(i * cols, (i + 1) * cols)))
}
