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
  NetworkSpec,
  OptimizerName,
  OptimizerSpec,
  ProjectFile,
  RegularizationSpec,
  SyntheticName,
} from '../../../engine/project/types'
import { FIELD_LIMITS, LIMITS, withinLimit } from '../../../engine/project/limits'
import { parameterCount } from '../../../engine/project/project-checks'
import { conformOutput, outputActivationsFor } from '../lib/network-rules'
import { builtinInfo, builtinOutputs, type BuiltinName } from '../../../engine/data/builtin-catalog'

/** The problem a project poses: from its synthetic set, its CSV encoding, or what the engine found. */
export function problemOf(doc: ProjectFile, loaded?: ProblemKind | null): ProblemKind {
  if (doc.data.source === 'synthetic') return syntheticKind(doc.data.name)
  if (doc.data.source === 'builtin') return builtinInfo(doc.data.name).task
  if (doc.data.targetEncoding === 'one-hot') return 'multiclass'
  if (loaded) return loaded
  return doc.network.loss === 'binary-cross-entropy' ? 'binary' : 'regression'
}

/** Weights, optimizer state, progress and the run's curves belong to one network on one data set. */
export function dropTraining(doc: ProjectFile): void {
  delete doc.weights
  delete doc.optimizerState
  delete doc.progress
  delete doc.curves
}

export function outputLayerIndex(doc: ProjectFile): number {
  return doc.network.layers.length - 1
}

/** Whether a network stays within the file's limits (layers, parameters): the studio never makes one Open would refuse. */
function networkFits(network: NetworkSpec): boolean {
  return network.layers.length <= LIMITS.layers && parameterCount(network) <= LIMITS.parameters
}

export function addHiddenLayer(doc: ProjectFile, at = outputLayerIndex(doc)): void {
  const template = doc.network.layers[Math.max(0, at - 1)]
  const hidden = at > 0 && template ? { units: template.units, activation: template.activation } : { units: 4, activation: 'tanh' as const }
  const layers = doc.network.layers.toSpliced(at, 0, hidden)
  if (!networkFits({ ...doc.network, layers })) return
  doc.network.layers = layers
  dropTraining(doc)
}

export function removeHiddenLayer(doc: ProjectFile, at = outputLayerIndex(doc) - 1): void {
  if (at < 0 || at >= outputLayerIndex(doc)) return
  doc.network.layers.splice(at, 1)
  dropTraining(doc)
}

export function setUnits(doc: ProjectFile, layer: number, units: number): void {
  if (layer >= outputLayerIndex(doc) || !withinLimit(units, FIELD_LIMITS.units)) return
  const layers = doc.network.layers.map((spec, l) => (l === layer ? { ...spec, units } : spec))
  if (!networkFits({ ...doc.network, layers })) return
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

/** leaky-relu's slope α of one layer. */
export function setAlpha(doc: ProjectFile, layer: number, alpha: number): void {
  const target = doc.network.layers[layer]
  if (target?.activation !== 'leaky-relu' || !withinLimit(alpha, FIELD_LIMITS.alpha)) return
  target.alpha = alpha
  dropTraining(doc)
}

export function setLoss(doc: ProjectFile, loss: LossName, problem: ProblemKind): void {
  const outputs = doc.network.layers[outputLayerIndex(doc)].units
  doc.network = conformOutput({ ...doc.network, loss }, problem, outputs)
  dropTraining(doc)
}

export function setInitializer(doc: ProjectFile, name: InitializerName, range?: number): void {
  if (range !== undefined && !withinLimit(range, FIELD_LIMITS.initRange)) return
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

/**
 * Picks a built-in data set: inputs follow the set, the output layer its task (one softmax unit
 * per class, one sigmoid for binary, one linear for regression). Tabular values as published
 * differ in scale by orders of magnitude, so standardization comes on for them; images keep [0, 1].
 */
export function chooseBuiltin(doc: ProjectFile, name: BuiltinName): void {
  const before = problemOf(doc)
  const info = builtinInfo(name)
  const previous = doc.data
  doc.data = {
    source: 'builtin',
    name,
    trainFraction: previous.trainFraction,
    ...(previous.seed !== undefined ? { seed: previous.seed } : {}),
    ...(info.image === null ? { standardize: true } : {}),
  }
  doc.network.inputs = info.inputs
  doc.network = conformOutput(doc.network, info.task, builtinOutputs(info), before)
  dropTraining(doc)
}

type SyntheticField = 'samples' | 'noise' | 'classes'
type CommonField = 'trainFraction' | 'seed' | 'standardize'

const DATA_LIMITS = { samples: FIELD_LIMITS.samples, noise: FIELD_LIMITS.noise, classes: FIELD_LIMITS.classes, trainFraction: FIELD_LIMITS.trainFraction, seed: FIELD_LIMITS.seed }

export function setDataField(doc: ProjectFile, field: SyntheticField | CommonField, value: number | boolean | undefined): void {
  if (typeof value === 'number' && field !== 'standardize' && !withinLimit(value, DATA_LIMITS[field])) return
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
  if (!withinLimit(value, field === 'learningRate' ? FIELD_LIMITS.learningRate : FIELD_LIMITS.decay)) return
  ;(doc.training.optimizer as unknown as Record<string, number>)[field] = value
}

export function setNesterov(doc: ProjectFile, nesterov: boolean): void {
  if (doc.training.optimizer.name === 'momentum') doc.training.optimizer.nesterov = nesterov
}

export function setBatchSize(doc: ProjectFile, batchSize: number): void {
  if (withinLimit(batchSize, FIELD_LIMITS.batchSize)) doc.training.batchSize = batchSize
}

export function setEpochs(doc: ProjectFile, epochs: number): void {
  if (withinLimit(epochs, FIELD_LIMITS.epochs)) doc.training.epochs = epochs
}

/** The rate a penalty starts at when it is switched on at rate 0 (0 would change nothing). */
export const DEFAULT_REGULARIZATION_RATE = 0.001

export function setRegularization(doc: ProjectFile, patch: Partial<RegularizationSpec>): void {
  const next = { ...doc.training.regularization, ...patch }
  if (next.kind !== 'none' && next.rate === 0 && patch.rate === undefined) next.rate = DEFAULT_REGULARIZATION_RATE
  if (!withinLimit(next.rate, FIELD_LIMITS.regularizationRate)) return
  doc.training.regularization = next
}

/** The seed of initial weights and shuffling: a new start, so the weights go. */
export function setTrainingSeed(doc: ProjectFile, seed: number): void {
  if (!withinLimit(seed, FIELD_LIMITS.seed)) return
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
