/**
 * Activations R and their derivatives R': one entry per activation in ACTIVATIONS, its value and
 * its derivative side by side (as micrograd's ops and TensorFlow Playground's `Activations` put
 * them), each with the same rule as one tight loop over a whole buffer (a loop per entry keeps
 * V8's code monomorphic: no call per element). An entry whose passes the matrix kernel also has
 * (relu: SIMD in WebAssembly) says so in `kernelPasses`, and the fast paths use the kernel's.
 */
import { jsElementwise, type Elementwise } from '../math/elementwise'
import type { Floats } from '../math/kernel'
export const ACTIVATION_NAMES = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'sine', 'softmax'] as const
export type ActivationName = (typeof ACTIVATION_NAMES)[number]

export const DEFAULT_LEAKY_ALPHA = 0.01

/** Numerically stable logistic: never exponentiates a large positive number. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}

/**
 * tanh through expm1: about a fifth faster than Math.tanh in V8, within 1 ulp of it, and exact
 * at the ends (expm1 overflows to ∞ for z > 354, giving 1).
 */
export function tanh(z: number): number {
  // Odd: tanh(z) = −tanh(−z), written out rather than recursive, so V8 inlines it into the
  // buffer loops (a recursive call was not inlined and boxed every result: ~15 MB of garbage a run).
  const a = z < 0 ? -z : z
  const e = Math.expm1(2 * a)
  const t = e === Number.POSITIVE_INFINITY ? 1 : e / (e + 2)
  return z < 0 ? -t : t
}

export interface Activation {
  /** h = R(z); `alpha` is leaky-relu's slope. (softmax: not elementwise, see `forward`.) */
  value(z: number, alpha: number): number
  /** R'(z), given h = R(z) (sigmoid and tanh read it from h). */
  derivative(z: number, h: number, alpha: number): number
  /** H = R(Z) over `length` values; softmax works per row of `width` values. */
  forward(Z: Floats, H: Floats, length: number, width: number, alpha: number): void
  /** E ⊙= R'(Z): turns dC/dH into dC/dZ = E. */
  backward(Z: Floats, H: Floats, E: Floats, length: number, alpha: number): void
  /** The kernel's own passes for this activation, used instead of forward/backward when present. */
  kernelPasses?: { forward: 'relu'; backward: 'reluMask' }
}

/** p = exp(z − max z) / Σ exp(z − max z): the shift keeps every exponent ≤ 0. */
function softmaxRow(Z: Floats, H: Floats, start: number, width: number): void {
  let max = -Infinity
  for (let j = 0; j < width; j++) max = Math.max(max, Z[start + j])
  let sum = 0
  for (let j = 0; j < width; j++) {
    const e = Math.exp(Z[start + j] - max)
    H[start + j] = e
    sum += e
  }
  for (let j = 0; j < width; j++) H[start + j] /= sum
}

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  linear: {
    value: (z) => z,
    derivative: () => 1,
    forward(Z, H, n) {
      for (let i = 0; i < n; i++) H[i] = Z[i]
    },
    backward() {},
  },
  sigmoid: {
    value: sigmoid,
    derivative: (_z, h) => h * (1 - h),
    forward(Z, H, n) {
      for (let i = 0; i < n; i++) H[i] = sigmoid(Z[i])
    },
    backward(_Z, H, E, n) {
      for (let i = 0; i < n; i++) E[i] *= H[i] * (1 - H[i])
    },
  },
  tanh: {
    value: tanh,
    derivative: (_z, h) => 1 - h * h,
    forward(Z, H, n) {
      for (let i = 0; i < n; i++) H[i] = tanh(Z[i])
    },
    backward(_Z, H, E, n) {
      for (let i = 0; i < n; i++) E[i] *= 1 - H[i] * H[i]
    },
  },
  relu: {
    value: (z) => (z > 0 ? z : 0),
    // relu'(0) = 0 by the project's convention (as the kernels' reluMask).
    derivative: (z) => (z > 0 ? 1 : 0),
    // The loops are the kernel interface's own (math/elementwise.ts), written once there.
    forward: (Z, H, n) => jsElementwise.relu(Z, H, n),
    backward: (Z, _H, E, n) => jsElementwise.reluMask(Z, E, n),
    kernelPasses: { forward: 'relu', backward: 'reluMask' },
  },
  'leaky-relu': {
    value: (z, alpha) => (z > 0 ? z : alpha * z),
    derivative: (z, _h, alpha) => (z > 0 ? 1 : alpha),
    forward(Z, H, n, _width, alpha) {
      for (let i = 0; i < n; i++) H[i] = Z[i] > 0 ? Z[i] : alpha * Z[i]
    },
    backward(Z, _H, E, n, alpha) {
      for (let i = 0; i < n; i++) if (!(Z[i] > 0)) E[i] *= alpha
    },
  },
  sine: {
    value: Math.sin,
    derivative: (z) => Math.cos(z),
    forward(Z, H, n) {
      for (let i = 0; i < n; i++) H[i] = Math.sin(Z[i])
    },
    backward(Z, _H, E, n) {
      for (let i = 0; i < n; i++) E[i] *= Math.cos(Z[i])
    },
  },
  softmax: {
    value() {
      throw new Error('softmax is not elementwise: it needs its whole row (forward)')
    },
    // The diagonal ∂p_j/∂z_j = p_j(1 − p_j), shown in statistics only: softmax is always paired
    // with cross-entropy, where R' cancels (E_o = p − y).
    derivative: (_z, h) => h * (1 - h),
    forward(Z, H, length, width) {
      for (let row = 0; row < length; row += width) softmaxRow(Z, H, row, width)
    },
    backward() {
      throw new Error('softmax has no elementwise derivative: pair it with softmax-cross-entropy')
    },
  },
}

/** H = R(Z) for `length` values, through the kernel's pass where it has one. */
export function activate(name: ActivationName, Z: Floats, H: Floats, length: number, width: number, alpha: number, kernel?: Elementwise): void {
  const entry = ACTIVATIONS[name]
  if (kernel && entry.kernelPasses) kernel[entry.kernelPasses.forward](Z, H, length)
  else entry.forward(Z, H, length, width, alpha)
}

/** Whether an activation's passes are relu's, which the kernels' fused products do (math/fused.ts). */
export function fusesRelu(name: ActivationName): boolean {
  return ACTIVATIONS[name].kernelPasses?.forward === 'relu'
}

/** R'(z) for one value, given h = R(z). */
export function derivativeAt(name: ActivationName, z: number, h: number, alpha: number): number {
  return ACTIVATIONS[name].derivative(z, h, alpha)
}

/** E ⊙= R'(Z): turns dC/dH into dC/dZ, through the kernel's pass where it has one. */
export function multiplyByDerivative(name: ActivationName, Z: Floats, H: Floats, E: Floats, length: number, alpha: number, kernel?: Elementwise): void {
  const entry = ACTIVATIONS[name]
  if (kernel && entry.kernelPasses) kernel[entry.kernelPasses.backward](Z, E, length)
  else entry.backward(Z, H, E, length, alpha)
}
