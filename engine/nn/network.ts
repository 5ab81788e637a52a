/**
 * A multilayer perceptron's parameters: per layer W (fanIn × units, row-major, as in Z = H_prev·W)
 * and b (units). Layer 0 is the first hidden layer; the last layer is the output layer.
 */
import { DEFAULT_LEAKY_ALPHA, type ActivationName } from './activations'
import type { LayerWeights, LossName, NetworkSpec } from '../project/types'
import type { Floats, MatKernel, Reservation } from '../math/kernel'
import { toRows } from '../math/rows'

export interface Layer {
  readonly fanIn: number
  readonly units: number
  readonly activation: ActivationName
  /** leaky-relu slope for z < 0. */
  readonly alpha: number
  readonly W: Floats
  readonly b: Floats
}

export class Network {
  readonly inputs: number
  readonly layers: Layer[]
  readonly loss: LossName
  readonly spec: NetworkSpec
  /** Every W and b, in one block of the kernel's memory, held until release(). */
  private readonly buffers: Reservation

  constructor(spec: NetworkSpec, kernel: MatKernel) {
    this.spec = spec
    this.inputs = spec.inputs
    this.loss = spec.loss
    const fanIns = spec.layers.map((_, l) => (l === 0 ? spec.inputs : spec.layers[l - 1].units))
    this.buffers = kernel.reserve(spec.layers.flatMap((layer, l) => [fanIns[l] * layer.units, layer.units]))
    const views = this.buffers.views
    this.layers = spec.layers.map((layer, l) => ({
      fanIn: fanIns[l],
      units: layer.units,
      activation: layer.activation,
      alpha: layer.alpha ?? DEFAULT_LEAKY_ALPHA,
      W: views[2 * l],
      b: views[2 * l + 1],
    }))
  }

  /** Returns the parameters' memory to the kernel: the network must not be used afterwards. */
  release(): void {
    this.buffers.release()
  }

  get outputLayer(): Layer {
    return this.layers[this.layers.length - 1]
  }

  get outputs(): number {
    return this.outputLayer.units
  }

  get parameterCount(): number {
    return this.layers.reduce((sum, l) => sum + l.W.length + l.b.length, 0)
  }

  /** Copies weights in from the project file layout (W[i][j] from input i to unit j). */
  setWeights(weights: LayerWeights[]): void {
    this.layers.forEach((layer, l) => {
      const { W, b } = weights[l]
      for (let i = 0; i < layer.fanIn; i++) for (let j = 0; j < layer.units; j++) layer.W[i * layer.units + j] = W[i][j]
      layer.b.set(b)
    })
  }

  /** The weights in the project file layout. */
  getWeights(): LayerWeights[] {
    return this.layers.map((layer) => ({
      W: toRows(layer.W, layer.fanIn, layer.units),
      b: Array.from(layer.b),
    }))
  }

  /** Copies every parameter from another network of the same shape. */
  copyFrom(other: Network): void {
    this.layers.forEach((layer, l) => {
      layer.W.set(other.layers[l].W)
      layer.b.set(other.layers[l].b)
    })
  }
}
