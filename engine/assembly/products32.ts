// The three products in float32 (f32x4 lanes), row-major, no materialized transposes, with
// 4-row × 2-vector register tiles (8 accumulators: more spill in V8's x64 register allocator).
// NN and TN copy the strip of the reused operand a tile walks (8 columns of W, or of E) into a
// small contiguous panel first, so the inner loop reads it from L1 instead of striding through
// rows (the packed panel of BLAS kernels). Each output is still one accumulator summed in
// ascending order of the shared index: packing changes where values are read, not the order.
// Each call computes a block of the output (columns [j0, j1) for NN and TN, rows [r0, r1) for NT),
// so threads can split a product by output blocks and every element is computed by one thread in
// the same order as one thread would.

import { biasRelu32, columnSumsRange32 } from './epilogues'
import { reluMask32 } from './passes'

// @ts-ignore: decorator
@inline function madd32(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc)
  return f32x4.add(acc, f32x4.mul(a, b))
}

/**
 * Copies rows × `cols` values (cols ≤ 8) at column j of a row-major matrix (rows of `row` bytes)
 * into `panel`, 8 to a row, zero-filled past `cols`: a narrow strip (an output layer of one unit,
 * the last columns) then runs through the same tile as a full one.
 */
function pack32(src: usize, row: usize, rows: i32, panel: usize, cols: i32): void {
  let dst = panel
  if (cols == 8) {
    for (let p = 0; p < rows; p++) {
      v128.store(dst, v128.load(src))
      v128.store(dst, v128.load(src, 16), 16)
      src += row
      dst += 32
    }
    return
  }
  const zero = f32x4.splat(0)
  for (let p = 0; p < rows; p++) {
    v128.store(dst, zero)
    v128.store(dst, zero, 16)
    for (let c = 0; c < cols; c++) store<f32>(dst + (<usize>c << 2), load<f32>(src + (<usize>c << 2)))
    src += row
    dst += 32
  }
}

/** Stores the first `cols` (≤ 8) values of a tile row held in two vectors. */
// @ts-ignore: decorator
@inline function storeRow32(c: usize, v0: v128, v1: v128, cols: i32): void {
  if (cols == 8) {
    v128.store(c, v0)
    v128.store(c, v1, 16)
  } else if (cols >= 4) {
    v128.store(c, v0)
    storeLanes32(c + 16, v1, cols - 4)
  } else storeLanes32(c, v0, cols)
}

// @ts-ignore: decorator
@inline function storeLanes32(c: usize, v: v128, count: i32): void {
  if (count == 4) v128.store(c, v)
  else {
    if (count > 0) store<f32>(c, f32x4.extract_lane(v, 0))
    if (count > 1) store<f32>(c, f32x4.extract_lane(v, 1), 4)
    if (count > 2) store<f32>(c, f32x4.extract_lane(v, 2), 8)
  }
}

/** Columns [j0, j1) of C (m×n) = A (m×k) · B (k×n), + bias and H = relu(C) when given (epilogues.ts); `panel` holds k × 8 values. */
export function matmulNN32(A: usize, B: usize, C: usize, m: i32, k: i32, n: i32, bias: usize, H: usize, panel: usize, j0: i32, j1: i32): void {
  if (n == 1) {
    nnColumn32(A, B, C, m, k, panel)
    if (bias != 0) biasRelu32(C, bias, H, m, n, j0, j1)
    return
  }
  const rowA = <usize>k << 2
  const rowB = <usize>n << 2
  for (let j = j0; j < j1; j += 8) {
    const cols = min(8, j1 - j)
    pack32(B + (<usize>j << 2), rowB, k, panel, cols)
    // Full tiles inline (a call per tile, or the edge tile's stores, make V8 spill the accumulators).
    const full = cols == 8 ? m & ~3 : 0
    for (let i = 0; i < full; i += 4) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
      let bp = panel
      let ap = A + <usize>i * rowA
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp)
        const b1 = v128.load(bp, 16)
        // load32_splat: one load that fills the lanes (a broadcast load), not a load and a shuffle: 4–6 % on the wide products.
        const x0 = v128.load32_splat(ap)
        const x1 = v128.load32_splat(ap + rowA)
        const x2 = v128.load32_splat(ap + 2 * rowA)
        const x3 = v128.load32_splat(ap + 3 * rowA)
        c00 = madd32(x0, b0, c00); c01 = madd32(x0, b1, c01)
        c10 = madd32(x1, b0, c10); c11 = madd32(x1, b1, c11)
        c20 = madd32(x2, b0, c20); c21 = madd32(x2, b1, c21)
        c30 = madd32(x3, b0, c30); c31 = madd32(x3, b1, c31)
        bp += 32
        ap += 4
      }
      const c = C + <usize>i * rowB + (<usize>j << 2)
      v128.store(c, c00); v128.store(c, c01, 16)
      v128.store(c + rowB, c10); v128.store(c + rowB, c11, 16)
      v128.store(c + 2 * rowB, c20); v128.store(c + 2 * rowB, c21, 16)
      v128.store(c + 3 * rowB, c30); v128.store(c + 3 * rowB, c31, 16)
    }
    for (let i = full; i < m; i += 4) nnTile32(A, rowA, C + <usize>i * rowB + (<usize>j << 2), rowB, i, m, k, panel, cols)
  }
  if (bias != 0) biasRelu32(C, bias, H, m, n, j0, j1)
}

