/**
 * Everything the inspector shows for one weight: its value, its gradient on the last batch and on
 * the whole training set, and the two factors of the gradient per sample (the layer error E_j
 * and the layer input H_i), whose mean product is the batch gradient without the penalty.
 */
import { derivativeAt } from '../nn/activations'
import { errorCancels } from '../nn/loss-pairs'
import { penaltyGradient } from '../nn/regularization'
import { fullGradientSteps } from '../train/evaluate'
import { finish, type Steps } from '../train/steps'
import { flatIndex, getParameter } from './weight-ref'
import type { Trainer } from '../train/trainer'
import type { WeightEquation, WeightInspection, WeightRef } from '../protocol'

const MAX_TERMS = 64

export function inspectWeight(trainer: Trainer, ref: WeightRef, full: boolean): WeightInspection {
  return finish(inspectWeightSteps(trainer, ref, full))
}

/** The inspection, yielding during the whole-set gradient (see steps.ts). */
export function* inspectWeightSteps(trainer: Trainer, ref: WeightRef, full: boolean): Steps<WeightInspection> {
  const { network, batch } = trainer
  if (batch.rows === 0) trainer.recomputeBatch()
  const layer = network.layers[ref.layer]
  const { E } = batch.layers[ref.layer]
  const input = batch.inputOf(ref.layer)
  const units = layer.units
  const rows = batch.rows
  const value = getParameter(network, ref)
  const regularization = ref.i === 'bias' ? 0 : penaltyGradient(value, trainer.training.regularization)
  const factors = { sample: [] as number[], E: [] as number[], H: [] as number[] }
  let productSum = 0
  for (let s = 0; s < rows; s++) {
    const e = E[s * units + ref.j]
    const h = ref.i === 'bias' ? 1 : input[s * layer.fanIn + ref.i]
    factors.sample.push(s)
    factors.E.push(e)
    factors.H.push(h)
    productSum += h * e
  }
  const index = flatIndex(network, ref)
  const gradBatch = (ref.i === 'bias' ? batch.layers[ref.layer].db : batch.layers[ref.layer].dW)[index]
  let gradFull = Number.NaN
  if (full) {
    const grad = yield* fullGradientSteps(network, trainer.data.train, trainer.evalWorkspace, trainer.kernel, trainer.training.regularization)
    gradFull = (ref.i === 'bias' ? grad.db : grad.dW)[ref.layer][index]
  }
  return {
    ref,
    value,
    gradBatch,
    gradFull,
    regularization,
    factors,
    meanProduct: productSum / Math.max(rows, 1),
    activation: layer.activation,
    equation: equationFor(trainer, ref),
  }
}

/** The tutorial's equation for this weight with the first sample's numbers. */
function equationFor(trainer: Trainer, ref: WeightRef): WeightEquation {
  const { network, batch } = trainer
  const l = ref.layer
  const layer = network.layers[l]
  const { Z, H, E } = batch.layers[l]
  const p = ref.j // sample 0, unit j
  const inputH = ref.i === 'bias' ? 1 : batch.inputOf(l)[ref.i]
  const derivative = derivativeAt(layer.activation, Z[p], H[p], layer.alpha)
  if (l === network.layers.length - 1) {
    return {
      kind: 'output',
      activation: layer.activation,
      loss: network.loss,
      cancels: errorCancels(network.loss),
      yHat: H[p],
      y: batch.Y[p],
      z: Z[p],
      derivative,
      E: E[p],
      H: inputH,
    }
  }
  const next = network.layers[l + 1]
  // The W the batch's errors were computed with (before the last update), not the updated one.
  const nextW = trainer.batchWeights(l + 1).W
  const nextE = batch.layers[l + 1].E
  const terms: { k: number; E: number; W: number }[] = []
  let sum = 0
  for (let k = 0; k < next.units; k++) {
    const term = { k, E: nextE[k], W: nextW[ref.j * next.units + k] }
    sum += term.E * term.W
    if (k < MAX_TERMS) terms.push(term)
  }
  return { kind: 'hidden', activation: layer.activation, z: Z[p], derivative, terms, termCount: next.units, sum, E: E[p], H: inputH }
}
