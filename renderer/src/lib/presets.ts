/**
 * Starting projects: a new project, and presets that each show something (the spiral a deep
 * network needs, XOR that one hidden layer solves, the circle, a regression plane, k classes).
 */
import { syntheticKind, syntheticOutputs } from '../../../engine/data/synthetic'
import { PROJECT_FORMAT, PROJECT_VERSION, type InitializerSpec, type LayerSpec, type LossName, type NetworkSpec, type ProjectFile, type SyntheticName } from '../../../engine/project/types'
import type { ActivationName } from '../../../engine/nn/activations'
import { defaultOutput } from './network-rules'
import { builtinProject, builtinProjectTitle } from '../../../engine/data/builtin-projects'

export interface Preset {
  id: string
  title: string
  description: string
  project: () => ProjectFile
}

interface PresetOptions {
  name?: string
  data: SyntheticName
  hidden: LayerSpec[]
  noise?: number
  samples?: number
  learningRate?: number
  optimizer?: 'sgd' | 'adam'
  features?: ProjectFile['data']['features']
  /** L2 weight penalty (none when absent). */
  l2?: number
  initializer?: InitializerSpec
  batchSize?: number
  /** The output layer's activation and loss instead of the data's defaults (teaching presets). */
  output?: { activation: ActivationName; loss: LossName }
}

/** A synthetic-data project with the output layer and loss that fit the data. */
export function syntheticProject(options: PresetOptions): ProjectFile {
  const features = options.features ?? ['x1', 'x2']
  const outputs = syntheticOutputs(options.data)
  const { activation, loss } = options.output ?? defaultOutput(syntheticKind(options.data))
  const network: NetworkSpec = {
    inputs: features.length,
    layers: [...options.hidden.map((l) => ({ ...l })), { units: outputs, activation }],
    loss,
    initializer: options.initializer ?? { name: 'xavier-uniform' },
  }
  const learningRate = options.learningRate ?? 0.03
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: options.name ?? 'Untitled',
    network,
    data: {
      source: 'synthetic',
      name: options.data,
      samples: options.samples ?? 500,
      noise: options.noise ?? 0.1,
      ...(syntheticKind(options.data) === 'multiclass' ? { classes: 3 } : {}),
      trainFraction: 0.7,
      features,
    },
    training: {
      optimizer: options.optimizer === 'sgd' ? { name: 'sgd', learningRate } : { name: 'adam', learningRate },
      batchSize: options.batchSize ?? 10,
      epochs: 50_000,
      shuffle: true,
      seed: 1,
      regularization: options.l2 ? { kind: 'l2', rate: options.l2 } : { kind: 'none', rate: 0 },
    },
  }
}

const tanh = (units: number): LayerSpec => ({ units, activation: 'tanh' })
const sigmoid = (units: number): LayerSpec => ({ units, activation: 'sigmoid' })

export function newProject(): ProjectFile {
  return syntheticProject({ data: 'circle', hidden: [tanh(8)], learningRate: 0.01 })
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'spiral',
    title: 'Spiral classifier',
    description: 'Two interleaved spirals: three tanh layers of 8 learn the curved boundary; a little L2 keeps it from overfitting the noise.',
    project: () => syntheticProject({ name: 'Spiral classifier', data: 'spiral', hidden: [tanh(8), tanh(8), tanh(8)], learningRate: 0.01, l2: 1e-3 }),
  },
  {
    id: 'xor',
    title: 'XOR',
    description: 'The classic: no straight line separates it, one hidden layer of 4 does.',
    project: () => syntheticProject({ name: 'XOR', data: 'xor', hidden: [tanh(4)] }),
  },
  {
    id: 'circle',
    title: 'Circle',
    description: 'A disc inside a ring, with two small tanh layers (TensorFlow Playground’s start).',
    project: () => syntheticProject({ name: 'Circle', data: 'circle', hidden: [tanh(4), tanh(2)] }),
  },
  {
    id: 'regression-plane',
    title: 'Regression plane',
    description: 'y = (x1 + x2) / 10: a linear output and mean squared error.',
    project: () => syntheticProject({ name: 'Regression plane', data: 'regression-plane', hidden: [tanh(4)] }),
  },
  {
    id: 'k-class',
    title: 'Three-class spiral',
    description: 'Three spiral arms: a softmax output and cross-entropy.',
    project: () => syntheticProject({ name: 'Three-class spiral', data: 'k-class-spiral', hidden: [tanh(12), tanh(12)], learningRate: 0.01 }),
  },
  // Real data shipped with the studio (data/): digits and flowers.
  {
    id: 'mnist',
    title: builtinProjectTitle('mnist'),
    description: '10,000 handwritten digits of 28×28 pixels: one relu layer of 128 and a softmax reaches about 95 % on the held-out fifth in 10 epochs.',
    project: () => builtinProject('mnist'),
  },
  {
    id: 'iris',
    title: builtinProjectTitle('iris'),
    description: 'Fisher’s 150 irises, four measurements each: eight tanh units tell the three species apart.',
    project: () => builtinProject('iris'),
  },
  // Presets that teach the backpropagation tutorial's equations (open the Weight inspector).
  {
    id: 'one-neuron',
    title: 'One neuron: C(R(Z(X·W)))',
    description: "A single sigmoid neuron with squared error: C'(W) = (ŷ − y)·R'(Z)·X, the chain rule in one line.",
    project: () =>
      syntheticProject({ name: 'One neuron', data: 'gaussian', hidden: [], optimizer: 'sgd', learningRate: 0.5, output: { activation: 'sigmoid', loss: 'mse' } }),
  },
  {
    id: 'toy-network',
    title: 'One hidden layer (the tutorial’s toy network)',
    description: 'Inputs, one hidden layer of 3 sigmoid units, one output: E_o = (ŷ − y)·R\'(Z_o), E_h = E_o·W_o·R\'(Z_h), C\'(w) = E·input.',
    project: () =>
      syntheticProject({ name: 'Toy network', data: 'circle', hidden: [sigmoid(3)], optimizer: 'sgd', learningRate: 0.5, output: { activation: 'sigmoid', loss: 'mse' } }),
  },
  {
    id: 'deep-sigmoid',
    title: 'Ten sigmoid layers: vanishing gradients',
    description: 'The tutorial’s 10-layer example: each layer multiplies the error by R\'(Z) ≤ ¼, so the first layers barely learn. Watch Gradient health.',
    project: () =>
      syntheticProject({
        name: 'Ten sigmoid layers',
        data: 'spiral',
        hidden: Array.from({ length: 10 }, () => sigmoid(4)),
        optimizer: 'sgd',
        learningRate: 0.1,
        initializer: { name: 'uniform', range: 0.5 },
      }),
  },
]
