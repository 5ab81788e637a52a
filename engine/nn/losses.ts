/**
 * Costs C (means over the samples of a batch) and the output layer error E_o = dC/dZ_o per sample.
 *
 *   mse                    C = mean ½·Σ (ŷ − y)²              E_o = (ŷ − y) ⊙ R'(Z_o)
 *   binary-cross-entropy   C = mean −Σ [y log ŷ + (1−y) log(1−ŷ)], ŷ = sigmoid(Z_o)   E_o = ŷ − y
 *   softmax-cross-entropy  C = mean −Σ y_k log p_k, p = softmax(Z_o)                   E_o = p − y
 *
 * For the two cross-entropies R' cancels against dC/dŷ; the costs are computed from the logits
 * Z_o (softplus and log-sum-exp), which stay finite where log ŷ would overflow.
 */
import type { Floats } from '../math/kernel'
import { multiplyByDerivative, type ActivationName } from './activations'
import { errorCancels } from './loss-pairs'
import type { LossName } from '../project/types'

/** softplus(z) = log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))
}

/** Cost of one sample (row `r` of `width` outputs). */
export function sampleCost(loss: LossName, Z: Floats, H: Floats, Y: Floats, r: number, width: number): number {
  const o = r * width
  let cost = 0
  if (loss === 'mse') {
    for (let j = 0; j < width; j++) {
      const d = H[o + j] - Y[o + j]
      cost += 0.5 * d * d
    }
  } else if (loss === 'binary-cross-entropy') {
    // −[y log σ(z) + (1−y) log(1−σ(z))] = softplus(z) − y·z
    for (let j = 0; j < width; j++) cost += softplus(Z[o + j]) - Y[o + j] * Z[o + j]
  } else {
    let max = -Infinity
    for (let j = 0; j < width; j++) max = Math.max(max, Z[o + j])
    let sum = 0
    for (let j = 0; j < width; j++) sum += Math.exp(Z[o + j] - max)
    const logSumExp = max + Math.log(sum)
    for (let j = 0; j < width; j++) if (Y[o + j] !== 0) cost += Y[o + j] * (logSumExp - Z[o + j])
  }
  return cost
}

/** Σ over `rows` samples of their cost (divide by the row count for the mean). */
export function sumCost(loss: LossName, Z: Floats, H: Floats, Y: Floats, rows: number, width: number): number {
  let total = 0
  for (let r = 0; r < rows; r++) total += sampleCost(loss, Z, H, Y, r, width)
  return total
}

/** E_o per sample: dC_sample/dZ_o (the batch mean is taken later, in dW = H_prevᵀ·E / n). */
export function outputError(
  loss: LossName,
  activation: ActivationName,
  Z: Floats,
  H: Floats,
  Y: Floats,
  E: Floats,
  length: number,
  alpha: number,
): void {
  for (let i = 0; i < length; i++) E[i] = H[i] - Y[i]
  if (!errorCancels(loss)) multiplyByDerivative(activation, Z, H, E, length, alpha)
}
