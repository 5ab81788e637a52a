import { describe, expect, it } from 'vitest'
import { ACTIVATION_NAMES, elementwiseActivation, sigmoid } from './activations'

const H = 1e-6
const elementwise = ACTIVATION_NAMES.filter((n) => n !== 'softmax')

describe('elementwise activations', () => {
  it.each(elementwise)('%s: R\' matches a central difference of R', (name) => {
    const r = elementwiseActivation(name)
    for (const z of [-2.5, -0.7, 0.3, 1.9]) {
      const numeric = (r.value(z + H) - r.value(z - H)) / (2 * H)
      expect(r.derivative(z, r.value(z))).toBeCloseTo(numeric, 7)
    }
  })

  it('relu has derivative 0 at 0 and leaky-relu uses its slope', () => {
    expect(elementwiseActivation('relu').derivative(0, 0)).toBe(0)
    expect(elementwiseActivation('leaky-relu', 0.2).value(-2)).toBeCloseTo(-0.4, 15)
  })

  it('sigmoid stays finite and exact at extremes', () => {
    expect(sigmoid(-800)).toBe(0)
    expect(sigmoid(800)).toBe(1)
    expect(sigmoid(0)).toBe(0.5)
  })
})
