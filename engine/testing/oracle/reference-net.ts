/**
 * The reference network and training step built on Scalar: forward, cost (mean data cost plus
 * the weight penalty) and gradients by autodiff, and the optimizers written from their
 * formulas in docs/engine.md. Plain numbers in, plain numbers out.
 */
import { Scalar, sum } from './scalar'

export type Activation = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'sine' | 'softmax'
export type Loss = 'mse' | 'binary-cross-entropy' | 'softmax-cross-entropy'
export interface RefLayer {
  /** W[i][j]: input i to unit j. */
  W: number[][]
  b: number[]
  activation: Activation
  alpha: number
}
export interface RefOptimizer {
  name: 'sgd' | 'momentum' | 'rmsprop' | 'adam'
  learningRate: number
  momentum?: number
  nesterov?: boolean
  rho?: number
  beta1?: number
  beta2?: number
  epsilon?: number
}
export interface RefPenalty {
  kind: 'none' | 'l1' | 'l2'
  rate: number
}

function activate(z: Scalar[], activation: Activation, alpha: number): Scalar[] {
  if (activation === 'softmax') {
    const e = z.map((v) => v.exp())
    const total = sum(e)
    return e.map((v) => v.div(total))
  }
  return z.map((v) => {
    if (activation === 'sigmoid') return v.sigmoid()
    if (activation === 'tanh') return v.tanh()
    if (activation === 'relu') return v.relu()
    if (activation === 'leaky-relu') return v.leakyRelu(alpha)
    if (activation === 'sine') return v.sin()
    return v
  })
}

function sampleCost(out: Scalar[], y: number[], loss: Loss): Scalar {
  if (loss === 'mse') return sum(out.map((h, j) => h.sub(y[j]).square())).mul(0.5)
  if (loss === 'binary-cross-entropy') return sum(out.map((h, j) => h.log().mul(y[j]).add(new Scalar(1).sub(h).log().mul(1 - y[j])))).mul(-1)
  return sum(out.map((p, j) => p.log().mul(y[j]))).mul(-1)
}

/** The batch cost C and its gradient for every W and b, by autodiff. */
export function costAndGradients(layers: RefLayer[], loss: Loss, penalty: RefPenalty, X: number[][], Y: number[][]) {
  const W = layers.map((l) => l.W.map((row) => row.map((w) => new Scalar(w))))
  const b = layers.map((l) => l.b.map((v) => new Scalar(v)))
  const costs = X.map((x, r) => {
    let h = x.map((v) => new Scalar(v))
    layers.forEach((layer, l) => {
      const z = layer.b.map((_, j) => sum(h.map((hi, i) => hi.mul(W[l][i][j]))).add(b[l][j]))
      h = activate(z, layer.activation, layer.alpha)
    })
    return sampleCost(h, Y[r], loss)
  })
  let cost = sum(costs).div(X.length)
  const weights = W.flat(2)
  if (penalty.kind === 'l2') cost = cost.add(sum(weights.map((w) => w.square())).mul(penalty.rate / 2))
  if (penalty.kind === 'l1') cost = cost.add(sum(weights.map((w) => w.abs())).mul(penalty.rate))
  cost.backward()
  return { cost: cost.value, dW: W.map((m) => m.map((row) => row.map((w) => w.grad))), db: b.map((v) => v.map((s) => s.grad)) }
}

/** An optimizer over flat parameter lists (one slot set per list), from the documented formulas. */
export class RefOptimizerState {
  private t = 0
  private readonly slots = new Map<string, number[]>()

  constructor(private readonly spec: RefOptimizer) {}

  private slot(name: string, size: number): number[] {
    const key = name
    if (!this.slots.has(key)) this.slots.set(key, new Array<number>(size).fill(0))
    return this.slots.get(key)!
  }

  /** Starts a step (Adam's t counts steps, not arrays). */
  begin(): void {
    this.t++
  }

  /** Updates `w` in place from `g`; `id` names the array's slots. */
  update(id: string, w: number[], g: number[]): void {
    const { name, learningRate: lr } = this.spec
    w.forEach((_, p) => {
      if (name === 'sgd') w[p] -= lr * g[p]
      else if (name === 'momentum') {
        const mu = this.spec.momentum ?? 0.9
        const v = this.slot(`${id}/v`, w.length)
        v[p] = mu * v[p] - lr * g[p]
        w[p] += this.spec.nesterov ? mu * v[p] - lr * g[p] : v[p]
      } else if (name === 'rmsprop') {
        const rho = this.spec.rho ?? 0.9
        const s = this.slot(`${id}/s`, w.length)
        s[p] = rho * s[p] + (1 - rho) * g[p] * g[p]
        w[p] -= (lr * g[p]) / (Math.sqrt(s[p]) + (this.spec.epsilon ?? 1e-8))
      } else {
        const [beta1, beta2] = [this.spec.beta1 ?? 0.9, this.spec.beta2 ?? 0.999]
        const m = this.slot(`${id}/m`, w.length)
        const v = this.slot(`${id}/v`, w.length)
        m[p] = beta1 * m[p] + (1 - beta1) * g[p]
        v[p] = beta2 * v[p] + (1 - beta2) * g[p] * g[p]
        const mHat = m[p] / (1 - beta1 ** this.t)
        const vHat = v[p] / (1 - beta2 ** this.t)
        w[p] -= (lr * mHat) / (Math.sqrt(vHat) + (this.spec.epsilon ?? 1e-8))
      }
    })
  }
}
