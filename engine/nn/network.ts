/**
 * A multilayer perceptron's parameters: per layer W (fanIn × units, row-major, as in Z = H_prev·W)
 * and b (units). Layer 0 is the first hidden layer; the last layer is the output layer.
 */
import { DEFAULT_LEAKY_ALPHA, type ActivationName } from './activations'
import type { LayerWeights, LossName, NetworkSpec } from '../project/types'
import type { Floats, MatKernel, ViewHolder } from '../math/kernel'
import { toRows } from '../math/rows'

export interface Layer {
  readonly fanIn: number
  readonly units: number
  readonly activation: ActivationName
  /** leaky-relu slope for z < 0. */
  readonly alpha: number
  /** Replaced (same values) only when a WebAssembly kernel's memory grows. */
  W: Floats
  b: Floats
}

export class Network implements ViewHolder {
  readonly inputs: number
  readonly layers: Layer[]
  readonly loss: LossName
  readonly spec: NetworkSpec

  constructor(spec: NetworkSpec, kernel: MatKernel) {
    this.spec = spec
    this.inputs = spec.inputs
    this.loss = spec.loss
    let fanIn = spec.inputs
    this.layers = spec.layers.map((layer) => {
      const built: Layer = {
        fanIn,
        units: layer.units,
        activation: layer.activation,
        alpha: layer.alpha ?? DEFAULT_LEAKY_ALPHA,
        W: kernel.alloc(fanIn * layer.units),
        b: kernel.alloc(layer.units),
      }
      fanIn = layer.units
      return built
    })
    kernel.track?.(this)
  }

  refreshViews(refresh: (view: Floats) => Floats): void {
    for (const layer of this.layers) {
      layer.W = refresh(layer.W)
      layer.b = refresh(layer.b)
    }
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
