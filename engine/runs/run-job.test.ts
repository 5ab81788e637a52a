import { describe, expect, it } from 'vitest'
import { runJob } from './run-job'
import { WasmKernel } from '../math/wasm-kernel'
import { KERNELS_SIMD } from '../math/wasm-bytes.generated'
import { testProject } from '../testing/projects'

describe('a run as a job', () => {
  it("returns its buffers to the worker's kernel, so run after run holds no more memory", () => {
    const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64')
    const project = { ...testProject(2, [{ units: 16, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 2 }), weights: undefined }
    const held: number[] = []
    for (let run = 0; run < 3; run++) {
      const summary = runJob({ project, keepWeights: true }, { kernelFor: () => kernel })
      expect(summary.status).toBe('finished')
      expect(summary.weights?.[0].W).toHaveLength(2) // the weights were copied out before the release
      held.push(kernel.reservedBytes)
    }
    // What stays is the kernel's own packed-panel scratch, the same after every run.
    expect(held[1]).toBe(held[0])
    expect(held[2]).toBe(held[0])
    expect(held[0]).toBeLessThan(16 * 1024)
  })
})
