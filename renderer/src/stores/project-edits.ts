/**
 * The edits the studio makes to a project, as plain functions on a draft ProjectFile. Each
 * keeps the project valid: the output layer follows the problem, the inputs follow the
 * features, and an edit that changes what the weights mean drops the saved weights.
 */
import { syntheticKind, syntheticOutputs, DEFAULT_CLASSES } from '../../../engine/data/synthetic'
import type { ProblemKind } from '../../../engine/data/dataset'
import type { ActivationName } from '../../../engine/nn/activations'
import type {
  CsvDataSpec,
  FeatureName,
  InitializerName,
  LossName,
  OptimizerName,
  OptimizerSpec,
  ProjectFile,
  RegularizationSpec,
  SyntheticName,
} from '../../../engine/project/types'
import { conformOutput, outputActivationsFor } from '../lib/network-rules'

/** The problem a project poses: from its synthetic set, its CSV encoding, or what the engine found. */
export function problemOf(doc: ProjectFile, loaded?: ProblemKind | null): ProblemKind {
  if (doc.data.source === 'synthetic') return syntheticKind(doc.data.name)
  if (doc.data.targetEncoding === 'one-hot') return 'multiclass'
  if (loaded) return loaded
  return doc.network.loss === 'binary-cross-entropy' ? 'binary' : 'regression'
}

/** Weights, optimizer state and progress belong to one network on one data set. */
export function dropTraining(doc: ProjectFile): void {
  delete doc.weights
  delete doc.optimizerState
  delete doc.progress
}

export function outputLayerIndex(doc: ProjectFile): number {
  return doc.network.layers.length - 1
}

export function addHiddenLayer(doc: ProjectFile, at = outputLayerIndex(doc)): void {
  const template = doc.network.layers[Math.max(0, at - 1)]
  const hidden = at > 0 && template ? { units: template.units, activation: template.activation } : { units: 4, activation: 'tanh' as const }
  doc.network.layers.splice(at, 0, hidden)
  dropTraining(doc)
}

export function removeHiddenLayer(doc: ProjectFile, at = outputLayerIndex(doc) - 1): void {
  if (at < 0 || at >= outputLayerIndex(doc)) return
  doc.network.layers.splice(at, 1)
  dropTraining(doc)
}

export function setUnits(doc: ProjectFile, layer: number, units: number): void {
  if (layer >= outputLayerIndex(doc) || !Number.isInteger(units) || units < 1) return
  doc.network.layers[layer].units = units
  dropTraining(doc)
}

export function setActivation(doc: ProjectFile, layer: number, activation: ActivationName, problem: ProblemKind): void {
  const target = doc.network.layers[layer]
  if (!target) return
  if (layer === outputLayerIndex(doc)) {
    if (!outputActivationsFor(doc.network.loss, problem).includes(activation)) return
  } else if (activation === 'softmax') return
  target.activation = activation
  if (activation !== 'leaky-relu') delete target.alpha
  dropTraining(doc)
}

export function setLoss(doc: ProjectFile, loss: LossName, problem: ProblemKind): void {
  const outputs = doc.network.layers[outputLayerIndex(doc)].units
  doc.network = conformOutput({ ...doc.network, loss }, problem, outputs)
  dropTraining(doc)
}

export function setInitializer(doc: ProjectFile, name: InitializerName, range?: number): void {
  doc.network.initializer = name === 'uniform' ? { name, range: range ?? doc.network.initializer?.range ?? 0.5 } : { name }
  dropTraining(doc)
}

export function setFeatures(doc: ProjectFile, features: FeatureName[]): void {
  if (features.length === 0) return
  doc.data.features = [...features]
  doc.network.inputs = features.length
  dropTraining(doc)
}

/** Picks a synthetic set; the output layer follows its problem (classes keep their count). */
export function chooseSynthetic(doc: ProjectFile, name: SyntheticName): void {
  const before = problemOf(doc)
  const previous = doc.data
  const features = previous.features && previous.source === 'synthetic' ? previous.features : ['x1', 'x2']
  const kind = syntheticKind(name)
  const classes = kind === 'multiclass' ? (previous.source === 'synthetic' ? (previous.classes ?? DEFAULT_CLASSES) : DEFAULT_CLASSES) : undefined
  doc.data = {
    source: 'synthetic',
    name,
    samples: previous.source === 'synthetic' ? previous.samples : 500,
    noise: previous.source === 'synthetic' ? previous.noise : 0.1,
    ...(classes !== undefined ? { classes } : {}),
    trainFraction: previous.trainFraction,
    ...(previous.seed !== undefined ? { seed: previous.seed } : {}),
    features: [...(features as FeatureName[])],
    ...(previous.standardize ? { standardize: true } : {}),
  }
  doc.network.inputs = doc.data.features!.length
  doc.network = conformOutput(doc.network, kind, syntheticOutputs(name, classes), before)
  dropTraining(doc)
}

