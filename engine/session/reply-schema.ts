/**
 * The payloads the engine sends back: each reply's result and the pieces of the streamed events.
 * The TypeScript types are derived from these schemas (protocol.ts re-exports them), and the
 * renderer checks every reply and event against them on arrival, because the engine process may
 * be broken. Numbers here may be NaN or ±Infinity (a test loss with no test split, a diverged
 * value), so `anyNumber`, not `z.number()` (which refuses both).
 */
import { z } from 'zod'
import { LOSS_NAMES, OPTIMIZER_NAMES, PROJECT_FORMAT, type ProjectFile } from '../project/types'

export const anyNumber = z.custom<number>((value) => typeof value === 'number', 'must be a number')
const count = z.number().int().min(0)
const numbers = z.array(anyNumber)
// Float64Array<ArrayBufferLike>: views of WebAssembly memory are typed arrays too.
const float64 = z.custom<Float64Array>((value) => value instanceof Float64Array, 'must be a Float64Array')
const bounds = z.tuple([anyNumber, anyNumber, anyNumber, anyNumber])

/** A weight W[i][j] of layer `layer` (0 = first hidden layer), or its bias b[j] when `i` is 'bias'. */
export const weightRefSchema = z.object({ layer: count, i: z.union([count, z.literal('bias')]), j: count }).strict()

/** Which split of the loaded data a sample request means. */
export const dataSetSchema = z.enum(['train', 'test'])

export const gradientCheckScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('network') }).strict(),
  z.object({ kind: z.literal('layer'), layer: count }).strict(),
  z.object({ kind: z.literal('weight'), ref: weightRefSchema }).strict(),
  /** dC/dx of one network input of one sample (that sample's cost), against central differences. */
  z.object({ kind: z.literal('input'), set: dataSetSchema, sample: count, input: count }).strict(),
])

/** What the raw inputs are: an image (the built-in image sets), named columns, or a 2-D point. */
export const dataInfoSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), width: count, height: count }),
  z.object({ kind: z.literal('tabular'), columns: z.array(z.string()) }),
  z.object({ kind: z.literal('plane') }),
])

export const trainingStatusSchema = z.object({
  running: z.boolean(),
  step: count,
  epoch: count,
  batchInEpoch: count,
  batchesPerEpoch: count,
  stepsPerSecond: anyNumber,
  /** Which matrix kernel runs (for example 'js-f64' or 'wasm-simd-f64'). */
  kernel: z.string(),
})

export const epochMetricsSchema = z.object({
  epoch: count,
  step: count,
  /** Mean of the epoch's batch losses (no extra pass). */
  trainLoss: anyNumber,
  /** Cost on the test split (NaN when it is empty). */
  testLoss: anyNumber,
  /** Classification: fraction correct on the test split. */
  accuracy: anyNumber.optional(),
  /** Regression: coefficient of determination on the test split. */
  r2: anyNumber.optional(),
  /** Accuracy and R² come from the test split, or from the training rows when there is no test split. */
  evaluatedOn: z.enum(['test', 'train']),
})

export const layerStatsSchema = z.object({
  layer: count,
  /** ‖dC/dW‖ (Frobenius) of the last batch. */
  gradNorm: anyNumber,
  /** ‖E‖ of the last batch, averaged over samples. */
  errorNorm: anyNumber,
  /** mean |R'(Z)| over the batch. */
  meanDerivative: anyNumber,
  /** ‖ΔW‖ / ‖W‖ of the last update. */
  updateRatio: anyNumber,
  /** Units whose Z ≤ 0 for every sample of the batch (relu layers). */
  deadUnits: count,
  /** Units saturated (|R'| < 0.01) for most samples (sigmoid/tanh layers). */
  saturatedUnits: count,
})

export const lossPointSchema = z.object({ step: count, loss: anyNumber })

export const divergenceReportSchema = z.object({
  step: count,
  epoch: count,
  layer: z.number().int(),
  unit: z.number().int(),
  pass: z.enum(['forward', 'backward', 'update']),
  /** Which quantity went non-finite: 'Z', 'H', 'E', 'dW', 'db', 'W', 'b', 'loss', or '‖ΔW‖' (an update too large to measure). */
  quantity: z.string(),
  value: anyNumber,
  suggestion: z.string(),
  /** The weights are too large to train on at any rate: only a Reset goes on. */
  resetNeeded: z.literal(true).optional(),
})

