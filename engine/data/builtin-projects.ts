/**
 * A starting project for each built-in data set: the network and settings the studio's presets,
 * the docs' examples (docs/examples/) and the benchmark use. The accuracies they reach are
 * measured with `backprop-studio train` (see docs/engine.md, "Built-in data sets").
 */
import { PROJECT_FORMAT, PROJECT_VERSION, type LayerSpec, type ProjectFile } from '../project/types'
import { builtinInfo, type BuiltinName } from './builtin-catalog'

interface Recipe {
  title: string
  hidden: LayerSpec[]
  learningRate: number
  batchSize: number
  epochs: number
  /** Tabular values as published differ in scale by orders of magnitude: standardize them. */
  standardize: boolean
}

const relu = (units: number): LayerSpec => ({ units, activation: 'relu' })
const tanh = (units: number): LayerSpec => ({ units, activation: 'tanh' })

const RECIPES: Record<BuiltinName, Recipe> = {
  mnist: { title: 'MNIST digits, 784-128-10', hidden: [relu(128)], learningRate: 0.001, batchSize: 64, epochs: 10, standardize: false },
  digits: { title: 'Digits 8×8, 64-32-10', hidden: [relu(32)], learningRate: 0.003, batchSize: 32, epochs: 40, standardize: false },
  iris: { title: 'Iris, 4-8-3', hidden: [tanh(8)], learningRate: 0.01, batchSize: 16, epochs: 200, standardize: true },
  wine: { title: 'Wine, 13-16-3', hidden: [tanh(16)], learningRate: 0.01, batchSize: 16, epochs: 100, standardize: true },
  'breast-cancer': { title: 'Breast cancer, 30-16-1', hidden: [relu(16)], learningRate: 0.001, batchSize: 16, epochs: 100, standardize: true },
  diabetes: { title: 'Diabetes, 10-16-1', hidden: [relu(16)], learningRate: 0.01, batchSize: 16, epochs: 60, standardize: true },
}

/** The output layer and loss a task needs (the pairs where E_o = ŷ − y). */
function outputFor(name: BuiltinName): { layer: LayerSpec; loss: ProjectFile['network']['loss'] } {
  const info = builtinInfo(name)
  if (info.task === 'multiclass') return { layer: { units: info.classes, activation: 'softmax' }, loss: 'softmax-cross-entropy' }
  if (info.task === 'binary') return { layer: { units: 1, activation: 'sigmoid' }, loss: 'binary-cross-entropy' }
  return { layer: { units: 1, activation: 'linear' }, loss: 'mse' }
}

export function builtinProjectTitle(name: BuiltinName): string {
  return RECIPES[name].title
}

export function builtinProject(name: BuiltinName): ProjectFile {
  const recipe = RECIPES[name]
  const { layer, loss } = outputFor(name)
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: recipe.title,
    network: { inputs: builtinInfo(name).inputs, layers: [...recipe.hidden.map((l) => ({ ...l })), layer], loss },
    data: { source: 'builtin', name, trainFraction: 0.8, seed: 1, ...(recipe.standardize ? { standardize: true } : {}) },
    training: {
      optimizer: { name: 'adam', learningRate: recipe.learningRate },
      batchSize: recipe.batchSize,
      epochs: recipe.epochs,
      shuffle: true,
      seed: 1,
      regularization: { kind: 'none', rate: 0 },
    },
  }
}
