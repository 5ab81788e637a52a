// What the products do to their own block of output before returning (the epilogues), so the
// passes around them (bias, relu, relu's mask, db) need no call and no pass of their own:
//   NN   Z = H_prev·W + b, then H = relu(Z)      (columns [j0, j1), every row)
//   NT   dC/dH ⊙ (Z > 0) = E                     (rows [r0, r1))
//   TN   db = scale · Σ_rows E                   (columns [j0, j1))
// The operations and their order are the separate passes' (passes.ts), so the numbers are too;
// an epilogue covers only its own block, so threads splitting a product by blocks split it too.

/** Z[r][j] += b[j] for j in [j0, j1), and H[r][j] = Z[r][j] > 0 ? Z[r][j] : 0 when H ≠ 0. */
export function biasRelu64(Z: usize, b: usize, H: usize, rows: i32, units: i32, j0: i32, j1: i32): void {
  const zero = f64x2.splat(0)
  const row = <usize>units << 3
  for (let r = 0; r < rows; r++) {
    const z = Z + <usize>r * row
    const h = H + <usize>r * row
    let j = j0
    for (; j + 2 <= j1; j += 2) {
      const at = <usize>j << 3
      const v = f64x2.add(v128.load(z + at), v128.load(b + at))
      v128.store(z + at, v)
      if (H != 0) v128.store(h + at, v128.and(v, f64x2.gt(v, zero)))
    }
    if (j < j1) {
      const at = <usize>j << 3
      const v = load<f64>(z + at) + load<f64>(b + at)
      store<f64>(z + at, v)
      if (H != 0) store<f64>(h + at, v > 0 ? v : 0)
    }
  }
}

export function biasRelu32(Z: usize, b: usize, H: usize, rows: i32, units: i32, j0: i32, j1: i32): void {
  const zero = f32x4.splat(0)
  const row = <usize>units << 2
  for (let r = 0; r < rows; r++) {
    const z = Z + <usize>r * row
    const h = H + <usize>r * row
    let j = j0
    for (; j + 4 <= j1; j += 4) {
      const at = <usize>j << 2
      const v = f32x4.add(v128.load(z + at), v128.load(b + at))
      v128.store(z + at, v)
      if (H != 0) v128.store(h + at, v128.and(v, f32x4.gt(v, zero)))
    }
    for (; j < j1; j++) {
      const at = <usize>j << 2
      const v: f32 = load<f32>(z + at) + load<f32>(b + at)
      store<f32>(z + at, v)
      if (H != 0) store<f32>(h + at, v > 0 ? v : 0)
    }
  }
}

/** out[j] = scale · Σ_r E[r][j] for j in [j0, j1), rows added in order. */
export function columnSumsRange64(E: usize, out: usize, rows: i32, units: i32, scale: f64, j0: i32, j1: i32): void {
  const row = <usize>units << 3
  let j = j0
  for (; j + 2 <= j1; j += 2) {
    let acc = f64x2.splat(0)
    let e = E + (<usize>j << 3)
    for (let r = 0; r < rows; r++) {
      acc = f64x2.add(acc, v128.load(e))
      e += row
    }
    v128.store(out + (<usize>j << 3), f64x2.mul(acc, f64x2.splat(scale)))
  }
  for (; j < j1; j++) {
    let s: f64 = 0
    for (let r = 0; r < rows; r++) s += load<f64>(E + ((<usize>r * <usize>units + <usize>j) << 3))
    store<f64>(out + (<usize>j << 3), s * scale)
  }
}

export function columnSumsRange32(E: usize, out: usize, rows: i32, units: i32, scale: f32, j0: i32, j1: i32): void {
  const row = <usize>units << 2
  let j = j0
  for (; j + 4 <= j1; j += 4) {
    let acc = f32x4.splat(0)
    let e = E + (<usize>j << 2)
    for (let r = 0; r < rows; r++) {
      acc = f32x4.add(acc, v128.load(e))
      e += row
    }
    v128.store(out + (<usize>j << 2), f32x4.mul(acc, f32x4.splat(scale)))
  }
  for (; j < j1; j++) {
    let s: f32 = 0
    for (let r = 0; r < rows; r++) s += load<f32>(E + ((<usize>r * <usize>units + <usize>j) << 2))
    store<f32>(out + (<usize>j << 2), s * scale)
  }
}