export const loadedProjectSchema = z.object({
  problem: z.enum(['binary', 'multiclass', 'regression']),
  loss: z.enum(LOSS_NAMES),
  inputNames: z.array(z.string()),
  targetNames: z.array(z.string()),
  classes: z.array(z.string()).optional(),
  trainRows: count,
  testRows: count,
  parameterCount: count,
  /** [inputs, units] per layer. */
  layerShapes: z.array(z.tuple([count, count])),
  /** Raw 2-D points for scatter plots (absent for other input sizes). */
  points: z
    .object({ bounds, train: float64, trainTargets: float64, test: float64, testTargets: float64 })
    .optional(),
  status: trainingStatusSchema,
  warnings: z.array(z.string()),
  /** CSV rows skipped as bad (the project asks to skip them), and the first one's error. */
  skipped: z.object({ rows: count, first: z.string() }).optional(),
  dataInfo: dataInfoSchema,
  /** Class names in output order (binary: class 0, class 1), or null for regression. */
  classNames: z.array(z.string()).nullable(),
})

const outputEquation = z.object({
  kind: z.literal('output'),
  activation: z.string(),
  loss: z.enum(LOSS_NAMES),
  /** True for the cross-entropy pairs, where R' cancels and E_o = ŷ − y. */
  cancels: z.boolean(),
  yHat: anyNumber,
  y: anyNumber,
  z: anyNumber,
  derivative: anyNumber,
  E: anyNumber,
  H: anyNumber,
})

const hiddenEquation = z.object({
  kind: z.literal('hidden'),
  activation: z.string(),
  z: anyNumber,
  derivative: anyNumber,
  /** Σ_k E_k·W_jk over the next layer's units: the first 64 terms listed, the sum exact. */
  terms: z.array(z.object({ k: count, E: anyNumber, W: anyNumber })),
  termCount: count,
  sum: anyNumber,
  E: anyNumber,
  H: anyNumber,
})

/** What the tutorial's equations need for the first sample of the batch. */
export const weightEquationSchema = z.discriminatedUnion('kind', [outputEquation, hiddenEquation])

export const weightInspectionSchema = z.object({
  ref: weightRefSchema,
  value: anyNumber,
  /** dC/dw on the last batch (as the last update used it), including regularization. */
  gradBatch: anyNumber,
  /** dC/dw over the whole training set at the current weights, including regularization (NaN when not asked). */
  gradFull: anyNumber,
  /** The regularization part of both gradients (λ·w for l2, λ·sign(w) for l1, 0 for biases). */
  regularization: anyNumber,
  /** Per sample of the last batch: the layer error E_j = dC/dZ_j and the layer input H_i (1 for a bias). */
  factors: z.object({ sample: z.array(count), E: numbers, H: numbers }),
  /** mean(E·H): equals gradBatch − regularization. */
  meanProduct: anyNumber,
  /** The layer's activation. */
  activation: z.string(),
  equation: weightEquationSchema,
})

const gradientCheckEntrySchema = z.object({
  /** The weight checked, or null for an input (scope kind 'input'). */
  ref: weightRefSchema.nullable(),
  /** For an input check: the index of the network input. */
  input: count.optional(),
  backprop: anyNumber,
  numerical: anyNumber,
  relativeError: anyNumber,
})

export const gradientCheckReportSchema = z.object({
  scope: gradientCheckScopeSchema,
  /** Parameters checked; fewer than `total` when a large scope is sampled (seeded). */
  checked: count,
  total: count,
  maxRelativeError: anyNumber,
  worst: gradientCheckEntrySchema,
  /** Up to 200 entries (all for a weight or small layer). */
  entries: z.array(gradientCheckEntrySchema),
})

export const predictionGridSchema = z.object({
  resolution: count,
  bounds,
  /** resolution² × outputs, row-major over (x2 rows, x1 columns), x2 descending from the top. */
  output: float64,
  outputs: count,
  /** Per layer: resolution² × units, when requested. */
  neurons: z.array(float64).optional(),
})

