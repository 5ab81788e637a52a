/**
 * The elementwise passes around the products: add the bias to each row of Z, relu, relu's mask on
 * the error, and column sums (db). Plain loops here; a WebAssembly kernel brings SIMD versions of
 * the same operations (see kernel.ts on which numbers two kernels share).
 */
import type { Floats } from './kernel'

export interface Elementwise {
  /** Z[r][j] += b[j] */
  addBias(Z: Floats, b: Floats, rows: number, units: number): void
  /** H = Z > 0 ? Z : 0 */
  relu(Z: Floats, H: Floats, n: number): void
  /** E = Z > 0 ? E : 0 (relu'(0) = 0) */
  reluMask(Z: Floats, E: Floats, n: number): void
  /** out[j] = scale · Σ_r E[r][j], rows added in order */
  columnSums(E: Floats, out: Floats, rows: number, units: number, scale: number): void
}

export const jsElementwise: Elementwise = {
  addBias(Z, b, rows, units) {
    for (let r = 0, o = 0; r < rows; r++, o += units) for (let j = 0; j < units; j++) Z[o + j] += b[j]
  },
  relu(Z, H, n) {
    for (let i = 0; i < n; i++) H[i] = Z[i] > 0 ? Z[i] : 0
  },
  reluMask(Z, E, n) {
    for (let i = 0; i < n; i++) if (!(Z[i] > 0)) E[i] = 0
  },
  columnSums(E, out, rows, units, scale) {
    out.fill(0)
    for (let r = 0, o = 0; r < rows; r++, o += units) for (let j = 0; j < units; j++) out[j] += E[o + j]
    for (let j = 0; j < units; j++) out[j] *= scale
  },
}
