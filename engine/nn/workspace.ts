/**
 * The buffers of one forward/backward pass over up to `capacity` rows. Per layer it keeps Z, H and
 * the layer error E of the last pass (the memoized values the inspector shows), and the gradients
 * dW and db. Training and evaluation use separate workspaces so an evaluation never overwrites
 * the last batch's values.
 */
import type { Floats, MatKernel, Reservation } from '../math/kernel'
import type { Network } from './network'

/** Row width from which `gather` copies a row with one typed-array `set` instead of a loop. */
const WIDE_ROW = 32

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

/**
 * The data set's X as `gather` reads it best: for a float32 kernel and wide rows, a float32 copy,
 * so each row is a plain copy instead of a conversion per value (a batch of 64 MNIST rows: 40 µs
 * → 9 µs). The same values either way: the copy rounds each value as an assignment would.
 */
export function gatherSource(X: Float64Array, d: number, kernel: MatKernel): Floats {
  return kernel.precision === 'float32' && d >= WIDE_ROW ? Float32Array.from(X) : X
}

export class Workspace {
  readonly capacity: number
  /** capacity × inputs: the rows fed forward (H_0). */
  readonly X: Floats
  /** capacity × outputs: their targets. */
  readonly Y: Floats
  readonly layers: LayerBuffers[]
  /** Rows held by the last pass. */
  rows = 0
  private readonly grads: { dW: Floats[]; db: Floats[] }
  /** All the buffers above, in one block of the kernel's memory, held until release(). */
  private readonly buffers: Reservation

  constructor(network: Network, capacity: number, kernel: MatKernel) {
    this.capacity = capacity
    const perLayer = network.layers.map((layer) => [capacity * layer.units, capacity * layer.units, capacity * layer.units, layer.fanIn * layer.units, layer.units])
    this.buffers = kernel.reserve([capacity * network.inputs, capacity * network.outputs, ...perLayer.flat()])
    const views = this.buffers.views
    this.X = views[0]
    this.Y = views[1]
    this.layers = network.layers.map((_, l) => {
      const [Z, H, E, dW, db] = views.slice(2 + 5 * l, 7 + 5 * l)
      return { Z, H, E, dW, db }
    })
    this.grads = { dW: this.layers.map((b) => b.dW), db: this.layers.map((b) => b.db) }
  }

  /** dW and db of every layer, as the optimizer takes them. */
  gradients(): { dW: Floats[]; db: Floats[] } {
    return this.grads
  }

  /** Returns the buffers' memory to the kernel: the workspace must not be used afterwards. */
  release(): void {
    this.buffers.release()
  }

  /** The input of layer l: X for the first layer, otherwise the previous layer's H. */
  inputOf(l: number): Floats {
    return l === 0 ? this.X : this.layers[l - 1].H
  }

  /** Copies rows `indices[from..from+count)` of a data set into X and Y. */
  gather(X: Floats, Y: Float64Array, d: number, k: number, indices: Uint32Array, from: number, count: number): void {
    const { X: toX, Y: toY } = this
    // Narrow rows: plain loops (a subarray view per row would cost more than the copy). Wide rows
    // (MNIST's 784 values): the engine's own copy, 2.5–4× faster than the loop, converting to float32 as it goes.
    const wide = d >= WIDE_ROW
    for (let r = 0; r < count; r++) {
      const row = indices[from + r]
      if (wide) toX.set(X.subarray(row * d, row * d + d), r * d)
      else for (let c = 0, s = row * d, t = r * d; c < d; c++) toX[t + c] = X[s + c]
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
