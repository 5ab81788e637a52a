/**
 * The plain-JS kernel: 4×4 register tiles (16 accumulators kept in locals), no allocation.
 * The same functions serve float64 and float32 buffers.
 * Edges that are not multiples of 4 fall back to a scalar loop with the same summation order.
 */
import type { Floats, MatKernel } from './kernel'

function matmulNN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number): void {
  const m4 = m - (m % 4)
  const n4 = n - (n % 4)
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0
      for (let p = 0, bp = j; p < k; p++, bp += n) {
        const b0 = B[bp], b1 = B[bp + 1], b2 = B[bp + 2], b3 = B[bp + 3]
        const x0 = A[a0 + p], x1 = A[a1 + p], x2 = A[a2 + p], x3 = A[a3 + p]
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3
      }
      let c = i * n + j
      C[c] = c00; C[c + 1] = c01; C[c + 2] = c02; C[c + 3] = c03; c += n
      C[c] = c10; C[c + 1] = c11; C[c + 2] = c12; C[c + 3] = c13; c += n
      C[c] = c20; C[c + 1] = c21; C[c + 2] = c22; C[c + 3] = c23; c += n
      C[c] = c30; C[c + 1] = c31; C[c + 2] = c32; C[c + 3] = c33
    }
    for (let r = i; r < i + 4; r++) nnEdge(A, B, C, r, n4, n, k)
  }
  for (let r = m4; r < m; r++) nnEdge(A, B, C, r, 0, n, k)
}

/** Row r of C, columns [j0, n), scalar. */
function nnEdge(A: Floats, B: Floats, C: Floats, r: number, j0: number, n: number, k: number): void {
  const a = r * k
  for (let j = j0; j < n; j++) {
    let s = 0
    for (let p = 0, bp = j; p < k; p++, bp += n) s += A[a + p] * B[bp]
    C[r * n + j] = s
  }
}

function matmulTN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, alpha: number): void {
  const k4 = k - (k % 4)
  const n4 = n - (n % 4)
  for (let i = 0; i < k4; i += 4) {
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0
      for (let s = 0, ap = i, bp = j; s < m; s++, ap += k, bp += n) {
        const x0 = A[ap], x1 = A[ap + 1], x2 = A[ap + 2], x3 = A[ap + 3]
        const b0 = B[bp], b1 = B[bp + 1], b2 = B[bp + 2], b3 = B[bp + 3]
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3
      }
      let c = i * n + j
      C[c] = c00 * alpha; C[c + 1] = c01 * alpha; C[c + 2] = c02 * alpha; C[c + 3] = c03 * alpha; c += n
      C[c] = c10 * alpha; C[c + 1] = c11 * alpha; C[c + 2] = c12 * alpha; C[c + 3] = c13 * alpha; c += n
      C[c] = c20 * alpha; C[c + 1] = c21 * alpha; C[c + 2] = c22 * alpha; C[c + 3] = c23 * alpha; c += n
      C[c] = c30 * alpha; C[c + 1] = c31 * alpha; C[c + 2] = c32 * alpha; C[c + 3] = c33 * alpha
    }
    for (let r = i; r < i + 4; r++) tnEdge(A, B, C, r, n4, m, k, n, alpha)
  }
  for (let r = k4; r < k; r++) tnEdge(A, B, C, r, 0, m, k, n, alpha)
}

/** Row r of C (column r of A), columns [j0, n), scalar. */
function tnEdge(A: Floats, B: Floats, C: Floats, r: number, j0: number, m: number, k: number, n: number, alpha: number): void {
  for (let j = j0; j < n; j++) {
    let s = 0
    for (let t = 0, ap = r, bp = j; t < m; t++, ap += k, bp += n) s += A[ap] * B[bp]
    C[r * n + j] = s * alpha
  }
}

function matmulNT(A: Floats, B: Floats, C: Floats, m: number, n: number, k: number): void {
  const m4 = m - (m % 4)
  const k4 = k - (k % 4)
  for (let s = 0; s < m4; s += 4) {
    const a0 = s * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n
    for (let i = 0; i < k4; i += 4) {
      const b0 = i * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0
      for (let j = 0; j < n; j++) {
        const x0 = A[a0 + j], x1 = A[a1 + j], x2 = A[a2 + j], x3 = A[a3 + j]
        const w0 = B[b0 + j], w1 = B[b1 + j], w2 = B[b2 + j], w3 = B[b3 + j]
        c00 += x0 * w0; c01 += x0 * w1; c02 += x0 * w2; c03 += x0 * w3
        c10 += x1 * w0; c11 += x1 * w1; c12 += x1 * w2; c13 += x1 * w3
        c20 += x2 * w0; c21 += x2 * w1; c22 += x2 * w2; c23 += x2 * w3
        c30 += x3 * w0; c31 += x3 * w1; c32 += x3 * w2; c33 += x3 * w3
      }
      let c = s * k + i
      C[c] = c00; C[c + 1] = c01; C[c + 2] = c02; C[c + 3] = c03; c += k
      C[c] = c10; C[c + 1] = c11; C[c + 2] = c12; C[c + 3] = c13; c += k
      C[c] = c20; C[c + 1] = c21; C[c + 2] = c22; C[c + 3] = c23; c += k
      C[c] = c30; C[c + 1] = c31; C[c + 2] = c32; C[c + 3] = c33
    }
    for (let r = s; r < s + 4; r++) ntEdge(A, B, C, r, k4, n, k)
  }
  for (let r = m4; r < m; r++) ntEdge(A, B, C, r, 0, n, k)
}

/** Row r of C, columns [i0, k), scalar. */
function ntEdge(A: Floats, B: Floats, C: Floats, r: number, i0: number, n: number, k: number): void {
  const a = r * n
  for (let i = i0; i < k; i++) {
    const b = i * n
    let s = 0
    for (let j = 0; j < n; j++) s += A[a + j] * B[b + j]
    C[r * k + i] = s
  }
}

export const jsKernel: MatKernel = {
  name: 'js-f64',
  precision: 'float64',
  matmulNN,
  matmulTN,
  matmulNT,
  reserve: (lengths) => ({ views: lengths.map((n) => new Float64Array(n)), release() {} }),
}

/** The same loops on float32 storage (sums are formed in float64, then stored rounded). */
export const jsKernel32: MatKernel = {
  name: 'js-f32',
  precision: 'float32',
  matmulNN,
  matmulTN,
  matmulNT,
  reserve: (lengths) => ({ views: lengths.map((n) => new Float32Array(n)), release() {} }),
}
