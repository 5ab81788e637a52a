import { describe, expect, it } from 'vitest'
import { jsKernel } from '../math/js-kernel'
import { buildTrainer } from '../train/model'
import { randomData, trainOnly } from '../testing/toy-data'
import { testProject } from '../testing/projects'
import { gradientCheck, relativeError } from './gradient-check'
import type { ActivationName } from '../nn/activations'
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

  it('detects a wrong gradient', () => {
    // A backprop value off by 1% must be reported far above the tolerance.
    expect(relativeError(1.01, 1, 1e-8)).toBeGreaterThan(1e-3)
    expect(relativeError(0, 0, 0)).toBe(0)
  })
})
