/**
 * A float64 reference for the tests, independent of the engine: a scalar reverse-mode autodiff
 * in the manner of micrograd (each operation states its local derivative beside its forward
 * value). It shares no code with engine/nn: activations, losses and penalties are written here
 * again, naively, from their textbook definitions.
 */
export class Scalar {
  grad = 0

  constructor(
    readonly value: number,
    private readonly parents: readonly Scalar[] = [],
    /** ∂this/∂parent, one per parent. */
    private readonly local: readonly number[] = [],
  ) {}

  add(other: Scalar | number): Scalar {
    const o = lift(other)
    return new Scalar(this.value + o.value, [this, o], [1, 1])
  }
  sub(other: Scalar | number): Scalar {
    const o = lift(other)
    return new Scalar(this.value - o.value, [this, o], [1, -1])
  }
  mul(other: Scalar | number): Scalar {
    const o = lift(other)
    return new Scalar(this.value * o.value, [this, o], [o.value, this.value])
  }
  div(other: Scalar | number): Scalar {
    const o = lift(other)
    return new Scalar(this.value / o.value, [this, o], [1 / o.value, -this.value / (o.value * o.value)])
  }
  exp(): Scalar {
    const e = Math.exp(this.value)
    return new Scalar(e, [this], [e])
  }
  log(): Scalar {
    return new Scalar(Math.log(this.value), [this], [1 / this.value])
  }
  tanh(): Scalar {
    const t = Math.tanh(this.value)
    return new Scalar(t, [this], [1 - t * t])
  }
  sigmoid(): Scalar {
    const s = 1 / (1 + Math.exp(-this.value))
    return new Scalar(s, [this], [s * (1 - s)])
  }
  sin(): Scalar {
    return new Scalar(Math.sin(this.value), [this], [Math.cos(this.value)])
  }
  relu(): Scalar {
    return new Scalar(this.value > 0 ? this.value : 0, [this], [this.value > 0 ? 1 : 0])
  }
  leakyRelu(alpha: number): Scalar {
    return new Scalar(this.value > 0 ? this.value : alpha * this.value, [this], [this.value > 0 ? 1 : alpha])
  }
  abs(): Scalar {
    return new Scalar(Math.abs(this.value), [this], [Math.sign(this.value)])
  }
  square(): Scalar {
    return this.mul(this)
  }

  /** Fills `grad` of every scalar this one depends on with ∂this/∂it. */
  backward(): void {
    const order: Scalar[] = []
    const seen = new Set<Scalar>()
    const visit = (node: Scalar): void => {
      if (seen.has(node)) return
      seen.add(node)
      node.parents.forEach(visit)
      order.push(node)
    }
    visit(this)
    this.grad = 1
    for (let n = order.length - 1; n >= 0; n--) {
      const node = order[n]
      node.parents.forEach((parent, i) => (parent.grad += node.local[i] * node.grad))
    }
  }
}

const lift = (x: Scalar | number): Scalar => (x instanceof Scalar ? x : new Scalar(x))

export const sum = (terms: Scalar[]): Scalar => terms.reduce((a, b) => a.add(b), new Scalar(0))
