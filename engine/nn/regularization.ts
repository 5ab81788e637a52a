/**
 * Weight penalties, added to the mean data cost and not divided by the sample count;
 * biases are never penalized.
 *   l2: (λ/2)·Σw²   gradient λ·w
 *   l1: λ·Σ|w|      gradient λ·sign(w), 0 at 0
 */
import type { Floats } from '../math/kernel'
import type { RegularizationSpec } from '../project/types'
import type { Network } from './network'

export function penalty(network: Network, reg: RegularizationSpec): number {
  if (reg.kind === 'none' || reg.rate === 0) return 0
  let sum = 0
  for (const { W } of network.layers) {
    if (reg.kind === 'l2') for (let p = 0; p < W.length; p++) sum += W[p] * W[p]
    else for (let p = 0; p < W.length; p++) sum += Math.abs(W[p])
  }
  return reg.kind === 'l2' ? 0.5 * reg.rate * sum : reg.rate * sum
}

/** The penalty's derivative for one weight value. */
export function penaltyGradient(w: number, reg: RegularizationSpec): number {
  if (reg.kind === 'l2') return reg.rate * w
  if (reg.kind === 'l1') return reg.rate * Math.sign(w)
  return 0
}

/** dW += dPenalty/dW for every layer. */
export function addPenaltyGradient(network: Network, dWs: Floats[], reg: RegularizationSpec): void {
  if (reg.kind === 'none' || reg.rate === 0) return
  network.layers.forEach(({ W }, l) => {
    const dW = dWs[l]
    if (reg.kind === 'l2') for (let p = 0; p < W.length; p++) dW[p] += reg.rate * W[p]
    else for (let p = 0; p < W.length; p++) dW[p] += reg.rate * Math.sign(W[p])
  })
}
