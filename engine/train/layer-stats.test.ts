import { describe, expect, it } from 'vitest'
import { layerStats } from './layer-stats'
import { buildTrainer } from './model'
import { jsKernel } from '../math/js-kernel'
import { prepareData } from '../data/prepare'
import { testProject } from '../testing/projects'
import type { ProjectFile } from '../project/types'

// relu, then tanh, then the sigmoid output: each layer's R' written out here, as the tutorial has it.
const project: ProjectFile = {
  ...testProject(2, [{ units: 12, activation: 'relu' }, { units: 9, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { batchSize: 16, seed: 4, optimizer: { name: 'sgd', learningRate: 3 } }),
  data: { source: 'synthetic', name: 'spiral', samples: 64, noise: 0.1, trainFraction: 1 },
}
const derivatives = [(z: number) => (z > 0 ? 1 : 0), (_z: number, h: number) => 1 - h * h, (_z: number, h: number) => h * (1 - h)]

describe('layerStats', () => {
  it('counts dead and saturated units and averages |R′(Z)| over the last batch, layer by layer', () => {
    const trainer = buildTrainer(project, prepareData(project.data, 4), jsKernel)
    // A high rate for a few steps: some relu units die, some tanh units saturate.
    for (let s = 0; s < 6; s++) trainer.trainStep()
    const stats = layerStats(trainer.network, trainer.batch, trainer.optimizer.updateNormSq)
    const rows = trainer.batch.rows
    trainer.network.layers.forEach((layer, l) => {
      const { Z, H } = trainer.batch.layers[l]
      const perUnit = Array.from({ length: layer.units }, (_, j) => Array.from({ length: rows }, (_, r) => ({ z: Z[r * layer.units + j], d: Math.abs(derivatives[l](Z[r * layer.units + j], H[r * layer.units + j])) })))
      const mean = perUnit.flat().reduce((sum, v) => sum + v.d, 0) / (rows * layer.units)
      const dead = perUnit.filter((values) => values.every((v) => !(v.z > 0))).length
      const saturated = perUnit.filter((values) => values.filter((v) => v.d < 0.01).length > rows / 2).length
      expect(stats[l].meanDerivative).toBeCloseTo(mean, 12)
      expect(stats[l].deadUnits).toBe(layer.activation === 'relu' ? dead : 0)
      expect(stats[l].saturatedUnits).toBe(layer.activation === 'relu' ? 0 : saturated)
    })
    // The run above is one where it matters: something died or saturated.
    expect(stats[0].deadUnits + stats[1].saturatedUnits).toBeGreaterThan(0)
  })
})
