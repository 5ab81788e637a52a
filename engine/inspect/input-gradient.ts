/**
 * The input gradient (saliency) of one sample: its forward pass, the memoized backward sweep, and
 * one step further, dC/dX = E_1·W_1ᵀ. When the network sees the raw columns, standardized or
 * not, x = (x_raw − mean)/std gives dC/dx_raw = dC/dx / std, so the gradient is also reported per
 * raw input; with 2-D features (x1², sin x1, …) it stays per feature.
 */
import { backward, forward, inputGradient as sweepToInputs, passCostSum } from '../nn/backprop'
import type { Workspace } from '../nn/workspace'
import { readPrediction } from './predictions'
import { relativeError } from './relative-error'
import { splitOf } from './set-evaluation'
import type { PreparedData } from '../data/prepare'
import type { Trainer } from '../train/trainer'
import type { DataSet, GradientCheckReport, GradientCheckScope, InputGradient } from '../protocol'

/** The sample's row index, or an Error naming the split and its size. */
export function checkSample(trainer: Trainer, set: DataSet, sample: number): void {
  const n = splitOf(trainer, set).n
  if (!Number.isInteger(sample) || sample < 0 || sample >= n) {
    throw new Error(`sample ${sample} does not exist (the ${set === 'train' ? 'training' : 'test'} split has ${n} row${n === 1 ? '' : 's'})`)
  }
}

/** One sample loaded into a one-row workspace and run forward; its cost. */
function loadSample(trainer: Trainer, set: DataSet, sample: number): { ws: Workspace; loss: number } {
  checkSample(trainer, set, sample)
  const data = splitOf(trainer, set)
  const ws = trainer.scratchWorkspace('input-sample', 1)
  ws.load(data.X, data.Y, data.d, data.k, sample, 1)
  forward(trainer.network, ws, trainer.kernel)
  return { ws, loss: passCostSum(trainer.network, ws) }
}

/** `trainer` should be the float64 one (inspection is exact); `prepared` says how raw inputs became network inputs. */
export function inputGradient(trainer: Trainer, prepared: Pick<PreparedData, 'features' | 'standardization'>, set: DataSet, sample: number): InputGradient {
  const { network, kernel } = trainer
  const data = splitOf(trainer, set)
  const { ws, loss } = loadSample(trainer, set, sample)
  backward(network, ws, kernel, 1)
  const dXBuffer = kernel.reserve([network.inputs])
  sweepToInputs(network, ws, kernel, dXBuffer.views[0])
  const xNetwork = Float64Array.from(ws.X)
  const dXNetwork = Float64Array.from(dXBuffer.views[0])
  dXBuffer.release()
  const out = ws.layers[network.layers.length - 1]
  const { predicted, target } = readPrediction(data.kind, out.H, ws.Y, 0, data.k)
  const base = { set, sample, xNetwork, dXNetwork, loss, predicted, target }
  if (prepared.features !== null) return { ...base, space: 'network', x: xNetwork, dX: dXNetwork }
  const scale = prepared.standardization
  if (scale === null) return { ...base, space: 'raw', x: xNetwork, dX: dXNetwork }
  return {
    ...base,
    space: 'raw',
    x: xNetwork.map((z, c) => z * scale.std[c] + scale.mean[c]),
    dX: dXNetwork.map((g, c) => g / scale.std[c]),
  }
}

/** The gradient check of one network input of one sample: E_1·W_1ᵀ against the five-point central difference of that sample's cost. */
export function inputGradientCheck(trainer: Trainer, scope: Extract<GradientCheckScope, { kind: 'input' }>): GradientCheckReport {
  const { network, kernel } = trainer
  if (!Number.isInteger(scope.input) || scope.input < 0 || scope.input >= network.inputs) {
    throw new Error(`input ${scope.input} does not exist (the network has ${network.inputs} inputs)`)
  }
  const { ws, loss } = loadSample(trainer, scope.set, scope.sample)
  backward(network, ws, kernel, 1)
  const dX = kernel.reserve([network.inputs])
  sweepToInputs(network, ws, kernel, dX.views[0])
  const backprop = dX.views[0][scope.input]
  dX.release()
  const x = ws.X[scope.input]
  const h = 1e-4 * Math.max(1, Math.abs(x))
  const at = (value: number): number => {
    ws.X[scope.input] = value
    forward(network, ws, kernel)
    return passCostSum(network, ws)
  }
  const numerical = (-at(x + 2 * h) + 8 * at(x + h) - 8 * at(x - h) + at(x - 2 * h)) / (12 * h)
  const floor = (1e6 * 2.2e-16 * (Math.abs(loss) + 1)) / h
  const entry = { ref: null, input: scope.input, backprop, numerical, relativeError: relativeError(backprop, numerical, floor) }
  return { scope, checked: 1, total: 1, maxRelativeError: entry.relativeError, worst: entry, entries: [entry] }
}
