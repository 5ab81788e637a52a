import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ACTIVATION_NAMES, activate, derivativeAt, multiplyByDerivative, sigmoid } from './activations'

const STEP = 1e-6
const elementwise = ACTIVATION_NAMES.filter((n) => n !== 'softmax')
const one = (name: (typeof ACTIVATION_NAMES)[number], z: number, alpha = 0.01): number => {
  const H = new Float64Array(1)
  activate(name, Float64Array.of(z), H, 1, 1, alpha)
  return H[0]
}

describe('activations', () => {
  it.each(elementwise)("%s: R' matches a central difference of R, pointwise and over buffers", (name) => {
    const zs = Float64Array.of(-2.5, -0.7, 0.3, 1.9)
    const H = new Float64Array(4)
    activate(name, zs, H, 4, 1, 0.01)
    const E = new Float64Array(4).fill(1)
    multiplyByDerivative(name, zs, H, E, 4, 0.01)
    zs.forEach((z, i) => {
      const numeric = (one(name, z + STEP) - one(name, z - STEP)) / (2 * STEP)
      expect(derivativeAt(name, z, H[i], 0.01)).toBeCloseTo(numeric, 7)
      expect(E[i]).toBeCloseTo(numeric, 7)
    })
  })

  it('relu has derivative 0 at 0 and leaky-relu uses its slope', () => {
    expect(derivativeAt('relu', 0, 0, 0.01)).toBe(0)
    expect(one('leaky-relu', -2, 0.2)).toBeCloseTo(-0.4, 15)
  })

  it('sigmoid stays finite and exact at extremes', () => {
    expect(sigmoid(-800)).toBe(0)
    expect(sigmoid(800)).toBe(1)
    expect(sigmoid(0)).toBe(0.5)
  })

  it('softmax rows sum to one and survive huge logits', () => {
    const Z = Float64Array.of(1000, 1001, 1002, -5, 0, 5)
    const H = new Float64Array(6)
    activate('softmax', Z, H, 6, 3, 0)
    expect(H[0] + H[1] + H[2]).toBeCloseTo(1, 14)
    expect(H[3] + H[4] + H[5]).toBeCloseTo(1, 14)
    expect(H[2]).toBeCloseTo(Math.exp(2) / (1 + Math.exp(1) + Math.exp(2)), 14)
  })
})

describe('tanh', () => {
  it('agrees with Math.tanh to the last bits and saturates exactly', async () => {
    const { tanh } = await import('./activations')
    for (let z = -30; z <= 30; z += 0.0137) expect(Math.abs(tanh(z) - Math.tanh(z))).toBeLessThanOrEqual(2 * Number.EPSILON * Math.max(1e-300, Math.abs(Math.tanh(z))) + Number.MIN_VALUE)
    expect(tanh(800)).toBe(1)
    expect(tanh(-800)).toBe(-1)
    expect(tanh(0)).toBe(0)
  })

  it('is exactly odd: tanh(−z) is −tanh(z) to the bit, −0 and NaN included', async () => {
    const { tanh } = await import('./activations')
    fc.assert(fc.property(fc.double(), (z) => Object.is(tanh(-z), -tanh(z)) || (Number.isNaN(z) && Number.isNaN(tanh(z)))), { numRuns: 5000 })
    expect(Object.is(tanh(-0), -0)).toBe(true)
  })
})

describe('the activation table', () => {
  const zs = Float64Array.from({ length: 64 }, (_, i) => (i - 32) * 0.37 + (i % 3) * 1e-3)
  it.each(elementwise)('%s: the buffer passes apply exactly the entry’s value and derivative', async (name) => {
    const { ACTIVATIONS } = await import('./activations')
    const entry = ACTIVATIONS[name]
    const H = new Float64Array(zs.length)
    entry.forward(zs, H, zs.length, 1, 0.2)
    const E = Float64Array.from(zs, (_, i) => 1 + i / 10)
    entry.backward(zs, H, E, zs.length, 0.2)
    zs.forEach((z, i) => {
      expect(H[i]).toBe(entry.value(z, 0.2))
      expect(E[i]).toBe((1 + i / 10) * entry.derivative(z, H[i], 0.2))
    })
  })

  it('an entry with kernel passes gets the same numbers from the kernel as from its own loops', async () => {
    const { ACTIVATIONS, activate: run, multiplyByDerivative: times } = await import('./activations')
    const { WasmKernel } = await import('../math/wasm-kernel')
    const { KERNELS_SIMD } = await import('../math/wasm-bytes.generated')
    const kernel = new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64')
    const withPasses = elementwise.filter((name) => ACTIVATIONS[name].kernelPasses)
    expect(withPasses).toEqual(['relu'])
    for (const name of withPasses) {
      const Z = kernel.reserve([zs.length]).views[0]
      Z.set(zs)
      const [own, fast] = [kernel.reserve([zs.length]).views[0], kernel.reserve([zs.length]).views[0]]
      run(name, Z, own, zs.length, 1, 0)
      run(name, Z, fast, zs.length, 1, 0, kernel.elementwise)
      expect([...fast]).toEqual([...own])
      const [E1, E2] = [kernel.reserve([zs.length]).views[0], kernel.reserve([zs.length]).views[0]]
      E1.fill(1.5)
      E2.fill(1.5)
      times(name, Z, own, E1, zs.length, 0)
      times(name, Z, own, E2, zs.length, 0, kernel.elementwise)
      expect([...E2]).toEqual([...E1])
    }
  })
})