/**
 * An edge tile (fewer than 4 rows or a narrow strip) of 4 rows × 2 vectors of accumulators, as the full tiles sum. Past the last row of A (m mod 4)
 * the tile reads the last row again and stores nothing for it, so every output, edge or not, is
 * summed by this same loop.
 */
function nnTile32(A: usize, rowA: usize, c: usize, rowC: usize, i: i32, m: i32, k: i32, panel: usize, cols: i32): void {
  const last = m - 1
  const a0 = A + <usize>i * rowA
  const a1 = A + <usize>min(i + 1, last) * rowA
  const a2 = A + <usize>min(i + 2, last) * rowA
  const a3 = A + <usize>min(i + 3, last) * rowA
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
  let bp = panel
  for (let p = 0; p < k; p++) {
    const o = <usize>p << 2
    const b0 = v128.load(bp)
    const b1 = v128.load(bp, 16)
    const x0 = v128.load32_splat(a0 + o)
    const x1 = v128.load32_splat(a1 + o)
    const x2 = v128.load32_splat(a2 + o)
    const x3 = v128.load32_splat(a3 + o)
    c00 = madd32(x0, b0, c00); c01 = madd32(x0, b1, c01)
    c10 = madd32(x1, b0, c10); c11 = madd32(x1, b1, c11)
    c20 = madd32(x2, b0, c20); c21 = madd32(x2, b1, c21)
    c30 = madd32(x3, b0, c30); c31 = madd32(x3, b1, c31)
    bp += 32
  }
  const rows = m - i
  storeRow32(c, c00, c01, cols)
  if (rows > 1) storeRow32(c + rowC, c10, c11, cols)
  if (rows > 2) storeRow32(c + 2 * rowC, c20, c21, cols)
  if (rows > 3) storeRow32(c + 3 * rowC, c30, c31, cols)
}

