import { biasRelu32, biasRelu64, columnSumsRange32, columnSumsRange64 } from './epilogues'

// ─────────────── the elementwise passes around the products (bias, relu, its mask, column sums) ───────────────
// Same operations in the same order as the JS loops (add, compare, add down each column), so the
// results are identical; SIMD along the units of a row.

/** Z[r][j] += b[j] for every row. */
export function addBias64(Z: usize, b: usize, rows: i32, units: i32): void {
  biasRelu64(Z, b, 0, rows, units, 0, units)
}

export function addBias32(Z: usize, b: usize, rows: i32, units: i32): void {
  biasRelu32(Z, b, 0, rows, units, 0, units)
}

/** H = max(Z, 0), with relu(NaN) = 0 as the JS loop has it (Z > 0 ? Z : 0). */
export function relu64(Z: usize, H: usize, n: i32): void {
  const zero = f64x2.splat(0)
  const n2 = n & ~1
  for (let i = 0; i < n2; i += 2) {
    const at = <usize>i << 3
    const z = v128.load(Z + at)
    v128.store(H + at, v128.and(z, f64x2.gt(z, zero)))
  }
  if (n2 < n) {
    const z = load<f64>(Z + (<usize>n2 << 3))
    store<f64>(H + (<usize>n2 << 3), z > 0 ? z : 0)
  }
}

export function relu32(Z: usize, H: usize, n: i32): void {
  const zero = f32x4.splat(0)
  const n4 = n & ~3
  for (let i = 0; i < n4; i += 4) {
    const at = <usize>i << 2
    const z = v128.load(Z + at)
    v128.store(H + at, v128.and(z, f32x4.gt(z, zero)))
  }
  for (let i = n4; i < n; i++) {
    const z = load<f32>(Z + (<usize>i << 2))
    store<f32>(H + (<usize>i << 2), z > 0 ? z : 0)
  }
}

/** E = Z > 0 ? E : 0 (relu'(0) = 0). */
export function reluMask64(Z: usize, E: usize, n: i32): void {
  const zero = f64x2.splat(0)
  const n2 = n & ~1
  for (let i = 0; i < n2; i += 2) {
    const at = <usize>i << 3
    v128.store(E + at, v128.and(v128.load(E + at), f64x2.gt(v128.load(Z + at), zero)))
  }
  if (n2 < n && !(load<f64>(Z + (<usize>n2 << 3)) > 0)) store<f64>(E + (<usize>n2 << 3), 0)
}

export function reluMask32(Z: usize, E: usize, n: i32): void {
  const zero = f32x4.splat(0)
  const n4 = n & ~3
  for (let i = 0; i < n4; i += 4) {
    const at = <usize>i << 2
    v128.store(E + at, v128.and(v128.load(E + at), f32x4.gt(v128.load(Z + at), zero)))
  }
  for (let i = n4; i < n; i++) if (!(load<f32>(Z + (<usize>i << 2)) > 0)) store<f32>(E + (<usize>i << 2), 0)
}

/** out[j] = scale · Σ_r E[r][j], rows added in order (the TN product's epilogue, over every column). */
export function columnSums64(E: usize, out: usize, rows: i32, units: i32, scale: f64): void {
  columnSumsRange64(E, out, rows, units, scale, 0, units)
}

export function columnSums32(E: usize, out: usize, rows: i32, units: i32, scale: f32): void {
  columnSumsRange32(E, out, rows, units, scale, 0, units)
}