type SyntheticField = 'samples' | 'noise' | 'classes'
type CommonField = 'trainFraction' | 'seed' | 'standardize'

export function setDataField(doc: ProjectFile, field: SyntheticField | CommonField, value: number | boolean | undefined): void {
  const data = doc.data as unknown as Record<string, unknown>
  if (value === undefined) delete data[field]
  else data[field] = value
  if (field === 'classes' && doc.data.source === 'synthetic') {
    doc.network = conformOutput(doc.network, syntheticKind(doc.data.name), syntheticOutputs(doc.data.name, doc.data.classes))
  }
  dropTraining(doc)
}

/** Switches to CSV data: inputs follow the chosen columns, the output layer the problem found. */
export function chooseCsv(doc: ProjectFile, spec: CsvDataSpec, problem: ProblemKind, outputs: number): void {
  const before = problemOf(doc)
  doc.data = { ...spec, inputs: [...spec.inputs], targets: [...spec.targets] }
  if (spec.features) doc.data.features = [...spec.features]
  doc.network.inputs = spec.features?.length ?? spec.inputs.length
  doc.network = conformOutput(doc.network, problem, outputs, before)
  dropTraining(doc)
}

// ───────────── training settings (applied to a running engine without a reset) ─────────────

const OPTIMIZER_DEFAULTS: Record<OptimizerName, OptimizerSpec> = {
  sgd: { name: 'sgd', learningRate: 0 },
  momentum: { name: 'momentum', learningRate: 0, momentum: 0.9, nesterov: false },
  rmsprop: { name: 'rmsprop', learningRate: 0, rho: 0.9 },
  adam: { name: 'adam', learningRate: 0, beta1: 0.9, beta2: 0.999 },
}

export function setOptimizer(doc: ProjectFile, name: OptimizerName): void {
  if (doc.training.optimizer.name === name) return
  doc.training.optimizer = { ...OPTIMIZER_DEFAULTS[name], learningRate: doc.training.optimizer.learningRate }
}

export function setOptimizerField(doc: ProjectFile, field: 'learningRate' | 'momentum' | 'rho' | 'beta1' | 'beta2', value: number): void {
  if (!(value > 0) || (field !== 'learningRate' && value >= 1)) return
  ;(doc.training.optimizer as unknown as Record<string, number>)[field] = value
}

export function setNesterov(doc: ProjectFile, nesterov: boolean): void {
  if (doc.training.optimizer.name === 'momentum') doc.training.optimizer.nesterov = nesterov
}

export function setBatchSize(doc: ProjectFile, batchSize: number): void {
  if (Number.isInteger(batchSize) && batchSize >= 1) doc.training.batchSize = batchSize
}

export function setEpochs(doc: ProjectFile, epochs: number): void {
  if (Number.isInteger(epochs) && epochs >= 0) doc.training.epochs = epochs
}

/** The rate a penalty starts at when it is switched on at rate 0 (0 would change nothing). */
export const DEFAULT_REGULARIZATION_RATE = 0.001

export function setRegularization(doc: ProjectFile, patch: Partial<RegularizationSpec>): void {
  const next = { ...doc.training.regularization, ...patch }
  if (next.kind !== 'none' && next.rate === 0 && patch.rate === undefined) next.rate = DEFAULT_REGULARIZATION_RATE
  if (!(next.rate >= 0)) return
  doc.training.regularization = next
}

/** The seed of initial weights and shuffling: a new start, so the weights go. */
export function setTrainingSeed(doc: ProjectFile, seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return
  doc.training.seed = seed
  dropTraining(doc)
}

export function setShuffle(doc: ProjectFile, shuffle: boolean): void {
  doc.training.shuffle = shuffle
  dropTraining(doc)
}

/** float64 (exact) or float32 (faster kernels; inspection stays float64): the engine rebuilds, from the start. */
export function setPrecision(doc: ProjectFile, precision: 'float64' | 'float32'): void {
  if (precision === 'float64') delete doc.training.precision
  else doc.training.precision = precision
  dropTraining(doc)
}
