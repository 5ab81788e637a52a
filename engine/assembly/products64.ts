// The three products in float64 (f64x2 lanes): 4-row × 2-vector register tiles (8 accumulators).
// NN and TN keep one accumulator per output, summed in ascending order, exactly like the JS
// kernel, so plain-SIMD results are bit-identical to it; NT sums two lanes, then adds them.

// @ts-ignore: decorator
@inline function madd64(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, acc)
  return f64x2.add(acc, f64x2.mul(a, b))
}


/** C (m×n) = A (m×k) · B (k×n), float64. */
export function matmulNN64(A: usize, B: usize, C: usize, m: i32, k: i32, n: i32): void {
  const m4 = m & ~3
  const n4 = n & ~3
  const rowA = <usize>k << 3
  const rowB = <usize>n << 3
  for (let i = 0; i < m4; i += 4) {
    const a0 = A + <usize>i * rowA
    for (let j = 0; j < n4; j += 4) {
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0)
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0)
      let bp = B + (<usize>j << 3)
      let ap = a0
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp)
        const b1 = v128.load(bp, 16)
        const x0 = f64x2.splat(load<f64>(ap))
        const x1 = f64x2.splat(load<f64>(ap + rowA))
        const x2 = f64x2.splat(load<f64>(ap + 2 * rowA))
        const x3 = f64x2.splat(load<f64>(ap + 3 * rowA))
        c00 = madd64(x0, b0, c00); c01 = madd64(x0, b1, c01)
        c10 = madd64(x1, b0, c10); c11 = madd64(x1, b1, c11)
        c20 = madd64(x2, b0, c20); c21 = madd64(x2, b1, c21)
        c30 = madd64(x3, b0, c30); c31 = madd64(x3, b1, c31)
        bp += rowB
        ap += 8
      }
      const c = C + <usize>i * rowB + (<usize>j << 3)
      v128.store(c, c00); v128.store(c, c01, 16)
      v128.store(c + rowB, c10); v128.store(c + rowB, c11, 16)
      v128.store(c + 2 * rowB, c20); v128.store(c + 2 * rowB, c21, 16)
      v128.store(c + 3 * rowB, c30); v128.store(c + 3 * rowB, c31, 16)
    }
    for (let r = i; r < i + 4; r++) nnEdge64(A, B, C, r, n4, n, k)
  }
  for (let r = m4; r < m; r++) nnEdge64(A, B, C, r, 0, n, k)
}

function nnEdge64(A: usize, B: usize, C: usize, r: i32, j0: i32, n: i32, k: i32): void {
  const a = A + (<usize>r * <usize>k << 3)
  for (let j = j0; j < n; j++) {
    let s: f64 = 0
    for (let p = 0; p < k; p++) s += load<f64>(a + (<usize>p << 3)) * load<f64>(B + ((<usize>p * <usize>n + <usize>j) << 3))
    store<f64>(C + ((<usize>r * <usize>n + <usize>j) << 3), s)
  }
}

/** C (k×n) = alpha · Aᵀ · B with A (m×k), B (m×n), float64 (alpha makes the batch mean). */
export function matmulTN64(A: usize, B: usize, C: usize, m: i32, k: i32, n: i32, alpha: f64): void {
  const scale = f64x2.splat(alpha)
  const k4 = k & ~3
  const n4 = n & ~3
  const rowA = <usize>k << 3
  const rowB = <usize>n << 3
  for (let i = 0; i < k4; i += 4) {
    for (let j = 0; j < n4; j += 4) {
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0)
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0)
      let ap = A + (<usize>i << 3)
      let bp = B + (<usize>j << 3)
      for (let s = 0; s < m; s++) {
        const b0 = v128.load(bp)
        const b1 = v128.load(bp, 16)
        const x0 = f64x2.splat(load<f64>(ap))
        const x1 = f64x2.splat(load<f64>(ap, 8))
        const x2 = f64x2.splat(load<f64>(ap, 16))
        const x3 = f64x2.splat(load<f64>(ap, 24))
        c00 = madd64(x0, b0, c00); c01 = madd64(x0, b1, c01)
        c10 = madd64(x1, b0, c10); c11 = madd64(x1, b1, c11)
        c20 = madd64(x2, b0, c20); c21 = madd64(x2, b1, c21)
        c30 = madd64(x3, b0, c30); c31 = madd64(x3, b1, c31)
        ap += rowA
        bp += rowB
      }
      const c = C + <usize>i * rowB + (<usize>j << 3)
      v128.store(c, f64x2.mul(c00, scale)); v128.store(c, f64x2.mul(c01, scale), 16)
      v128.store(c + rowB, f64x2.mul(c10, scale)); v128.store(c + rowB, f64x2.mul(c11, scale), 16)
      v128.store(c + 2 * rowB, f64x2.mul(c20, scale)); v128.store(c + 2 * rowB, f64x2.mul(c21, scale), 16)
      v128.store(c + 3 * rowB, f64x2.mul(c30, scale)); v128.store(c + 3 * rowB, f64x2.mul(c31, scale), 16)
    }
    for (let r = i; r < i + 4; r++) tnEdge64(A, B, C, r, n4, m, k, n, alpha)
  }
  for (let r = k4; r < k; r++) tnEdge64(A, B, C, r, 0, m, k, n, alpha)
}

