import { describe, expect, it } from 'vitest'
import { jsKernel } from '../math/js-kernel'
import { buildTrainer } from '../train/model'
import { randomData, trainOnly } from '../testing/toy-data'
import { testProject } from '../testing/projects'
import { gradientCheck, relativeError } from './gradient-check'
import { ACTIVATIONS, type ActivationName } from '../nn/activations'
import type { LossName, RegularizationSpec } from '../project/types'

const HIDDEN: ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'sine']
const OUTPUT_PAIRS: [ActivationName, LossName, 'regression' | 'binary' | 'multiclass', number][] = [
  ['linear', 'mse', 'regression', 2],
  ['sigmoid', 'mse', 'regression', 2],
  ['tanh', 'mse', 'regression', 1],
  ['sine', 'mse', 'regression', 1],
  ['leaky-relu', 'mse', 'regression', 2],
  ['relu', 'mse', 'regression', 3],
  ['sigmoid', 'binary-cross-entropy', 'binary', 2],
  ['softmax', 'softmax-cross-entropy', 'multiclass', 3],
]

function check(hidden: ActivationName, output: ActivationName, loss: LossName, kind: 'regression' | 'binary' | 'multiclass', k: number, reg: RegularizationSpec = { kind: 'none', rate: 0 }) {
  const project = testProject(3, [{ units: 5, activation: hidden }, { units: 4, activation: hidden }, { units: k, activation: output }], loss, {
    regularization: reg,
    seed: 11,
  })
  const data = trainOnly(randomData(5, 24, 3, k, kind))
  const trainer = buildTrainer({ ...project, network: { ...project.network, initializer: { name: 'xavier-normal' } } }, data, jsKernel)
  return gradientCheck(trainer, { kind: 'network' })
}

describe('gradient check of backprop', () => {
  for (const hidden of HIDDEN) {
    it.each(OUTPUT_PAIRS)(`${hidden} hidden, %s output with %s`, (output, loss, kind, k) => {
      const report = check(hidden, output, loss, kind, k)
      expect(report.checked).toBe(report.total)
      expect(report.maxRelativeError).toBeLessThan(1e-6)
      // The check must be able to fail: the gradients are not all zero.
      expect(report.entries.some((e) => Math.abs(e.backprop) > 1e-4)).toBe(true)
    })
  }

  it.each([
    ['l2', 0.05],
    ['l1', 0.02],
  ] as const)('includes the %s penalty', (kind, rate) => {
    const report = check('tanh', 'sigmoid', 'binary-cross-entropy', 'binary', 1, { kind, rate })
    expect(report.maxRelativeError).toBeLessThan(1e-6)
  })

  it('detects a wrong gradient: backprop with a wrong tanh derivative fails the check, the forward pass unchanged', () => {
    const tanh = ACTIVATIONS.tanh
    const right = tanh.backward
    // R'(z) = 1 − h instead of 1 − h²: only the backward pass is wrong; the numerical side is not.
    tanh.backward = (_Z, H, E, n) => {
      for (let i = 0; i < n; i++) E[i] *= 1 - H[i]
    }
    try {
      const report = check('tanh', 'sigmoid', 'binary-cross-entropy', 'binary', 1)
      expect(report.maxRelativeError).toBeGreaterThan(1e-2)
      // Only the hidden layers' gradients pass through tanh'; the output layer's stay right.
      expect(report.worst.ref!.layer).toBeLessThan(2)
      expect(report.entries.filter((e) => e.ref!.layer === 2).every((e) => e.relativeError < 1e-6)).toBe(true)
    } finally {
      tanh.backward = right
    }
    expect(check('tanh', 'sigmoid', 'binary-cross-entropy', 'binary', 1).maxRelativeError).toBeLessThan(1e-6)
    expect(relativeError(1.01, 1, 1e-8)).toBeGreaterThan(1e-3)
    expect(relativeError(0, 0, 0)).toBe(0)
  })
})
