import { describe, expect, it } from 'vitest'
import { splitBlocks } from './kernel-team'
import { sequentialTeam } from '../testing/sequential-team'
import { Random } from './random'
import { WasmKernel } from './wasm-kernel'
import { KERNELS_SIMD } from './wasm-bytes.generated'
import type { Floats, Precision } from './kernel'

function run(kernel: WasmKernel, m: number, k: number, n: number): Floats[] {
  const [A, W, E, Z, dW, Ep] = kernel.reserve([m * k, k * n, m * n, m * n, k * n, m * k]).views
  const random = new Random(m + k + n)
  for (const a of [A, W, E]) a.forEach((_, i) => (a[i] = random.uniform(-1, 1)))
  kernel.matmulNN(A, W, Z, m, k, n)
  kernel.matmulTN(A, E, dW, m, k, n, 1 / m)
  kernel.matmulNT(E, W, Ep, m, n, k)
  return [Z, dW, Ep].map((a) => a.slice())
}

describe('products split over threads by output blocks', () => {
  it('splits into tile-aligned, non-empty, covering blocks', () => {
    expect(splitBlocks(128, 8, 2)).toEqual([[0, 64], [64, 128]])
    expect(splitBlocks(130, 8, 3)).toEqual([[0, 48], [48, 88], [88, 130]])
    expect(splitBlocks(5, 8, 4)).toEqual([[0, 5]])
    for (const [extent, align, lanes] of [[1, 4, 3], [17, 4, 5], [1000, 8, 7]]) {
      const blocks = splitBlocks(extent, align, lanes)
      expect(blocks[0][0]).toBe(0)
      expect(blocks.at(-1)![1]).toBe(extent)
      blocks.forEach(([from, to], i) => {
        expect(to).toBeGreaterThan(from)
        if (i > 0) expect(from).toBe(blocks[i - 1][1])
        if (i < blocks.length - 1) expect(to % align).toBe(0)
      })
    }
  })

  it.each([
    ['float64', 64, 784, 128],
    ['float32', 64, 784, 128],
    ['float64', 37, 300, 131],
    ['float32', 129, 257, 70],
  ] as [Precision, number, number, number][])('%s m=%i k=%i n=%i: 1, 2 and 3 threads give the same bits', (precision, m, k, n) => {
    const one = run(new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision), m, k, n)
    for (const size of [2, 3]) {
      const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision)
      const team = sequentialTeam(kernel, size)
      kernel.useTeam(team)
      expect(run(kernel, m, k, n)).toEqual(one)
      expect(team.handedOut).toBeGreaterThan(0) // the products really were split
    }
  })
})

describe('the update passes split over threads', () => {
  /** One SGD step saving the old weights, and a copy of the new ones, on long parameters (an odd length: a partial last chunk). */
  /** The first index where two arrays differ (bit for bit), −1 when none: toEqual on 40,000 values is slow. */
  const firstDifference = (a: Floats, b: Floats) => a.findIndex((x, i) => !Object.is(x, b[i]))

  function update(kernel: WasmKernel) {
    const n = 40_003
    const [w, g, backup] = kernel.reserve([n, n, n]).views
    const random = new Random(11)
    w.forEach((_, i) => (w[i] = random.uniform(-1, 1)))
    g.forEach((_, i) => (g[i] = random.uniform(-3, 3)))
    const before = w.slice()
    const stats = kernel.sgdStep(w, g, 0.037, backup)!
    const [copy] = kernel.reserve([n]).views
    kernel.copy(w, copy)
    return { w: w.slice(), before, backup: backup.slice(), copy: copy.slice(), stats }
  }

  it.each(['float64', 'float32'] as const)('%s: 1, 2 and 3 threads give the same weights, backup and ‖Δ‖², Σ w', (precision) => {
    const one = update(new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision))
    for (const size of [2, 3]) {
      const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision)
      const team = sequentialTeam(kernel, size)
      kernel.useTeam(team)
      const many = update(kernel)
      expect(team.handedOut).toBeGreaterThan(0) // the passes really were split
      expect(firstDifference(many.w, one.w)).toBe(-1)
      expect(firstDifference(many.backup, one.backup)).toBe(-1)
      expect(firstDifference(many.copy, one.w)).toBe(-1)
      expect(many.stats).toEqual(one.stats)
    }
    expect(firstDifference(one.backup, one.before)).toBe(-1) // the SGD pass saved the weights before the update
    expect(firstDifference(one.w, one.before)).toBe(0)
  })
})
