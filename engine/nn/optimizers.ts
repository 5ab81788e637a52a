/**
 * Parameter updates from gradients g (per layer, for W and b alike):
 *   sgd        w −= lr·g
 *   momentum   v = μ·v − lr·g;  w += v            (μ 0.9)
 *   nesterov   v = μ·v − lr·g;  w += μ·v − lr·g   (the look-ahead form)
 *   rmsprop    s = ρ·s + (1−ρ)·g²;  w −= lr·g / (√s + ε)          (ρ 0.9, ε 1e-8)
 *   adam       m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·g²;
 *              w −= lr·m̂ / (√v̂ + ε), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t)   (β1 0.9, β2 0.999, ε 1e-8)
 * The learning rate and constants are read from the spec at every step, so they can change
 * between steps; the slots (v, s, m) are the saved optimizer state.
 */
import type { LayerWeights, OptimizerSpec, OptimizerState } from '../project/types'
import type { Network } from './network'
import { copyFloats, type Floats, type MatKernel } from '../math/kernel'
import { toRows } from '../math/rows'

export interface Gradients {
  dW: Floats[]
  db: Floats[]
}

/** One slot (for example Adam's m) for every parameter array: [W0, b0, W1, b1, ...]. */
type Slot = Float64Array[]

export class Optimizer {
  spec: OptimizerSpec
  /** Steps taken. */
  t: number
  private readonly slots: Record<string, Slot>
  /** ‖ΔW‖² per layer of the last step, for the update/weight ratio. */
  readonly updateNormSq: Float64Array
  /**
   * Σ‖Δ‖² + Σ w over every parameter after the last step: non-finite exactly when a gradient,
   * an update or a new weight was (the sentinel's check, at no extra pass).
   */
  private check = 0

  constructor(spec: OptimizerSpec, network: Network, state?: OptimizerState) {
    this.spec = spec
    this.t = 0
    this.updateNormSq = new Float64Array(network.layers.length)
    const arrays = network.layers.flatMap((l) => [l.W, l.b])
    this.slots = Object.fromEntries(slotNames(spec).map((name) => [name, arrays.map((a) => new Float64Array(a.length))]))
    if (state && state.name === spec.name) this.restore(state)
  }

  /**
   * One update of every parameter; a kernel with its own SGD pass does plain SGD. With `keep`
   * ([W0, b0, W1, b1, ...], the sentinel's backup), each array is saved there before its update
   * (by the SGD pass itself where the kernel has one: one pass over the parameters, not two).
   */
  step(network: Network, grads: Gradients, kernel?: MatKernel, keep?: Floats[]): void {
    this.t++
    this.check = 0
    network.layers.forEach((layer, l) => {
      this.updateNormSq[l] = this.update(layer.W, grads.dW[l], 2 * l, kernel, keep?.[2 * l])
      this.update(layer.b, grads.db[l], 2 * l + 1, kernel, keep?.[2 * l + 1])
    })
  }

  /** Whether the last step's gradients, updates and new parameters were all finite. */
  get finite(): boolean {
    return Number.isFinite(this.check)
  }

  /** Updates one parameter array in place; returns ‖Δ‖². */
  private update(w: Floats, g: Floats, slot: number, kernel?: MatKernel, keep?: Floats): number {
    const spec = this.spec
    const lr = spec.learningRate
    let normSq = 0
    let sum = 0
    const done = spec.name === 'sgd' ? kernel?.sgdStep?.(w, g, lr, keep) : null
    if (keep && !done) copyFloats(kernel, w, keep)
    switch (spec.name) {
      case 'sgd':
        if (done) {
          normSq = done.normSq
          sum = done.sum
          break
        }
        for (let p = 0; p < w.length; p++) {
          const delta = -lr * g[p]
          w[p] += delta
          normSq += delta * delta
          sum += w[p]
        }
        break
      case 'momentum': {
        const v = this.slots.velocity[slot]
        const mu = spec.momentum ?? 0.9
        for (let p = 0; p < w.length; p++) {
          v[p] = mu * v[p] - lr * g[p]
          const delta = spec.nesterov ? mu * v[p] - lr * g[p] : v[p]
          w[p] += delta
          normSq += delta * delta
          sum += w[p]
        }
        break
      }
      case 'rmsprop': {
        const s = this.slots.meanSquare[slot]
        const rho = spec.rho ?? 0.9
        const eps = spec.epsilon ?? 1e-8
        for (let p = 0; p < w.length; p++) {
          s[p] = rho * s[p] + (1 - rho) * g[p] * g[p]
          const delta = (-lr * g[p]) / (Math.sqrt(s[p]) + eps)
          w[p] += delta
          normSq += delta * delta
          sum += w[p]
        }
        break
      }
      case 'adam':
        normSq = this.adam(w, g, slot)
        break
    }
    this.check += normSq + sum
    return normSq
  }

  private adam(w: Floats, g: Floats, slot: number): number {
    const spec = this.spec as Extract<OptimizerSpec, { name: 'adam' }>
    const m = this.slots.m[slot]
    const v = this.slots.v[slot]
    const beta1 = spec.beta1 ?? 0.9
    const beta2 = spec.beta2 ?? 0.999
    const eps = spec.epsilon ?? 1e-8
    const correction1 = 1 - Math.pow(beta1, this.t)
    const correction2 = 1 - Math.pow(beta2, this.t)
    let normSq = 0
    let sum = 0
    for (let p = 0; p < w.length; p++) {
      m[p] = beta1 * m[p] + (1 - beta1) * g[p]
      v[p] = beta2 * v[p] + (1 - beta2) * g[p] * g[p]
      const delta = (-spec.learningRate * (m[p] / correction1)) / (Math.sqrt(v[p] / correction2) + eps)
      w[p] += delta
      normSq += delta * delta
      sum += w[p]
    }
    this.check += sum
    return normSq
  }

  /** The state in the project file layout. */
  getState(network: Network): OptimizerState {
    const slots: Record<string, LayerWeights[]> = {}
    for (const [name, arrays] of Object.entries(this.slots)) {
      slots[name] = network.layers.map((layer, l) => ({
        W: toRows(arrays[2 * l], layer.fanIn, layer.units),
        b: Array.from(arrays[2 * l + 1]),
      }))
    }
    return { name: this.spec.name, t: this.t, slots }
  }

  private restore(state: OptimizerState): void {
    this.t = state.t
    for (const [name, arrays] of Object.entries(this.slots)) {
      const saved = state.slots[name]
      if (!saved) continue
      saved.forEach((layer, l) => {
        layer.W.forEach((row, i) => arrays[2 * l].set(row, i * row.length))
        arrays[2 * l + 1].set(layer.b)
      })
    }
  }
}

export function slotNames(spec: OptimizerSpec): string[] {
  switch (spec.name) {
    case 'sgd':
      return []
    case 'momentum':
      return ['velocity']
    case 'rmsprop':
      return ['meanSquare']
    case 'adam':
      return ['m', 'v']
  }
}
