// AssemblyScript source of the WebAssembly kernels: the three products of backpropagation in
// float64 (f64x2 lanes) and float32 (f32x4 lanes), row-major, no materialized transposes.
// Pointers are byte offsets into this module's memory; the JS side owns the layout.
//
// Register tile: 4 rows × 2 vectors of accumulators (8 registers), which fits x86's 16 vector
// registers with room for the operands; a 4×4-vector tile spills. For NN and TN each output keeps
// one accumulator summed in ascending order, exactly like the JS kernel, so plain-SIMD float64
// results are bit-identical to it. NT sums along the contiguous axis in two lanes, then adds
// the lanes: the same numbers in a different order (≈1e-16 relative apart).
//
// Built twice (see engine/node/build-wasm.ts): with plain SIMD, and with relaxed SIMD, where
// the multiply-add is fused (one rounding), which is faster still.

// @ts-ignore: decorator
@inline function madd64(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, acc)
  return f64x2.add(acc, f64x2.mul(a, b))
}

// @ts-ignore: decorator
@inline function madd32(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc)
  return f32x4.add(acc, f32x4.mul(a, b))
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

// ───────────────────────── float32: 4 rows × 2 f32x4 vectors (8 columns) ─────────────────────────

/** C (m×n) = A (m×k) · B (k×n), float32. */
export function matmulNN32(A: usize, B: usize, C: usize, m: i32, k: i32, n: i32): void {
  const m4 = m & ~3
  const n8 = n & ~7
  const rowA = <usize>k << 2
  const rowB = <usize>n << 2
  for (let i = 0; i < m4; i += 4) {
    const a0 = A + <usize>i * rowA
    for (let j = 0; j < n8; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
      let bp = B + (<usize>j << 2)
      let ap = a0
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp)
        const b1 = v128.load(bp, 16)
        const x0 = f32x4.splat(load<f32>(ap))
        const x1 = f32x4.splat(load<f32>(ap + rowA))
        const x2 = f32x4.splat(load<f32>(ap + 2 * rowA))
        const x3 = f32x4.splat(load<f32>(ap + 3 * rowA))
        c00 = madd32(x0, b0, c00); c01 = madd32(x0, b1, c01)
        c10 = madd32(x1, b0, c10); c11 = madd32(x1, b1, c11)
        c20 = madd32(x2, b0, c20); c21 = madd32(x2, b1, c21)
        c30 = madd32(x3, b0, c30); c31 = madd32(x3, b1, c31)
        bp += rowB
        ap += 4
      }
      const c = C + <usize>i * rowB + (<usize>j << 2)
      v128.store(c, c00); v128.store(c, c01, 16)
      v128.store(c + rowB, c10); v128.store(c + rowB, c11, 16)
      v128.store(c + 2 * rowB, c20); v128.store(c + 2 * rowB, c21, 16)
      v128.store(c + 3 * rowB, c30); v128.store(c + 3 * rowB, c31, 16)
    }
    for (let r = i; r < i + 4; r++) nnEdge32(A, B, C, r, n8, n, k)
  }
  for (let r = m4; r < m; r++) nnEdge32(A, B, C, r, 0, n, k)
}

function nnEdge32(A: usize, B: usize, C: usize, r: i32, j0: i32, n: i32, k: i32): void {
  const a = A + (<usize>r * <usize>k << 2)
  for (let j = j0; j < n; j++) {
    let s: f32 = 0
    for (let p = 0; p < k; p++) s += load<f32>(a + (<usize>p << 2)) * load<f32>(B + ((<usize>p * <usize>n + <usize>j) << 2))
    store<f32>(C + ((<usize>r * <usize>n + <usize>j) << 2), s)
  }
}

