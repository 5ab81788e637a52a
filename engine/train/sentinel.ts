/**
 * The NaN/Inf sentinel. Each step checks two numbers it gets for free: the batch cost, and the
 * optimizer's Σ‖Δ‖² + Σ w (non-finite when a gradient, an update or a new weight is). Only when
 * one is non-finite does it scan the memoized buffers to name the first non-finite value:
 * forward (Z, H per layer, in order), then backward (E, dW, db from the top), then the parameters.
 */
import type { Floats } from '../math/kernel'
import type { DivergenceReport } from '../protocol'
import type { Network } from '../nn/network'
import type { Workspace } from '../nn/workspace'

export type Location = Pick<DivergenceReport, 'layer' | 'unit' | 'pass' | 'quantity' | 'value'>

/** First non-finite value of a rows × units buffer: its unit (column), or -1. */
function firstNonFinite(a: Floats, length: number, units: number): { unit: number; value: number } | null {
  for (let p = 0; p < length; p++) if (!Number.isFinite(a[p])) return { unit: p % units, value: a[p] }
  return null
}

export function locateForward(network: Network, ws: Workspace): Location | null {
  for (let l = 0; l < network.layers.length; l++) {
    const units = network.layers[l].units
    for (const quantity of ['Z', 'H'] as const) {
      const hit = firstNonFinite(ws.layers[l][quantity], ws.rows * units, units)
      if (hit) return { layer: l, pass: 'forward', quantity, ...hit }
    }
  }
  return null
}

export function locateBackward(network: Network, ws: Workspace): Location | null {
  for (let l = network.layers.length - 1; l >= 0; l--) {
    const units = network.layers[l].units
    const { E, dW, db } = ws.layers[l]
    const hit = firstNonFinite(E, ws.rows * units, units)
    if (hit) return { layer: l, pass: 'backward', quantity: 'E', ...hit }
    const w = firstNonFinite(dW, dW.length, units)
    if (w) return { layer: l, pass: 'backward', quantity: 'dW', ...w }
    const b = firstNonFinite(db, db.length, units)
    if (b) return { layer: l, pass: 'backward', quantity: 'db', ...b }
  }
  return null
}

export function locateParameters(network: Network): Location | null {
  for (let l = 0; l < network.layers.length; l++) {
    const { W, b, units } = network.layers[l]
    const w = firstNonFinite(W, W.length, units)
    if (w) return { layer: l, pass: 'update', quantity: 'W', ...w }
    const bias = firstNonFinite(b, b.length, units)
    if (bias) return { layer: l, pass: 'update', quantity: 'b', ...bias }
  }
  return null
}

/** Weights this large have left training: their forward pass overflows whatever the learning rate. */
export const RESET_MAGNITUDE = 1e6

/** The largest |w| or |b| of the network (NaN counts as infinitely large). */
export function largestParameter(network: Network): number {
  let largest = 0
  for (const { W, b } of network.layers) {
    for (const values of [W, b]) {
      for (let p = 0; p < values.length; p++) {
        const size = Math.abs(values[p])
        if (!(size <= largest)) largest = Number.isNaN(size) ? Infinity : size
      }
    }
  }
  return largest
}

/**
 * A plain suggestion for the user, by where the values blew up. When the weights themselves have
 * grown huge, a lower rate cannot bring them back: it says to Reset.
 */
export function suggestionFor(location: Location, learningRate: number, largest = 0): string {
  if (largest > RESET_MAGNITUDE) {
    return `The weights have grown to about ${largest.toExponential(1)}; at that size the forward pass overflows whatever the learning rate, ` +
      `so lowering it now cannot help. Press Reset to start again from fresh weights, then train with a lower learning rate (now ${learningRate}).`
  }
  if (location.pass === 'forward' && location.layer === 0) {
    return 'The first layer produced a non-finite value: check the input data for huge values, or standardize the inputs.'
  }
  if (location.quantity === 'loss') return 'The cost became non-finite: lower the learning rate or check the targets.'
  return `Values grew without bound (exploding updates). Lower the learning rate (now ${learningRate}), ` +
    'use an adaptive optimizer such as Adam, add L2 regularization, or reduce the depth.'
}
