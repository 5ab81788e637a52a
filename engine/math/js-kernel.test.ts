import { describe, expect, it } from 'vitest'
import { jsKernel } from './js-kernel'
import { Random } from './random'

function randomMatrix(random: Random, rows: number, cols: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => random.uniform(-1, 1))
}

/** Reference products written straight from the definitions, same summation order. */
function naive(A: Float64Array, B: Float64Array, m: number, k: number, n: number, form: 'NN' | 'TN' | 'NT'): Float64Array {
  const rows = form === 'TN' ? k : m
  const cols = form === 'NT' ? k : n
  const C = new Float64Array(rows * cols)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let s = 0
      if (form === 'NN') for (let p = 0; p < k; p++) s += A[r * k + p] * B[p * n + c]
      if (form === 'TN') for (let t = 0; t < m; t++) s += A[t * k + r] * B[t * n + c]
      if (form === 'NT') for (let j = 0; j < n; j++) s += A[r * n + j] * B[c * n + j]
      C[r * cols + c] = s
    }
  }
  return C
}

const SHAPES: [number, number, number][] = [[1, 1, 1], [3, 5, 2], [7, 130, 9], [4, 4, 4], [8, 3, 12], [13, 17, 5], [64, 78, 10]]

describe('js kernel', () => {
  it.each(SHAPES)('matches the definitions bit for bit for m=%i k=%i n=%i', (m, k, n) => {
    const random = new Random(m * 1000 + k * 10 + n)
    const A = randomMatrix(random, m, k)
    const B = randomMatrix(random, k, n)
    const C = new Float64Array(m * n)
    jsKernel.matmulNN(A, B, C, m, k, n)
    expect(C).toEqual(naive(A, B, m, k, n, 'NN'))

    const E = randomMatrix(random, m, n)
    const dW = new Float64Array(k * n)
    jsKernel.matmulTN(A, E, dW, m, k, n, 1)
    expect(dW).toEqual(naive(A, E, m, k, n, 'TN'))
    const mean = new Float64Array(k * n)
    jsKernel.matmulTN(A, E, mean, m, k, n, 1 / m)
    expect(mean).toEqual(naive(A, E, m, k, n, 'TN').map((x) => x * (1 / m)))

    const W = randomMatrix(random, k, n)
    const Eprev = new Float64Array(m * k)
    jsKernel.matmulNT(E, W, Eprev, m, n, k)
    expect(Eprev).toEqual(naive(E, W, m, k, n, 'NT'))
  })
})
