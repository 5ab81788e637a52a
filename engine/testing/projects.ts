/** A project skeleton for tests: a network spec and training settings, data inline elsewhere. */
import type { LayerSpec, LossName, ProjectFile, TrainingSpec } from '../project/types'

export function testProject(inputs: number, layers: LayerSpec[], loss: LossName, training: Partial<TrainingSpec> = {}): ProjectFile {
  return {
    format: 'backprop-studio/project',
    version: 1,
    network: { inputs, layers, loss },
    data: { source: 'synthetic', name: 'spiral', samples: 100, noise: 0, trainFraction: 1 },
    training: {
      optimizer: { name: 'sgd', learningRate: 0.1 },
      batchSize: 8,
      epochs: 100,
      shuffle: false,
      seed: 1,
      regularization: { kind: 'none', rate: 0 },
      ...training,
    },
  }
}