/** Columns [j0, j1) of C (k×n) = alpha · Aᵀ · B with A (m×k), B (m×n), and db = alpha · Σ_rows B when db ≠ 0; `panel` holds m × 8 values. */
export function matmulTN32(A: usize, B: usize, C: usize, m: i32, k: i32, n: i32, alpha: f32, db: usize, panel: usize, j0: i32, j1: i32): void {
  if (n == 1) {
    tnColumn32(A, B, C, m, k, alpha, panel)
    if (db != 0) columnSumsRange32(B, db, m, n, alpha, j0, j1)
    return
  }
  const scale = f32x4.splat(alpha)
  const rowA = <usize>k << 2
  const rowB = <usize>n << 2
  for (let j = j0; j < j1; j += 8) {
    const cols = min(8, j1 - j)
    pack32(B + (<usize>j << 2), rowB, m, panel, cols)
    const full = cols == 8 ? k & ~3 : 0
    for (let i = 0; i < full; i += 4) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
      let ap = A + (<usize>i << 2)
      let bp = panel
      for (let s = 0; s < m; s++) {
        const b0 = v128.load(bp)
        const b1 = v128.load(bp, 16)
        const x0 = v128.load32_splat(ap)
        const x1 = v128.load32_splat(ap, 4)
        const x2 = v128.load32_splat(ap, 8)
        const x3 = v128.load32_splat(ap, 12)
        c00 = madd32(x0, b0, c00); c01 = madd32(x0, b1, c01)
        c10 = madd32(x1, b0, c10); c11 = madd32(x1, b1, c11)
        c20 = madd32(x2, b0, c20); c21 = madd32(x2, b1, c21)
        c30 = madd32(x3, b0, c30); c31 = madd32(x3, b1, c31)
        ap += rowA
        bp += 32
      }
      const c = C + <usize>i * rowB + (<usize>j << 2)
      v128.store(c, f32x4.mul(c00, scale)); v128.store(c, f32x4.mul(c01, scale), 16)
      v128.store(c + rowB, f32x4.mul(c10, scale)); v128.store(c + rowB, f32x4.mul(c11, scale), 16)
      v128.store(c + 2 * rowB, f32x4.mul(c20, scale)); v128.store(c + 2 * rowB, f32x4.mul(c21, scale), 16)
      v128.store(c + 3 * rowB, f32x4.mul(c30, scale)); v128.store(c + 3 * rowB, f32x4.mul(c31, scale), 16)
    }
    for (let i = full; i < k; i += 4) tnTile32(A, rowA, C + <usize>i * rowB + (<usize>j << 2), rowB, i, m, k, alpha, panel, cols)
  }
  if (db != 0) columnSumsRange32(B, db, m, n, alpha, j0, j1)
}

/** An edge tile of dW (rows i…i+3 = columns i…i+3 of A), summed as the full tiles; past k (k mod 4, or k < 4) the last column is read again and not stored. */
function tnTile32(A: usize, rowA: usize, c: usize, rowC: usize, i: i32, m: i32, k: i32, alpha: f32, panel: usize, cols: i32): void {
  const scale = f32x4.splat(alpha)
  const last = k - 1
  const o0 = <usize>i << 2
  const o1 = <usize>min(i + 1, last) << 2
  const o2 = <usize>min(i + 2, last) << 2
  const o3 = <usize>min(i + 3, last) << 2
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
  let row = A
  let bp = panel
  for (let s = 0; s < m; s++) {
    const b0 = v128.load(bp)
    const b1 = v128.load(bp, 16)
    const x0 = v128.load32_splat(row + o0)
    const x1 = v128.load32_splat(row + o1)
    const x2 = v128.load32_splat(row + o2)
    const x3 = v128.load32_splat(row + o3)
    c00 = madd32(x0, b0, c00); c01 = madd32(x0, b1, c01)
    c10 = madd32(x1, b0, c10); c11 = madd32(x1, b1, c11)
    c20 = madd32(x2, b0, c20); c21 = madd32(x2, b1, c21)
    c30 = madd32(x3, b0, c30); c31 = madd32(x3, b1, c31)
    row += rowA
    bp += 32
  }
  const rows = k - i
  storeRow32(c, f32x4.mul(c00, scale), f32x4.mul(c01, scale), cols)
  if (rows > 1) storeRow32(c + rowC, f32x4.mul(c10, scale), f32x4.mul(c11, scale), cols)
  if (rows > 2) storeRow32(c + 2 * rowC, f32x4.mul(c20, scale), f32x4.mul(c21, scale), cols)
  if (rows > 3) storeRow32(c + 3 * rowC, f32x4.mul(c30, scale), f32x4.mul(c31, scale), cols)
}

/**
 * n = 1 (the one unit of an output layer): C[r] = Σ_p A[r][p]·B[p], 8 rows at a time in the
 * lanes of two vectors (each lane one row's accumulator, p in order, as in the tiles), instead of
 * a strip tile that would use one lane in 8. The last m mod 8 rows go through the edge tile.
 */