function tnEdge64(A: usize, B: usize, C: usize, r: i32, j0: i32, m: i32, k: i32, n: i32, alpha: f64): void {
  for (let j = j0; j < n; j++) {
    let s: f64 = 0
    for (let t = 0; t < m; t++) s += load<f64>(A + ((<usize>t * <usize>k + <usize>r) << 3)) * load<f64>(B + ((<usize>t * <usize>n + <usize>j) << 3))
    store<f64>(C + ((<usize>r * <usize>n + <usize>j) << 3), s * alpha)
  }
}

/** C (m×k) = A · Bᵀ with A (m×n), B (k×n), float64. */
export function matmulNT64(A: usize, B: usize, C: usize, m: i32, n: i32, k: i32): void {
  const m4 = m & ~3
  const k2 = k & ~1
  const n2 = n & ~1
  const rowA = <usize>n << 3
  const rowC = <usize>k << 3
  for (let s = 0; s < m4; s += 4) {
    const a0 = A + <usize>s * rowA
    for (let i = 0; i < k2; i += 2) {
      const b0 = B + <usize>i * rowA
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0)
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0)
      for (let j = 0; j < n2; j += 2) {
        const o = <usize>j << 3
        const w0 = v128.load(b0 + o)
        const w1 = v128.load(b0 + rowA + o)
        const x0 = v128.load(a0 + o)
        const x1 = v128.load(a0 + rowA + o)
        const x2 = v128.load(a0 + 2 * rowA + o)
        const x3 = v128.load(a0 + 3 * rowA + o)
        c00 = madd64(x0, w0, c00); c01 = madd64(x0, w1, c01)
        c10 = madd64(x1, w0, c10); c11 = madd64(x1, w1, c11)
        c20 = madd64(x2, w0, c20); c21 = madd64(x2, w1, c21)
        c30 = madd64(x3, w0, c30); c31 = madd64(x3, w1, c31)
      }
      const c = C + <usize>s * rowC + (<usize>i << 3)
      store<f64>(c, lanes64(c00) + ntTail64(a0, b0, n2, n))
      store<f64>(c, lanes64(c01) + ntTail64(a0, b0 + rowA, n2, n), 8)
      store<f64>(c + rowC, lanes64(c10) + ntTail64(a0 + rowA, b0, n2, n))
      store<f64>(c + rowC, lanes64(c11) + ntTail64(a0 + rowA, b0 + rowA, n2, n), 8)
      store<f64>(c + 2 * rowC, lanes64(c20) + ntTail64(a0 + 2 * rowA, b0, n2, n))
      store<f64>(c + 2 * rowC, lanes64(c21) + ntTail64(a0 + 2 * rowA, b0 + rowA, n2, n), 8)
      store<f64>(c + 3 * rowC, lanes64(c30) + ntTail64(a0 + 3 * rowA, b0, n2, n))
      store<f64>(c + 3 * rowC, lanes64(c31) + ntTail64(a0 + 3 * rowA, b0 + rowA, n2, n), 8)
    }
    for (let r = s; r < s + 4; r++) ntEdge64(A, B, C, r, k2, n, k)
  }
  for (let r = m4; r < m; r++) ntEdge64(A, B, C, r, 0, n, k)
}

// @ts-ignore: decorator
@inline function lanes64(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1)
}

/** The odd last element of a dot product along n (0 when n is even). */
// @ts-ignore: decorator
@inline function ntTail64(a: usize, b: usize, n2: i32, n: i32): f64 {
  return n2 < n ? load<f64>(a + (<usize>n2 << 3)) * load<f64>(b + (<usize>n2 << 3)) : 0
}

function ntEdge64(A: usize, B: usize, C: usize, r: i32, i0: i32, n: i32, k: i32): void {
  const a = A + (<usize>r * <usize>n << 3)
  for (let i = i0; i < k; i++) {
    const b = B + (<usize>i * <usize>n << 3)
    let s: f64 = 0
    for (let j = 0; j < n; j++) s += load<f64>(a + (<usize>j << 3)) * load<f64>(b + (<usize>j << 3))
    store<f64>(C + ((<usize>r * <usize>k + <usize>i) << 3), s)
  }
}