export const sampleTraceSchema = z.object({
  sample: count,
  x: numbers,
  y: numbers,
  /** Per layer, for this one sample: Z, H, E and the rank-one gradient dW = H_prevᵀ·E. */
  layers: z.array(z.object({ Z: numbers, H: numbers, E: numbers, dW: z.array(numbers), db: numbers })),
  loss: anyNumber,
})

/** Per sample of a split, at the current weights (one forward pass in wide batches). */
export const setEvaluationSchema = z.object({
  task: z.enum(['binary', 'classes', 'regression']),
  classNames: z.array(z.string()).nullable(),
  /** The true class index, or the target value (regression: output 0). */
  target: float64,
  /** The predicted class (argmax; ŷ ≥ 0.5 for one sigmoid output), or the predicted value. */
  predicted: float64,
  /** The output of the predicted class, its probability for softmax and sigmoid (NaN for regression). */
  confidence: float64,
  /** Each sample's data cost (no weight penalty). */
  loss: float64,
  /** k × k counts, row = true class, column = predicted class; null for regression. */
  confusion: z.array(z.array(count)).nullable(),
  /** Engine time the evaluation took (ms, its pauses left out): the studio paces its live refresh by it. */
  workMs: z.number().min(0),
})

/** The raw inputs of each requested sample, before features and standardization (image pixels in [0, 1]). */
export const sampleInputsSchema = z.object({ rows: z.array(float64) })

export const inputGradientSchema = z.object({
  set: dataSetSchema,
  sample: count,
  /** The sample's inputs, in the space `space` names. */
  x: float64,
  /** dC/dx in the same space: E_1·W_1ᵀ, divided by each column's std when standardization is on. */
  dX: float64,
  /** 'raw': per raw input (the network sees the raw columns, standardized or not); 'network': per feature the network sees (2-D data with features). */
  space: z.enum(['raw', 'network']),
  /** The network's own input row and dC/dX = E_1·W_1ᵀ for it (what the gradient check checks). */
  xNetwork: float64,
  dXNetwork: float64,
  /** The sample's data cost (no weight penalty: it does not depend on x). */
  loss: anyNumber,
  predicted: anyNumber,
  target: anyNumber,
})

export const weightSnapshotSchema = z.object({
  layers: z.array(z.object({ rows: count, cols: count, W: float64, b: float64, dW: float64, db: float64 })),
})

/**
 * The engine's own project. Checked for its frame only: a diverged network exports NaN weights,
 * which the file schema refuses, and Save (not this check) is where that is reported.
 */
const projectFrame = z.looseObject({ format: z.literal(PROJECT_FORMAT), version: z.number(), network: z.looseObject({}), data: z.looseObject({}), training: z.looseObject({}) })
export const exportedProjectSchema = z.custom<ProjectFile>((value) => projectFrame.safeParse(value).success, 'is not a project')

/** One layer's W (rows × cols, row-major) and b, flat (engine/project/packed.ts). */
const packedWeights = z
  .object({ rows: count, cols: count, W: float64, b: float64 })
  .refine((p) => p.W.length === p.rows * p.cols && p.b.length === p.cols, 'W must hold rows × cols values and b cols')

/** The trained project with its weights and optimizer slots as typed arrays: the studio's crash-recovery checkpoint. */
export const packedProjectSchema = z.object({
  spec: exportedProjectSchema,
  weights: z.array(packedWeights).optional(),
  optimizerState: z.object({ name: z.enum(OPTIMIZER_NAMES), t: count, slots: z.record(z.string(), z.array(packedWeights)) }).optional(),
})

/** A save's or an autosave's text; null when the engine's network is not the edited one (the page writes it). */
/** 'project-text': the file's UTF-8 bytes (they cross the page to the host without becoming a string there), or null. */
export const fileTextSchema = z.object({ bytes: z.instanceof(Uint8Array).nullable() })

/** A generated export: the PyTorch script and its data file, or the ONNX model's bytes. */
export const exportedCodeSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('pytorch'), script: z.string(), data: z.string(), notes: z.array(z.string()) }),
  z.object({ format: z.literal('onnx'), bytes: z.instanceof(Uint8Array), notes: z.array(z.string()) }),
])

/** 'cancel': how many running jobs were told to stop. */
export const cancelReplySchema = z.object({ canceled: count })