function nnColumn32(A: usize, B: usize, C: usize, m: i32, k: i32, panel: usize): void {
  const rowA = <usize>k << 2
  let r = 0
  for (; r + 8 <= m; r += 8) {
    const a0 = A + <usize>r * rowA, a1 = a0 + rowA, a2 = a1 + rowA, a3 = a2 + rowA
    const e0 = a3 + rowA, e1 = e0 + rowA, e2 = e1 + rowA, e3 = e2 + rowA
    let v0 = f32x4.splat(0), v1 = f32x4.splat(0)
    for (let p = 0; p < k; p++) {
      const o = <usize>p << 2
      const b = v128.load32_splat(B + o)
      v0 = madd32(f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(v128.load32_splat(a0 + o), 1, load<f32>(a1 + o)), 2, load<f32>(a2 + o)), 3, load<f32>(a3 + o)), b, v0)
      v1 = madd32(f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(v128.load32_splat(e0 + o), 1, load<f32>(e1 + o)), 2, load<f32>(e2 + o)), 3, load<f32>(e3 + o)), b, v1)
    }
    v128.store(C + (<usize>r << 2), v0)
    v128.store(C + (<usize>(r + 4) << 2), v1)
  }
  if (r < m) {
    pack32(B, 4, k, panel, 1)
    for (let i = r; i < m; i += 4) nnTile32(A, rowA, C + (<usize>i << 2), 4, i, m, k, panel, 1)
  }
}

/**
 * n = 1: C[i] = alpha · Σ_s A[s][i]·B[s], along the contiguous rows of A: 32 outputs at a time in
 * 8 vector accumulators (s in order, as in the tiles). The last k mod 4 go through the edge tile.
 */
function tnColumn32(A: usize, B: usize, C: usize, m: i32, k: i32, alpha: f32, panel: usize): void {
  const scale = f32x4.splat(alpha)
  const rowA = <usize>k << 2
  let i = 0
  for (; i + 32 <= k; i += 32) {
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0)
    let c4 = f32x4.splat(0), c5 = f32x4.splat(0), c6 = f32x4.splat(0), c7 = f32x4.splat(0)
    let a = A + (<usize>i << 2)
    for (let s = 0; s < m; s++) {
      const e = f32x4.splat(load<f32>(B + (<usize>s << 2)))
      c0 = madd32(v128.load(a), e, c0); c1 = madd32(v128.load(a, 16), e, c1)
      c2 = madd32(v128.load(a, 32), e, c2); c3 = madd32(v128.load(a, 48), e, c3)
      c4 = madd32(v128.load(a, 64), e, c4); c5 = madd32(v128.load(a, 80), e, c5)
      c6 = madd32(v128.load(a, 96), e, c6); c7 = madd32(v128.load(a, 112), e, c7)
      a += rowA
    }
    const c = C + (<usize>i << 2)
    v128.store(c, f32x4.mul(c0, scale)); v128.store(c, f32x4.mul(c1, scale), 16)
    v128.store(c, f32x4.mul(c2, scale), 32); v128.store(c, f32x4.mul(c3, scale), 48)
    v128.store(c, f32x4.mul(c4, scale), 64); v128.store(c, f32x4.mul(c5, scale), 80)
    v128.store(c, f32x4.mul(c6, scale), 96); v128.store(c, f32x4.mul(c7, scale), 112)
  }
  for (; i + 4 <= k; i += 4) {
    let c0 = f32x4.splat(0)
    let a = A + (<usize>i << 2)
    for (let s = 0; s < m; s++) {
      c0 = madd32(v128.load(a), f32x4.splat(load<f32>(B + (<usize>s << 2))), c0)
      a += rowA
    }
    v128.store(C + (<usize>i << 2), f32x4.mul(c0, scale))
  }
  if (i < k) {
    pack32(B, 4, m, panel, 1)
    for (; i < k; i += 4) tnTile32(A, rowA, C + (<usize>i << 2), 4, i, m, k, alpha, panel, 1)
  }
}

/** Rows [r0, r1) of C (m×k) = A · Bᵀ with A (m×n), B (k×n), then ⊙ (Z > 0) when Z ≠ 0 (relu's R'): 4 lanes along n, added at the end. */
export function matmulNT32(A: usize, B: usize, C: usize, m: i32, n: i32, k: i32, Z: usize, r0: i32, r1: i32): void {
  if (n == 1) ntOuter32(A, B, C, k, r0, r1)
  else ntBlock32(A, B, C, n, k, r0, r1)
  const from = <usize>r0 * <usize>k << 2
  if (Z != 0) reluMask32(Z + from, C + from, (r1 - r0) * k)
}

