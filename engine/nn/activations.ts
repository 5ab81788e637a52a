/**
 * Activation functions R and their derivatives R', applied elementwise to a layer's Z.
 * Each entry states its local derivative beside its forward computation.
 */
export const ACTIVATION_NAMES = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'sine', 'softmax'] as const
export type ActivationName = (typeof ACTIVATION_NAMES)[number]

export interface ElementwiseActivation {
  /** H = R(Z) */
  value(z: number): number
  /** R'(Z), written in terms of z and the already computed h = R(z) to avoid recomputing it. */
  derivative(z: number, h: number): number
}

export const DEFAULT_LEAKY_ALPHA = 0.01

export function elementwiseActivation(name: Exclude<ActivationName, 'softmax'>, alpha = DEFAULT_LEAKY_ALPHA): ElementwiseActivation {
  switch (name) {
    case 'linear':
      return { value: (z) => z, derivative: () => 1 }
    case 'sigmoid':
      return { value: sigmoid, derivative: (_z, h) => h * (1 - h) }
    case 'tanh':
      return { value: Math.tanh, derivative: (_z, h) => 1 - h * h }
    case 'relu':
      // relu'(0) = 0 by definition (the project's fixed convention).
      return { value: (z) => (z > 0 ? z : 0), derivative: (z) => (z > 0 ? 1 : 0) }
    case 'leaky-relu':
      return { value: (z) => (z > 0 ? z : alpha * z), derivative: (z) => (z > 0 ? 1 : alpha) }
    case 'sine':
      return { value: Math.sin, derivative: (z) => Math.cos(z) }
  }
}

/** Numerically stable logistic: never exponentiates a large positive number. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}
