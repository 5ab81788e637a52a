/**
 * The project file (versioned JSON), as TypeScript types. `docs/project-format.md` documents
 * every field; `schema.ts` validates untrusted input against the same shape.
 */
import type { ActivationName } from '../nn/activations'
import type { BuiltinName } from '../data/builtin-catalog'
import type { CsvDelimiter } from '../data/csv-format'

export const PROJECT_FORMAT = 'backprop-studio/project'
export const PROJECT_VERSION = 1

export const LOSS_NAMES = ['mse', 'binary-cross-entropy', 'softmax-cross-entropy'] as const
export type LossName = (typeof LOSS_NAMES)[number]

export const INITIALIZER_NAMES = ['zeros', 'uniform', 'xavier-uniform', 'xavier-normal', 'he-uniform', 'he-normal'] as const
export type InitializerName = (typeof INITIALIZER_NAMES)[number]

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'rmsprop', 'adam'] as const
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number]

export const SYNTHETIC_NAMES = [
  'circle',
  'xor',
  'gaussian',
  'spiral',
  'k-class-spiral',
  'k-class-gaussian',
  'regression-plane',
  'regression-gaussian',
] as const
export type SyntheticName = (typeof SYNTHETIC_NAMES)[number]

/** Extra input features computed from a 2-D input (x1, x2), as TensorFlow Playground offers. */
export const FEATURE_NAMES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'] as const
export type FeatureName = (typeof FEATURE_NAMES)[number]

export interface LayerSpec {
  units: number
  activation: ActivationName
  /** leaky-relu slope for negative inputs; 0.01 when absent. */
  alpha?: number
}

export interface InitializerSpec {
  name: InitializerName
  /** Half-width of `uniform` (weights in [-range, range]); 0.5 when absent. */
  range?: number
}

export interface NetworkSpec {
  inputs: number
  /** The last layer is the output layer. */
  layers: LayerSpec[]
  loss: LossName
  /** xavier-uniform when absent. Biases always start at 0. */
  initializer?: InitializerSpec
}

/** W[i][j] is the weight from input i to unit j (inputs × units, as in Z = X·W). */
export interface LayerWeights {
  W: number[][]
  b: number[]
}

interface DataCommon {
  /** 1: all rows train (file order kept when training.shuffle is false); below 1: a seeded random split. */
  trainFraction: number
  /** Seed of the synthetic generator and of the split; training.seed when absent. */
  seed?: number
  /** For 2-D inputs: the features fed to the network; ['x1', 'x2'] when absent. */
  features?: FeatureName[]
  /** Standardize inputs with statistics of the training split; off when absent. */
  standardize?: boolean
}

export interface CsvDataSpec extends DataCommon {
  source: 'csv'
  /** Relative to the project file. */
  path: string
  inputs: string[]
  targets: string[]
  /** 'numeric' (default): target columns are numbers. 'one-hot': one text label column, one output per class. */
  targetEncoding?: 'numeric' | 'one-hot'
  /** Field separator; ',' when absent. */
  delimiter?: CsvDelimiter
  /** Numbers written 1,5 for 1.5 (needs a delimiter other than ','); off when absent. */
  decimalComma?: boolean
  /** The first row names the columns; true when absent. Without one, columns are 'column 1', 'column 2', …. */
  header?: boolean
  /** Rows that do not parse are skipped and counted instead of stopping the load; off when absent. */
  skipBadRows?: boolean
}

export interface SyntheticDataSpec extends DataCommon {
  source: 'synthetic'
  name: SyntheticName
  /** Number of points generated (train + test). */
  samples: number
  /** 0 (none) to 1 (heavy); the generator scales it to its geometry. */
  noise: number
  /** Number of classes for the k-class sets (2 to 10). */
  classes?: number
}

/** One of the real data sets shipped in data/ (engine/data/builtin-catalog.ts). */
export interface BuiltinDataSpec extends DataCommon {
  source: 'builtin'
  name: BuiltinName
  /** A seeded subset of this many rows (drawn with data.seed); all rows when absent. */
  samples?: number
}

export type DataSpec = CsvDataSpec | SyntheticDataSpec | BuiltinDataSpec

export type OptimizerSpec =
  | { name: 'sgd'; learningRate: number }
  | { name: 'momentum'; learningRate: number; momentum?: number; nesterov?: boolean }
  | { name: 'rmsprop'; learningRate: number; rho?: number; epsilon?: number }
  | { name: 'adam'; learningRate: number; beta1?: number; beta2?: number; epsilon?: number }

export interface RegularizationSpec {
  kind: 'none' | 'l1' | 'l2'
  rate: number
}

export interface TrainingSpec {
  optimizer: OptimizerSpec
  batchSize: number
  /** Maximum epochs: training stops after this many. */
  epochs: number
  shuffle: boolean
  seed: number
  regularization: RegularizationSpec
  /** float64 (default): every number exact. float32: faster kernels; inspection stays float64. */
  precision?: 'float64' | 'float32'
}

/** Optimizer slots per layer, same layout as `weights` (for example Adam's m and v). */
export interface OptimizerState {
  name: OptimizerName
  /** Steps the optimizer has taken (Adam's bias correction uses it). */
  t: number
  slots: Record<string, LayerWeights[]>
}

/** Where a saved run stands, so training resumes exactly where it stopped. */
export interface TrainingProgress {
  epoch: number
  step: number
  /** Training rows of the current epoch already visited (a batch-size change keeps the position). */
  rowInEpoch: number
  /** State of the shuffle generator at the start of the current epoch (it replays the permutation). */
  rngState: number[]
  /** Σ of the current epoch's batch losses and their count so far: the epoch's train loss resumes exactly. */
  epochLossSum?: number
  epochBatches?: number
}

export interface ProjectFile {
  format: typeof PROJECT_FORMAT
  version: typeof PROJECT_VERSION
  name?: string
  network: NetworkSpec
  weights?: LayerWeights[]
  data: DataSpec
  training: TrainingSpec
  optimizerState?: OptimizerState
  progress?: TrainingProgress
  /** The run's curves and last metrics as the studio showed them when it saved (shown again on open). */
  curves?: SavedCurves
}

/** A curve as [step, value] pairs, in step order (thinned: each stretch's lowest and highest point). */
export type CurvePairs = [number, number][]

/** What the studio's cost and metric charts showed at save, and the last epoch's numbers. */
export interface SavedCurves {
  /** Loss of the training batches. */
  train: CurvePairs
  /** Mean training loss of each epoch. */
  trainEpoch: CurvePairs
  /** Test loss of each epoch. */
  test: CurvePairs
  /** Accuracy (classification) or R² (regression) of each epoch. */
  metric: CurvePairs
  /** The last closed epoch. */
  last?: SavedEpoch
}

export interface SavedEpoch {
  epoch: number
  step: number
  trainLoss: number
  /** Absent when there is no test split. */
  testLoss?: number
  accuracy?: number
  r2?: number
  evaluatedOn: 'test' | 'train'
}