function ntBlock32(A: usize, B: usize, C: usize, n: i32, k: i32, r0: i32, r1: i32): void {
  const k2 = k & ~1
  const nL = n & ~3
  const rowA = <usize>n << 2
  const rowC = <usize>k << 2
  let s = r0
  for (; s + 4 <= r1; s += 4) {
    const a0 = A + <usize>s * rowA
    for (let i = 0; i < k2; i += 2) {
      const b0 = B + <usize>i * rowA
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
      for (let j = 0; j < nL; j += 4) {
        const o = <usize>j << 2
        const w0 = v128.load(b0 + o)
        const w1 = v128.load(b0 + rowA + o)
        const x0 = v128.load(a0 + o)
        const x1 = v128.load(a0 + rowA + o)
        const x2 = v128.load(a0 + 2 * rowA + o)
        const x3 = v128.load(a0 + 3 * rowA + o)
        c00 = madd32(x0, w0, c00); c01 = madd32(x0, w1, c01)
        c10 = madd32(x1, w0, c10); c11 = madd32(x1, w1, c11)
        c20 = madd32(x2, w0, c20); c21 = madd32(x2, w1, c21)
        c30 = madd32(x3, w0, c30); c31 = madd32(x3, w1, c31)
      }
      const c = C + <usize>s * rowC + (<usize>i << 2)
      store<f32>(c, lanes32(c00) + ntTail32(a0, b0, nL, n))
      store<f32>(c, lanes32(c01) + ntTail32(a0, b0 + rowA, nL, n), 4)
      store<f32>(c + rowC, lanes32(c10) + ntTail32(a0 + rowA, b0, nL, n))
      store<f32>(c + rowC, lanes32(c11) + ntTail32(a0 + rowA, b0 + rowA, nL, n), 4)
      store<f32>(c + 2 * rowC, lanes32(c20) + ntTail32(a0 + 2 * rowA, b0, nL, n))
      store<f32>(c + 2 * rowC, lanes32(c21) + ntTail32(a0 + 2 * rowA, b0 + rowA, nL, n), 4)
      store<f32>(c + 3 * rowC, lanes32(c30) + ntTail32(a0 + 3 * rowA, b0, nL, n))
      store<f32>(c + 3 * rowC, lanes32(c31) + ntTail32(a0 + 3 * rowA, b0 + rowA, nL, n), 4)
    }
    for (let r = s; r < s + 4; r++) ntEdge32(A, B, C, r, k2, n, k)
  }
  for (let r = s; r < r1; r++) ntEdge32(A, B, C, r, 0, n, k)
}

/**
 * n = 1 (the error of a one-unit output layer): C[s][i] = A[s]·B[i], an outer product, along the
 * contiguous rows of C. The + 0 keeps the sum's sign of zero (0 + a·b), so the values are the
 * same as the general loop's.
 */
function ntOuter32(A: usize, B: usize, C: usize, k: i32, r0: i32, r1: i32): void {
  const k4 = k & ~3
  const zero = f32x4.splat(0)
  for (let s = r0; s < r1; s++) {
    const a = load<f32>(A + (<usize>s << 2))
    const x = f32x4.splat(a)
    const c = C + (<usize>s * <usize>k << 2)
    for (let i = 0; i < k4; i += 4) v128.store(c + (<usize>i << 2), f32x4.add(f32x4.mul(x, v128.load(B + (<usize>i << 2))), zero))
    for (let i = k4; i < k; i++) store<f32>(c + (<usize>i << 2), a * load<f32>(B + (<usize>i << 2)) + 0)
  }
}

// @ts-ignore: decorator
@inline function lanes32(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)
}

/** The last n mod 4 elements of a dot product along n. */
// @ts-ignore: decorator
@inline function ntTail32(a: usize, b: usize, nL: i32, n: i32): f32 {
  let s: f32 = 0
  for (let j = nL; j < n; j++) s += load<f32>(a + (<usize>j << 2)) * load<f32>(b + (<usize>j << 2))
  return s
}

function ntEdge32(A: usize, B: usize, C: usize, r: i32, i0: i32, n: i32, k: i32): void {
  const a = A + (<usize>r * <usize>n << 2)
  for (let i = i0; i < k; i++) {
    const b = B + (<usize>i * <usize>n << 2)
    let s: f32 = 0
    for (let j = 0; j < n; j++) s += load<f32>(a + (<usize>j << 2)) * load<f32>(b + (<usize>j << 2))
    store<f32>(C + ((<usize>r * <usize>k + <usize>i) << 2), s)
  }
}
