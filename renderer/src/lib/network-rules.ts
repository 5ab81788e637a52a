/**
 * The rules the architecture editor keeps: which output layer and loss fit the problem, which
 * activations may go where, and the warnings shown before training (vanishing gradients, dying
 * ReLUs, sizes that cost memory or speed), each with the reason in plain words.
 */
import type { ActivationName } from '../../../engine/nn/activations'
import { lossesFor, outputActivationsFor } from '../../../engine/nn/loss-pairs'
import type { ProblemKind } from '../../../engine/data/dataset'
import type { LayerSpec, LossName, NetworkSpec, TrainingSpec } from '../../../engine/project/types'

// The pairing rules are the engine's (engine/nn/loss-pairs.ts); the editor offers what they allow.
export { HIDDEN_ACTIVATIONS, lossesFor, outputActivationsFor } from '../../../engine/nn/loss-pairs'

/** The output layer and loss a problem starts with: sigmoid + BCE, softmax + SCE, linear + MSE. */
export function defaultOutput(problem: ProblemKind): { activation: ActivationName; loss: LossName } {
  const loss = lossesFor(problem)[0]
  return { loss, activation: outputActivationsFor(loss, problem)[0] }
}

/**
 * The network with its output layer made consistent with the problem and its output count:
 * the units equal the outputs, and the loss and activation form an allowed pair (kept when they
 * already do and the problem is the same kind as before, else the problem's default).
 */
export function conformOutput(network: NetworkSpec, problem: ProblemKind, outputs: number, previous: ProblemKind = problem): NetworkSpec {
  const layers = network.layers.map((layer) => ({ ...layer }))
  const output = layers[layers.length - 1]
  const losses = lossesFor(problem)
  // A new kind of problem starts from its default pair; the same kind keeps the user's choice.
  const loss = previous === problem && losses.includes(network.loss) ? network.loss : losses[0]
  const activations = outputActivationsFor(loss, problem)
  const activation = previous === problem && activations.includes(output.activation) ? output.activation : activations[0]
  layers[layers.length - 1] = { ...output, units: outputs, activation }
  if (activation !== 'leaky-relu') delete layers[layers.length - 1].alpha
  return { ...network, layers, loss }
}

export interface SizeEstimate {
  parameters: number
  /** Bytes of weights, gradients, optimizer slots and the batch workspace (float64). */
  bytes: number
  /** Multiply-adds of one training step (forward and backward). */
  flopsPerStep: number
  /** A rough steps/s at about one multiply-add per nanosecond. */
  stepsPerSecond: number
}

/** Rough speed of the JS kernel, multiply-adds per second (measured order of magnitude). */
const KERNEL_MACS_PER_SECOND = 1e9

export function estimateSize(network: NetworkSpec, training: Pick<TrainingSpec, 'batchSize' | 'optimizer'>): SizeEstimate {
  let parameters = 0
  let activations = 0
  let fanIn = network.inputs
  for (const layer of network.layers) {
    parameters += (fanIn + 1) * layer.units
    activations += layer.units
    fanIn = layer.units
  }
  const slots = training.optimizer.name === 'adam' ? 2 : training.optimizer.name === 'sgd' ? 0 : 1
  const batch = training.batchSize
  const bytes = 8 * (parameters * (2 + slots) + batch * (network.inputs + 3 * activations))
  const flopsPerStep = 3 * parameters * batch
  return { parameters, bytes, flopsPerStep, stepsPerSecond: KERNEL_MACS_PER_SECOND / Math.max(1, flopsPerStep) }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`
  return `${bytes} B`
}

/** Past these, a network costs memory or time worth a confirm before it is built. */
export const COSTLY = { bytes: 100e6, stepsPerSecond: 20, parameters: 1_000_000, units: 10_000 } as const

/** The warning with the estimate for a network that costs memory or time (COSTLY), or null. */
export function sizeWarning(network: NetworkSpec, training: Pick<TrainingSpec, 'batchSize' | 'optimizer'>): string | null {
  const size = estimateSize(network, training)
  const widest = Math.max(...network.layers.map((l) => l.units))
  if (size.bytes <= COSTLY.bytes && size.stepsPerSecond >= COSTLY.stepsPerSecond && size.parameters <= COSTLY.parameters && widest <= COSTLY.units) return null
  const speed = size.stepsPerSecond < 1 ? `${(1 / size.stepsPerSecond).toFixed(1)} s per step` : `${Math.round(size.stepsPerSecond).toLocaleString('en-US')} steps/s`
  const wide = widest > COSTLY.units ? ` (a layer of ${widest.toLocaleString('en-US')} units)` : ''
  return `This network is large: ${size.parameters.toLocaleString('en-US')} parameters${wide}, about ${formatBytes(size.bytes)} in memory and roughly ${speed}.`
}

export interface WarningContext {
  network: NetworkSpec
  training: TrainingSpec
  problem: ProblemKind
  /** Training rows, when known. */
  trainRows?: number
  /** Whether the data is one of the sets no straight line separates (spiral, xor, circle…). */
  nonlinear?: boolean
}

const SATURATING = new Set<ActivationName>(['sigmoid', 'tanh'])

/** Warnings before training, most important first. */
export function networkWarnings(context: WarningContext): string[] {
  const { network, training } = context
  const hidden = network.layers.slice(0, -1)
  const warnings: string[] = []
  const large = sizeWarning(network, training)
  if (large) warnings.push(large)
  warnings.push(...depthWarnings(hidden))
  const lr = training.optimizer.learningRate
  if (hidden.some((l) => l.activation === 'relu') && lr >= 0.3 && training.optimizer.name !== 'adam') {
    warnings.push(`ReLU units with learning rate ${lr}: large steps can push units below zero for every sample, where they stop learning ("dead ReLUs").`)
  } else if (lr >= 1 || (training.optimizer.name === 'adam' && lr >= 0.3)) {
    warnings.push(`Learning rate ${lr} is high for ${training.optimizer.name}: the cost may oscillate or diverge.`)
  }
  if ((network.initializer?.name === 'zeros') && hidden.length > 0) {
    warnings.push('Zero initial weights: every unit of a layer gets the same gradient and stays identical (symmetry is never broken).')
  }
  if (context.trainRows !== undefined && training.batchSize > context.trainRows) {
    warnings.push(`Batch size ${training.batchSize} is larger than the ${context.trainRows} training rows: each step uses all of them.`)
  }
  if (hidden.length === 0 && context.nonlinear) {
    warnings.push('No hidden layer: the network draws a straight boundary, which cannot separate this data without extra input features.')
  }
  return warnings
}

function depthWarnings(hidden: LayerSpec[]): string[] {
  let run = 0
  let longest = 0
  for (const layer of hidden) {
    run = SATURATING.has(layer.activation) ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  const sigmoids = hidden.filter((l) => l.activation === 'sigmoid').length
  if (sigmoids >= 4 || longest >= 6) {
    return [
      `${longest} saturating (${sigmoids >= 4 ? 'sigmoid' : 'tanh'}) layers in a row: the error E shrinks by R′ ≤ ${sigmoids >= 4 ? '0.25' : '1'} at each layer going back, so the first layers' gradients will vanish.`,
    ]
  }
  return []
}
