import { afterEach, describe, expect, it } from 'vitest'
import { WasmKernel } from '../math/wasm-kernel'
import { KERNELS_SIMD } from '../math/wasm-bytes.generated'
import { buildTrainer } from '../train/model'
import { randomData, trainOnly } from '../testing/toy-data'
import { testProject } from '../testing/projects'
import { useThreads, type KernelThreads } from './kernel-threads'
import type { Precision } from '../math/kernel'

const teams: KernelThreads[] = []
afterEach(async () => {
  await Promise.all(teams.splice(0).map((t) => t.close()))
})

/** 20 steps of a network wide enough that its products are split; the weights afterwards. */
function train(precision: Precision, threads: number): { weights: number[]; jobs: number } {
  const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision)
  const team = useThreads(kernel, threads)
  if (team) teams.push(team)
  const project = testProject(40, [{ units: 256, activation: 'relu' }, { units: 256, activation: 'tanh' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', {
    optimizer: { name: 'sgd', learningRate: 0.05 },
    batchSize: 128,
    shuffle: true,
    seed: 3,
    precision,
  })
  const trainer = buildTrainer(project, trainOnly(randomData(9, 300, 40, 3, 'multiclass')), kernel)
  for (let s = 0; s < 20; s++) trainer.trainStep()
  return { weights: trainer.network.getWeights().flatMap((l) => [...l.W.flat(), ...l.b]), jobs: team?.jobs ?? 0 }
}

describe('kernel worker threads', () => {
  it.each(['float64', 'float32'] as const)('%s: two and three threads train to the same bits as one', (precision) => {
    const one = train(precision, 1)
    for (const threads of [2, 3]) {
      const many = train(precision, threads)
      expect(many.jobs).toBeGreaterThan(0) // workers really computed blocks
      expect(many.weights).toEqual(one.weights)
    }
  })

  it('throws, and reports a crash, when a worker is gone', async () => {
    const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd', 'float64')
    const crashes: string[] = []
    const team = useThreads(kernel, 2, { onCrash: (e) => crashes.push(e.message) })!
    teams.push(team)
    await (team as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0].terminate()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(crashes).toHaveLength(1)
    expect(crashes[0]).toMatch(/a kernel worker thread exited/)
    const [A, B, C] = kernel.reserve([256 * 256, 256 * 256, 256 * 256]).views
    expect(() => kernel.matmulNN(A, B, C, 256, 256, 256)).toThrow(/exited/)
  })
})
