/**
 * Passes over a whole data set in chunks (one reusable workspace, never the training one):
 * cost and metrics for the learning curves, and the full-training-set gradient.
 */
import { backward, forward, passCostSum } from '../nn/backprop'
import { addPenaltyGradient, penalty } from '../nn/regularization'
import type { Dataset } from '../data/dataset'
import type { Floats, MatKernel } from '../math/kernel'
import type { Network } from '../nn/network'
import type { Workspace } from '../nn/workspace'
import type { RegularizationSpec } from '../project/types'
import { finish, type Steps } from './steps'

export interface Evaluation {
  /** Mean data cost plus the weight penalty (NaN for an empty set). */
  loss: number
  accuracy?: number
  r2?: number
}

/** Loads the rows from `from` (a workspace's worth) and runs them forward; their count. */
function forwardChunk(network: Network, data: Dataset, ws: Workspace, kernel: MatKernel, from: number): number {
  const count = Math.min(ws.capacity, data.n - from)
  ws.load(data.X, data.Y, data.d, data.k, from, count)
  forward(network, ws, kernel)
  return count
}

export function evaluate(network: Network, data: Dataset, ws: Workspace, kernel: MatKernel, reg: RegularizationSpec): Evaluation {
  return finish(evaluateSteps(network, data, ws, kernel, reg))
}

/** evaluate, yielding after each chunk of rows (see steps.ts): the epoch metrics of a wide layer take a second. */
export function* evaluateSteps(network: Network, data: Dataset, ws: Workspace, kernel: MatKernel, reg: RegularizationSpec): Steps<Evaluation> {
  if (data.n === 0) return { loss: Number.NaN }
  const k = network.outputs
  const outH = ws.layers[network.layers.length - 1].H
  let costSum = 0
  let correct = 0
  let ssRes = 0
  const yMean = data.kind === 'regression' ? columnMeans(data) : null
  let ssTot = 0
  for (let from = 0; from < data.n; from += ws.capacity) {
    const count = forwardChunk(network, data, ws, kernel, from)
    costSum += passCostSum(network, ws)
    for (let r = 0; r < count; r++) {
      const o = r * k
      if (data.kind === 'regression') {
        for (let j = 0; j < k; j++) {
          const y = ws.Y[o + j]
          ssRes += (outH[o + j] - y) ** 2
          ssTot += (y - yMean![j]) ** 2
        }
      } else if (isCorrect(outH, ws.Y, o, k)) correct++
    }
    // The chunk is fully read: whatever runs at this yield may use the workspace.
    yield
  }
  const loss = costSum / data.n + penalty(network, reg)
  if (data.kind === 'regression') return { loss, r2: ssTot > 0 ? 1 - ssRes / ssTot : Number.NaN }
  return { loss, accuracy: correct / data.n }
}

/** One output: ŷ ≥ 0.5 is class 1. Several: the largest output is the predicted class. */
function isCorrect(H: Floats, Y: Floats, o: number, k: number): boolean {
  if (k === 1) return H[o] >= 0.5 === Y[o] >= 0.5
  let best = 0
  let truth = 0
  for (let j = 1; j < k; j++) {
    if (H[o + j] > H[o + best]) best = j
    if (Y[o + j] > Y[o + truth]) truth = j
  }
  return best === truth
}

function columnMeans(data: Dataset): Float64Array {
  const means = new Float64Array(data.k)
  for (let r = 0; r < data.n; r++) for (let j = 0; j < data.k; j++) means[j] += data.Y[r * data.k + j]
  for (let j = 0; j < data.k; j++) means[j] /= data.n
  return means
}

/** Mean data cost over the set plus the weight penalty (the C of the gradient check). */
export function datasetCost(network: Network, data: Dataset, ws: Workspace, kernel: MatKernel, reg: RegularizationSpec): number {
  return finish(datasetCostSteps(network, data, ws, kernel, reg))
}

/** datasetCost, yielding after each chunk of rows (see steps.ts). */
export function* datasetCostSteps(network: Network, data: Dataset, ws: Workspace, kernel: MatKernel, reg: RegularizationSpec): Steps<number> {
  let costSum = 0
  for (let from = 0; from < data.n; from += ws.capacity) {
    forwardChunk(network, data, ws, kernel, from)
    costSum += passCostSum(network, ws)
    yield
  }
  return costSum / Math.max(data.n, 1) + penalty(network, reg)
}

export interface FullGradient {
  /** Mean data cost over the set plus the weight penalty. */
  loss: number
  dW: Float64Array[]
  db: Float64Array[]
}

/** dC/dW and dC/db over the whole data set at the current weights, penalty included. */
export function fullGradient(network: Network, data: Dataset, ws: Workspace, kernel: MatKernel, reg: RegularizationSpec): FullGradient {
  return finish(fullGradientSteps(network, data, ws, kernel, reg))
}

/** fullGradient, yielding after each chunk of rows (see steps.ts). */
export function* fullGradientSteps(network: Network, data: Dataset, ws: Workspace, kernel: MatKernel, reg: RegularizationSpec): Steps<FullGradient> {
  const dW = network.layers.map((l) => new Float64Array(l.W.length))
  const db = network.layers.map((l) => new Float64Array(l.b.length))
  let costSum = 0
  for (let from = 0; from < data.n; from += ws.capacity) {
    forwardChunk(network, data, ws, kernel, from)
    costSum += passCostSum(network, ws)
    backward(network, ws, kernel, 1)
    ws.layers.forEach((buffers, l) => {
      accumulate(dW[l], buffers.dW)
      accumulate(db[l], buffers.db)
    })
    yield
  }
  const n = Math.max(data.n, 1)
  for (const arrays of [dW, db]) for (const a of arrays) for (let p = 0; p < a.length; p++) a[p] /= n
  addPenaltyGradient(network, dW, reg)
  return { loss: costSum / n + penalty(network, reg), dW, db }
}

function accumulate(into: Float64Array, from: Floats): void {
  for (let p = 0; p < into.length; p++) into[p] += from[p]
}
