/** The benchmark's networks and their data (same for every contestant). */
import { generateSynthetic } from '../data/synthetic'
import { randomData } from '../data/in-memory'
import type { Dataset } from '../data/dataset'
import type { NetworkSpec } from '../project/types'

export interface Workload {
  name: string
  description: string
  network: NetworkSpec
  batchSize: number
  learningRate: number
  data: () => Dataset
}

export const WORKLOADS: Workload[] = [
  {
    name: 'W1',
    description: '2-8-8-1 tanh, sigmoid + BCE, batch 10, 500 spiral points',
    network: { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' },
    batchSize: 10,
    learningRate: 0.03,
    data: () => generateSynthetic('spiral', { samples: 500, noise: 0.1, seed: 1 }),
  },
  {
    name: 'W2',
    description: '2-64-64-64-1 relu, sigmoid + BCE, batch 32, 2000 spiral points',
    network: {
      inputs: 2,
      layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
      loss: 'binary-cross-entropy',
    },
    batchSize: 32,
    learningRate: 0.01,
    data: () => generateSynthetic('spiral', { samples: 2000, noise: 0.1, seed: 2 }),
  },
  {
    name: 'W3',
    description: '784-128-64-10 relu, softmax + CE, batch 64, 4096 random samples',
    network: { inputs: 784, layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-cross-entropy' },
    batchSize: 64,
    learningRate: 0.01,
    data: () => randomData(3, 4096, 784, 10, 'multiclass'),
  },
  {
    name: 'W4',
    description: '784-256-256-10 relu, softmax + CE, batch 128, 8192 random samples',
    network: { inputs: 784, layers: [{ units: 256, activation: 'relu' }, { units: 256, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-cross-entropy' },
    batchSize: 128,
    learningRate: 0.01,
    data: () => randomData(4, 8192, 784, 10, 'multiclass'),
  },
]
