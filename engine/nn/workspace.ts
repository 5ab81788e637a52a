/**
 * The buffers of one forward/backward pass over up to `capacity` rows. Per layer it keeps Z, H and
 * the layer error E of the last pass (the memoized values the inspector shows), and the gradients
 * dW and db. Training and evaluation use separate workspaces so an evaluation never overwrites
 * the last batch's values.
 */
import type { Floats, MatKernel, ViewHolder } from '../math/kernel'
import type { Network } from './network'

export interface LayerBuffers {
  /** rows × units: H_prev·W + b */
  Z: Floats
  /** rows × units: R(Z) */
  H: Floats
  /** rows × units: dC_sample/dZ, the layer error */
  E: Floats
  /** fanIn × units */
  dW: Floats
  /** units */
  db: Floats
}

export class Workspace implements ViewHolder {
  readonly capacity: number
  /** capacity × inputs: the rows fed forward (H_0). Views are replaced only when a WebAssembly memory grows. */
  X: Floats
  /** capacity × outputs: their targets. */
  Y: Floats
  readonly layers: LayerBuffers[]
  /** Rows held by the last pass. */
  rows = 0
  private grads: { dW: Floats[]; db: Floats[] } | null = null

  constructor(network: Network, capacity: number, kernel: MatKernel) {
    this.capacity = capacity
    this.X = kernel.alloc(capacity * network.inputs)
    this.Y = kernel.alloc(capacity * network.outputs)
    this.layers = network.layers.map((layer) => ({
      Z: kernel.alloc(capacity * layer.units),
      H: kernel.alloc(capacity * layer.units),
      E: kernel.alloc(capacity * layer.units),
      dW: kernel.alloc(layer.fanIn * layer.units),
      db: kernel.alloc(layer.units),
    }))
    kernel.track?.(this)
  }

  /** dW and db of every layer, as the optimizer takes them (one object, rebuilt only when views change). */
  gradients(): { dW: Floats[]; db: Floats[] } {
    this.grads ??= { dW: this.layers.map((b) => b.dW), db: this.layers.map((b) => b.db) }
    return this.grads
  }

  refreshViews(refresh: (view: Floats) => Floats): void {
    this.grads = null
    this.X = refresh(this.X)
    this.Y = refresh(this.Y)
    for (const buffers of this.layers) {
      buffers.Z = refresh(buffers.Z)
      buffers.H = refresh(buffers.H)
      buffers.E = refresh(buffers.E)
      buffers.dW = refresh(buffers.dW)
      buffers.db = refresh(buffers.db)
    }
  }

  /** The input of layer l: X for the first layer, otherwise the previous layer's H. */
  inputOf(l: number): Floats {
    return l === 0 ? this.X : this.layers[l - 1].H
  }

  /** Copies rows `indices[from..from+count)` of a data set into X and Y. */
  gather(X: Float64Array, Y: Float64Array, d: number, k: number, indices: Uint32Array, from: number, count: number): void {
    const { X: toX, Y: toY } = this
    // Plain loops: per-row subarray views would allocate two objects a row, every step.
    for (let r = 0; r < count; r++) {
      const row = indices[from + r]
      for (let c = 0, s = row * d, t = r * d; c < d; c++) toX[t + c] = X[s + c]
      for (let c = 0, s = row * k, t = r * k; c < k; c++) toY[t + c] = Y[s + c]
    }
    this.rows = count
  }

  /** Copies the contiguous rows [from, from+count) of a data set into X and Y. */
  load(X: Float64Array, Y: Float64Array, d: number, k: number, from: number, count: number): void {
    this.X.set(X.subarray(from * d, (from + count) * d))
    this.Y.set(Y.subarray(from * k, (from + count) * k))
    this.rows = count
  }
}
