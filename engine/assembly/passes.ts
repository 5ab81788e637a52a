import { biasRelu32, biasRelu64, columnSumsRange32, columnSumsRange64 } from './epilogues'

// ───────────────────────── the SGD update, w −= lr·g, in the same memory ─────────────────────────
// Returns ‖Δ‖² and leaves Σ w (after the update) in `lastSum`: the sentinel's check needs both,
// and one SIMD pass over the parameters is cheaper here than in JavaScript.

export let lastSum: f64 = 0

// Each weight gets exactly w + (−lr·g), as in the JS loop; ‖Δ‖² and Σ w are summed in f64 lanes
// (two or four partial sums, then added), so those two statistics may differ from the JS loop's in
// the last bits. They feed only the sentinel's finiteness check and the update/weight ratio.

export function sgdStep64(w: usize, g: usize, n: i32, lr: f64): f64 {
  const rate = f64x2.splat(-lr)
  let norm0 = f64x2.splat(0), norm1 = f64x2.splat(0), sum0 = f64x2.splat(0), sum1 = f64x2.splat(0)
  const n4 = n & ~3
  for (let p = 0; p < n4; p += 4) {
    const at = w + (<usize>p << 3)
    const from = g + (<usize>p << 3)
    const d0 = f64x2.mul(rate, v128.load(from))
    const d1 = f64x2.mul(rate, v128.load(from, 16))
    const w0 = f64x2.add(v128.load(at), d0)
    const w1 = f64x2.add(v128.load(at, 16), d1)
    v128.store(at, w0)
    v128.store(at, w1, 16)
    norm0 = f64x2.add(norm0, f64x2.mul(d0, d0))
    norm1 = f64x2.add(norm1, f64x2.mul(d1, d1))
    sum0 = f64x2.add(sum0, w0)
    sum1 = f64x2.add(sum1, w1)
  }
  let normSq = lanes2(f64x2.add(norm0, norm1))
  let sum = lanes2(f64x2.add(sum0, sum1))
  for (let p = n4; p < n; p++) {
    const at = <usize>p << 3
    const delta = -lr * load<f64>(g + at)
    const next = load<f64>(w + at) + delta
    store<f64>(w + at, next)
    normSq += delta * delta
    sum += next
  }
  lastSum = sum
  return normSq
}

export function sgdStep32(w: usize, g: usize, n: i32, lr: f32): f64 {
  const rate = f32x4.splat(-lr)
  let norm0 = f64x2.splat(0), norm1 = f64x2.splat(0), sum0 = f64x2.splat(0), sum1 = f64x2.splat(0)
  const n4 = n & ~3
  for (let p = 0; p < n4; p += 4) {
    const at = w + (<usize>p << 2)
    const d = f32x4.mul(rate, v128.load(g + (<usize>p << 2)))
    const next = f32x4.add(v128.load(at), d)
    v128.store(at, next)
    const dLo = f64x2.promote_low_f32x4(d)
    const dHi = f64x2.promote_low_f32x4(i32x4.shuffle(d, d, 2, 3, 0, 1))
    norm0 = f64x2.add(norm0, f64x2.mul(dLo, dLo))
    norm1 = f64x2.add(norm1, f64x2.mul(dHi, dHi))
    sum0 = f64x2.add(sum0, f64x2.promote_low_f32x4(next))
    sum1 = f64x2.add(sum1, f64x2.promote_low_f32x4(i32x4.shuffle(next, next, 2, 3, 0, 1)))
  }
  let normSq = lanes2(f64x2.add(norm0, norm1))
  let sum = lanes2(f64x2.add(sum0, sum1))
  for (let p = n4; p < n; p++) {
    const at = <usize>p << 2
    const delta: f32 = -lr * load<f32>(g + at)
    const next: f32 = load<f32>(w + at) + delta
    store<f32>(w + at, next)
    normSq += <f64>delta * <f64>delta
    sum += <f64>next
  }
  lastSum = sum
  return normSq
}

// @ts-ignore: decorator
@inline function lanes2(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1)
}

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
