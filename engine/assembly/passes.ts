// ───────────────────────── the SGD update, w −= lr·g, in the same memory ─────────────────────────
// Returns ‖Δ‖² and leaves Σ w (after the update) in `lastSum`: the sentinel's check needs both,
// and one pass over the parameters is cheaper here than in JavaScript for float32 buffers.

export let lastSum: f64 = 0

export function sgdStep64(w: usize, g: usize, n: i32, lr: f64): f64 {
  let normSq: f64 = 0
  let sum: f64 = 0
  for (let p = 0; p < n; p++) {
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
  let normSq: f64 = 0
  let sum: f64 = 0
  for (let p = 0; p < n; p++) {
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

// ─────────────── the elementwise passes around the products (bias, relu, its mask, column sums) ───────────────
// Same operations in the same order as the JS loops (add, compare, add down each column), so the
// results are identical; SIMD along the units of a row.

/** Z[r][j] += b[j] for every row. */
export function addBias64(Z: usize, b: usize, rows: i32, units: i32): void {
  const u2 = units & ~1
  const row = <usize>units << 3
  for (let r = 0; r < rows; r++) {
    const z = Z + <usize>r * row
    for (let j = 0; j < u2; j += 2) {
      const at = <usize>j << 3
      v128.store(z + at, f64x2.add(v128.load(z + at), v128.load(b + at)))
    }
    if (u2 < units) store<f64>(z + (<usize>u2 << 3), load<f64>(z + (<usize>u2 << 3)) + load<f64>(b + (<usize>u2 << 3)))
  }
}

export function addBias32(Z: usize, b: usize, rows: i32, units: i32): void {
  const u4 = units & ~3
  const row = <usize>units << 2
  for (let r = 0; r < rows; r++) {
    const z = Z + <usize>r * row
    for (let j = 0; j < u4; j += 4) {
      const at = <usize>j << 2
      v128.store(z + at, f32x4.add(v128.load(z + at), v128.load(b + at)))
    }
    for (let j = u4; j < units; j++) store<f32>(z + (<usize>j << 2), load<f32>(z + (<usize>j << 2)) + load<f32>(b + (<usize>j << 2)))
  }
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

/** out[j] = scale · Σ_r E[r][j], rows added in order. */
export function columnSums64(E: usize, out: usize, rows: i32, units: i32, scale: f64): void {
  const u2 = units & ~1
  const row = <usize>units << 3
  for (let j = 0; j < u2; j += 2) {
    let acc = f64x2.splat(0)
    let e = E + (<usize>j << 3)
    for (let r = 0; r < rows; r++) {
      acc = f64x2.add(acc, v128.load(e))
      e += row
    }
    v128.store(out + (<usize>j << 3), f64x2.mul(acc, f64x2.splat(scale)))
  }
  for (let j = u2; j < units; j++) {
    let s: f64 = 0
    for (let r = 0; r < rows; r++) s += load<f64>(E + ((<usize>r * <usize>units + <usize>j) << 3))
    store<f64>(out + (<usize>j << 3), s * scale)
  }
}

export function columnSums32(E: usize, out: usize, rows: i32, units: i32, scale: f32): void {
  const u4 = units & ~3
  const row = <usize>units << 2
  for (let j = 0; j < u4; j += 4) {
    let acc = f32x4.splat(0)
    let e = E + (<usize>j << 2)
    for (let r = 0; r < rows; r++) {
      acc = f32x4.add(acc, v128.load(e))
      e += row
    }
    v128.store(out + (<usize>j << 2), f32x4.mul(acc, f32x4.splat(scale)))
  }
  for (let j = u4; j < units; j++) {
    let s: f32 = 0
    for (let r = 0; r < rows; r++) s += load<f32>(E + ((<usize>r * <usize>units + <usize>j) << 2))
    store<f32>(out + (<usize>j << 2), s * scale)
  }
}
