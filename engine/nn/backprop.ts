/**
 * Forward and backward passes, exactly as the tutorial writes them (see ARCHITECTURE.md):
 *
 *   forward, layer l     Z = H_prev·W + b,  H = R(Z)
 *   output layer error   E_o = (ŷ − y) ⊙ R'(Z_o)          (ŷ − y for the cross-entropy pairs)
 *   hidden layer error   E_h = (E_next·W_nextᵀ) ⊙ R'(Z_h)  computed once per layer and kept
 *   weight gradients     dC/dW = H_prevᵀ·E / n,  dC/db = mean(E)
 */
import { activate, fusesRelu, multiplyByDerivative } from './activations'
import { outputError, sumCost } from './losses'
import { jsElementwise } from '../math/elementwise'
import type { Floats, MatKernel } from '../math/kernel'
import type { Network } from './network'
import type { Workspace } from './workspace'

/** Runs the workspace's `rows` rows of X through the network, filling Z and H per layer. */
export function forward(network: Network, ws: Workspace, kernel: MatKernel): void {
  const rows = ws.rows
  const ew = kernel.elementwise ?? jsElementwise
  network.layers.forEach((layer, l) => {
    const { Z, H } = ws.layers[l]
    const relu = fusesRelu(layer.activation)
    // Z = H_prev·W + b, and H = R(Z) in the same call where the kernel fuses them (relu).
    if (kernel.fused?.linear(ws.inputOf(l), layer.W, layer.b, Z, relu ? H : null, rows, layer.fanIn, layer.units)) {
      if (!relu) activate(layer.activation, Z, H, rows * layer.units, layer.units, layer.alpha, ew)
      return
    }
    kernel.matmulNN(ws.inputOf(l), layer.W, Z, rows, layer.fanIn, layer.units)
    ew.addBias(Z, layer.b, rows, layer.units)
    // H = R(Z)
    activate(layer.activation, Z, H, rows * layer.units, layer.units, layer.alpha, ew)
  })
}

/** Σ over the pass's rows of the data cost (no regularization), after `forward`. */
export function passCostSum(network: Network, ws: Workspace): number {
  const out = ws.layers[network.layers.length - 1]
  return sumCost(network.loss, out.Z, out.H, ws.Y, ws.rows, network.outputs)
}

/**
 * Fills E per layer (one backward sweep: each E_h reuses the E of the layer above) and
 * dW = gradScale·H_prevᵀ·E, db = gradScale·ΣE. gradScale is 1/rows for a batch mean.
 */
export function backward(network: Network, ws: Workspace, kernel: MatKernel, gradScale: number): void {
  const rows = ws.rows
  const ew = kernel.elementwise ?? jsElementwise
  const last = network.layers.length - 1
  const out = network.layers[last]
  const outBuffers = ws.layers[last]
  // E_o = (ŷ − y) ⊙ R'(Z_o)
  outputError(network.loss, out.activation, outBuffers.Z, outBuffers.H, ws.Y, outBuffers.E, rows * out.units, out.alpha)

  for (let l = last; l >= 0; l--) {
    const layer = network.layers[l]
    const { E, dW, db } = ws.layers[l]
    // dC/dW = H_prevᵀ·E / n,  dC/db = mean(E)
    if (!kernel.fused?.gradients(ws.inputOf(l), E, dW, db, rows, layer.fanIn, layer.units, gradScale)) {
      kernel.matmulTN(ws.inputOf(l), E, dW, rows, layer.fanIn, layer.units, gradScale)
      ew.columnSums(E, db, rows, layer.units, gradScale)
    }
    if (l === 0) continue
    // E_h = (E_next·W_nextᵀ) ⊙ R'(Z_h), for the layer below (h = l − 1, next = l).
    const below = ws.layers[l - 1]
    const h = network.layers[l - 1]
    // The product dC/dH_h = E_next·W_nextᵀ goes into the buffer E_h will hold (no extra memory);
    // until ⊙ R'(Z_h) below, that buffer holds dC/dH, not an error.
    const dCdH = below.E
    if (fusesRelu(h.activation) && kernel.fused?.reluError(E, layer.W, dCdH, below.Z, rows, layer.units, layer.fanIn)) continue
    kernel.matmulNT(E, layer.W, dCdH, rows, layer.units, layer.fanIn)
    multiplyByDerivative(h.activation, below.Z, below.H, dCdH, rows * h.units, h.alpha, ew)
  }
}

/**
 * The same sweep one layer further, after `backward`: dC/dX = E_1·W_1ᵀ (rows × inputs), the
 * gradient of each sample's cost with respect to the inputs the network sees. `dX` must be a
 * buffer of the kernel (kernel.alloc).
 */
export function inputGradient(network: Network, ws: Workspace, kernel: MatKernel, dX: Floats): void {
  const first = network.layers[0]
  kernel.matmulNT(ws.layers[0].E, first.W, dX, ws.rows, first.units, first.fanIn)
}
