import { describe, expect, it } from 'vitest'
import { Random } from './random'
import { WasmKernel } from './wasm-kernel'
import { KERNELS_SIMD } from './wasm-bytes.generated'
import { sequentialTeam } from '../testing/sequential-team'
import type { Floats, Precision } from './kernel'

/** The stored bits of each value (so −0 and +0, and NaNs, are told apart). */
const bits = (a: Floats): number[] => Array.from(a instanceof Float32Array ? new Uint32Array(Float32Array.from(a).buffer) : new Uint32Array(Float64Array.from(a).buffer))

/** Inputs with negatives, −0 and a NaN among them: relu's and its mask's edge values. */
function fill(a: Floats, random: Random): void {
  for (let i = 0; i < a.length; i++) a[i] = i % 29 === 0 ? -0 : i % 211 === 5 ? Number.NaN : random.uniform(-1, 1)
}

/** Each fused product, and the product then its pass, on the same inputs: returns both sides' outputs. */
function bothWays(kernel: WasmKernel, m: number, k: number, n: number) {
  const [A, W, b, E, Zb, Eb] = kernel.reserve([m * k, k * n, n, m * n, m * k, m * n]).views
  const random = new Random(m * 31 + k * 7 + n)
  for (const a of [A, W, b, E, Zb, Eb]) fill(a, random)
  const [Z1, H1, dW1, db1, C1, Z2, H2, dW2, db2, C2] = kernel.reserve([m * n, m * n, k * n, n, m * k, m * n, m * n, k * n, n, m * k]).views
  const ew = kernel.elementwise
  const fused = kernel.fused
  expect(fused.linear(A, W, b, Z1, H1, m, k, n)).toBe(true)
  expect(fused.gradients(A, E, dW1, db1, m, k, n, 1 / m)).toBe(true)
  expect(fused.reluError(Eb, W, C1, Zb, m, n, k)).toBe(true)
  kernel.matmulNN(A, W, Z2, m, k, n)
  ew.addBias(Z2, b, m, n)
  ew.relu(Z2, H2, m * n)
  kernel.matmulTN(A, E, dW2, m, k, n, 1 / m)
  ew.columnSums(E, db2, m, n, 1 / m)
  kernel.matmulNT(Eb, W, C2, m, n, k)
  ew.reluMask(Zb, C2, m * k)
  return { fused: [Z1, H1, dW1, db1, C1].map(bits), separate: [Z2, H2, dW2, db2, C2].map(bits) }
}

const SHAPES: [Precision, number, number, number][] = [
  ['float64', 64, 784, 128],
  ['float32', 64, 784, 128],
  ['float64', 37, 30, 131],
  ['float32', 37, 30, 131],
  ['float64', 32, 64, 1],
  ['float32', 32, 2, 64],
  ['float32', 5, 3, 7],
]

describe('fused products (the pass after a product, in its call)', () => {
  it.each(SHAPES)('%s m=%i k=%i n=%i: the same bits as the product and then its pass', (precision, m, k, n) => {
    const { fused, separate } = bothWays(new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision, 0), m, k, n)
    expect(fused).toEqual(separate)
  }, 30_000) // 64×784×128 products at the reference speed of a loaded 2-core machine

  // Wide enough to be split (kernel-team.ts splits from PARALLEL_WORK multiply-adds on).
  it.each([SHAPES[0], SHAPES[1], ['float64', 37, 300, 131], ['float32', 129, 257, 70]] as [Precision, number, number, number][])('%s m=%i k=%i n=%i: split over 2 and 3 threads, the same bits as one thread', (precision, m, k, n) => {
    const one = bothWays(new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision, 0), m, k, n).fused
    for (const size of [2, 3]) {
      const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision, 0)
      const team = sequentialTeam(kernel, size)
      kernel.useTeam(team)
      expect(bothWays(kernel, m, k, n).fused).toEqual(one)
      expect(team.handedOut).toBeGreaterThan(0)
    }
  }, 30_000)

  it('declines buffers that are not the kernel’s, so the caller runs the product and the pass itself', () => {
    const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd', 'float64', 0)
    const [A, W, Z, H] = kernel.reserve([4 * 3, 3 * 2, 4 * 2, 4 * 2]).views
    expect(kernel.fused.linear(A, W, new Float64Array(2), Z, H, 4, 3, 2)).toBe(false)
    expect(kernel.fused.reluError(Z, W, A, new Float64Array(12), 4, 2, 3)).toBe(false)
  })
})
