import { describe, expect, it } from 'vitest'
import { digitsThatHold, texNumber, weightEquations } from './equations'
import type { WeightInspection } from '../../../engine/protocol'

const base = { value: 0.5, gradBatch: -0.02, gradFull: -0.03, regularization: 0, factors: { sample: [0, 1], E: [0.1, -0.2], H: [0.3, 0.4] }, meanProduct: -0.02, activation: 'tanh' }

describe('equations with live numbers', () => {
  it('writes numbers for TeX', () => {
    expect(texNumber(0.123456)).toBe('0.1235')
    expect(texNumber(-2.5e-7)).toBe('-2.5 \\times 10^{-7}')
    expect(texNumber(0)).toBe('0')
    expect(texNumber(Number.NaN)).toBe('\\text{NaN}')
  })

  it('shows ŷ − y for the cross-entropy output pair and the chain rule for mse', () => {
    const ce: WeightInspection = { ...base, ref: { layer: 1, i: 0, j: 0 }, equation: { kind: 'output', activation: 'sigmoid', loss: 'binary-cross-entropy', cancels: true, yHat: 0.73, y: 1, z: 1, derivative: 0.197, E: -0.27, H: 0.5 } }
    expect(weightEquations(ce).error[1]).toBe('E_o = 0.73 - 1 = -0.27')
    const mse: WeightInspection = { ...ce, equation: { ...ce.equation, loss: 'mse', cancels: false, E: -0.05319 } as WeightInspection['equation'] }
    expect(weightEquations(mse).error[1]).toBe('E_o = (0.73 - 1) \\cdot 0.197 = -0.05319')
    expect(weightEquations(mse).gradient[0]).toContain('(-0.05319) \\cdot 0.5 = -0.0266')
  })

  it('lists the terms of a hidden layer error and says how many are left out', () => {
    const terms = Array.from({ length: 10 }, (_, k) => ({ k, E: 0.1, W: k - 2 }))
    const hidden: WeightInspection = { ...base, ref: { layer: 0, i: 'bias', j: 3 }, equation: { kind: 'hidden', activation: 'tanh', z: 0.2, derivative: 0.96, terms, termCount: 10, sum: 2.5, E: 2.4, H: 1 } }
    const lines = weightEquations(hidden)
    expect(lines.error[1]).toContain('0.1 \\cdot (-2) + 0.1 \\cdot (-1) + 0.1 \\cdot 0')
    expect(lines.error[1]).toContain('1 \\text{ more}')
    expect(lines.error[1]).toContain('\\begin{aligned}')
    expect(lines.gradient[0]).toContain('1 \\;(\\text{bias})')
  })

  it('shows the digits that make an equation hold, or ≈ when none do', () => {
    // ŷ = 1 − 2.9e-13: at 4 digits it reads "(1 − 1)·R' = −8.4e−26", which is false.
    const yHat = 1 - 2.904e-13
    const derivative = 2.904e-13
    const E = (yHat - 1) * derivative
    const eq = { kind: 'output', activation: 'sigmoid', loss: 'mse', cancels: false, yHat, y: 1, z: 29, derivative, E, H: 0.5 } as const
    const line = weightEquations({ ...base, ref: { layer: 1, i: 0, j: 0 }, equation: eq }).error[1]
    expect(line).not.toContain('(1 - 1)')
    expect(line).toMatch(/^E_o = \(0\.9999999999997\d* - 1\) .* = -8\.4\d* \\times 10\^\{-26\}$/)
    expect(digitsThatHold([0.5, 0.25], ([a, b]) => a * b, 0.125)).toEqual({ digits: 4, relation: '=' })
    // A result no rounding of the operands reproduces (it came from more terms than shown).
    expect(digitsThatHold([0.5, 0.25], ([a, b]) => a * b, 0.2)).toEqual({ digits: 4, relation: '\\approx' })
  })
})
