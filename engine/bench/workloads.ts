/** The benchmark's networks and their data (same for every contestant). */
import { generateSynthetic } from '../data/synthetic'
import { randomData } from '../data/in-memory'
import type { Dataset } from '../data/dataset'
import type { DataSpec, NetworkSpec } from '../project/types'
import { prepareData } from '../data/prepare'
import { readBuiltinDataset } from '../node/builtin-files'

export interface Workload {
  name: string
  description: string
  network: NetworkSpec
  batchSize: number
  learningRate: number
  data: () => Dataset
  /** The same shapes as project data, for the CLI-path contestant (cli-contestant.ts); absent: not measured there. */
  cliData?: DataSpec
}

/** The built-in MNIST set's training rows, as a project with trainFraction 0.8 prepares them. */
function mnistTrainingRows(): Dataset {
  const spec: DataSpec = { source: 'builtin', name: 'mnist', trainFraction: 0.8, seed: 1 }
  return prepareData(spec, 1, { builtin: readBuiltinDataset('mnist') }).train
}

export const WORKLOADS: Workload[] = [
  {
    name: 'W1',
    description: '2-8-8-1 tanh, sigmoid + BCE, batch 10, 500 spiral points',
    network: { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' },
    batchSize: 10,
    learningRate: 0.03,
    data: () => generateSynthetic('spiral', { samples: 500, noise: 0.1, seed: 1 }),
    cliData: { source: 'synthetic', name: 'spiral', samples: 500, noise: 0.1, seed: 1, trainFraction: 0.8 },
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
    // Through the CLI the W3 network trains on 4,096 MNIST digits (the same shapes; a 30 MB CSV would time the parser).
    cliData: { source: 'builtin', name: 'mnist', samples: 4096, trainFraction: 0.8, seed: 1 },
  },
  {
    name: 'W4',
    description: '784-256-256-10 relu, softmax + CE, batch 128, 8192 random samples',
    network: { inputs: 784, layers: [{ units: 256, activation: 'relu' }, { units: 256, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-cross-entropy' },
    batchSize: 128,
    learningRate: 0.01,
    data: () => randomData(4, 8192, 784, 10, 'multiclass'),
  },
  {
    name: 'MNIST',
    description: 'MNIST digits (built-in set, 8,000 training rows), 784-128-10 relu, softmax + CE, batch 64',
    network: { inputs: 784, layers: [{ units: 128, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-cross-entropy' },
    batchSize: 64,
    learningRate: 0.01,
    data: mnistTrainingRows,
  },
]