/** C (k×n) = alpha · Aᵀ · B with A (m×k), B (m×n), float32. */
export function matmulTN32(A: usize, B: usize, C: usize, m: i32, k: i32, n: i32, alpha: f32): void {
  const scale = f32x4.splat(alpha)
  const k4 = k & ~3
  const n8 = n & ~7
  const rowA = <usize>k << 2
  const rowB = <usize>n << 2
  for (let i = 0; i < k4; i += 4) {
    for (let j = 0; j < n8; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
      let ap = A + (<usize>i << 2)
      let bp = B + (<usize>j << 2)
      for (let s = 0; s < m; s++) {
        const b0 = v128.load(bp)
        const b1 = v128.load(bp, 16)
        const x0 = f32x4.splat(load<f32>(ap))
        const x1 = f32x4.splat(load<f32>(ap, 4))
        const x2 = f32x4.splat(load<f32>(ap, 8))
        const x3 = f32x4.splat(load<f32>(ap, 12))
        c00 = madd32(x0, b0, c00); c01 = madd32(x0, b1, c01)
        c10 = madd32(x1, b0, c10); c11 = madd32(x1, b1, c11)
        c20 = madd32(x2, b0, c20); c21 = madd32(x2, b1, c21)
        c30 = madd32(x3, b0, c30); c31 = madd32(x3, b1, c31)
        ap += rowA
        bp += rowB
      }
      const c = C + <usize>i * rowB + (<usize>j << 2)
      v128.store(c, f32x4.mul(c00, scale)); v128.store(c, f32x4.mul(c01, scale), 16)
      v128.store(c + rowB, f32x4.mul(c10, scale)); v128.store(c + rowB, f32x4.mul(c11, scale), 16)
      v128.store(c + 2 * rowB, f32x4.mul(c20, scale)); v128.store(c + 2 * rowB, f32x4.mul(c21, scale), 16)
      v128.store(c + 3 * rowB, f32x4.mul(c30, scale)); v128.store(c + 3 * rowB, f32x4.mul(c31, scale), 16)
    }
    for (let r = i; r < i + 4; r++) tnEdge32(A, B, C, r, n8, m, k, n, alpha)
  }
  for (let r = k4; r < k; r++) tnEdge32(A, B, C, r, 0, m, k, n, alpha)
}

function tnEdge32(A: usize, B: usize, C: usize, r: i32, j0: i32, m: i32, k: i32, n: i32, alpha: f32): void {
  for (let j = j0; j < n; j++) {
    let s: f32 = 0
    for (let t = 0; t < m; t++) s += load<f32>(A + ((<usize>t * <usize>k + <usize>r) << 2)) * load<f32>(B + ((<usize>t * <usize>n + <usize>j) << 2))
    store<f32>(C + ((<usize>r * <usize>n + <usize>j) << 2), s * alpha)
  }
}

/** C (m×k) = A · Bᵀ with A (m×n), B (k×n), float32: four lanes along n, added at the end. */
export function matmulNT32(A: usize, B: usize, C: usize, m: i32, n: i32, k: i32): void {
  const m4 = m & ~3
  const k2 = k & ~1
  const n4 = n & ~3
  const rowA = <usize>n << 2
  const rowC = <usize>k << 2
  for (let s = 0; s < m4; s += 4) {
    const a0 = A + <usize>s * rowA
    for (let i = 0; i < k2; i += 2) {
      const b0 = B + <usize>i * rowA
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
      for (let j = 0; j < n4; j += 4) {
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
      store<f32>(c, lanes32(c00) + ntTail32(a0, b0, n4, n))
      store<f32>(c, lanes32(c01) + ntTail32(a0, b0 + rowA, n4, n), 4)
      store<f32>(c + rowC, lanes32(c10) + ntTail32(a0 + rowA, b0, n4, n))
      store<f32>(c + rowC, lanes32(c11) + ntTail32(a0 + rowA, b0 + rowA, n4, n), 4)
      store<f32>(c + 2 * rowC, lanes32(c20) + ntTail32(a0 + 2 * rowA, b0, n4, n))
      store<f32>(c + 2 * rowC, lanes32(c21) + ntTail32(a0 + 2 * rowA, b0 + rowA, n4, n), 4)
      store<f32>(c + 3 * rowC, lanes32(c30) + ntTail32(a0 + 3 * rowA, b0, n4, n))
      store<f32>(c + 3 * rowC, lanes32(c31) + ntTail32(a0 + 3 * rowA, b0 + rowA, n4, n), 4)
    }
    for (let r = s; r < s + 4; r++) ntEdge32(A, B, C, r, k2, n, k)
  }
  for (let r = m4; r < m; r++) ntEdge32(A, B, C, r, 0, n, k)
}

// @ts-ignore: decorator
@inline function lanes32(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)
}

/** The last n mod 4 elements of a dot product along n. */
// @ts-ignore: decorator
@inline function ntTail32(a: usize, b: usize, n4: i32, n: i32): f32 {
  let s: f32 = 0
  for (let j = n4; j < n; j++) s += load<f32>(a + (<usize>j << 2)) * load<f32>(b + (<usize>j << 2))
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
