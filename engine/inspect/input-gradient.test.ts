import { describe, expect, it } from 'vitest'
import { jsKernel } from '../math/js-kernel'
import { buildTrainer } from '../train/model'
import { prepareData } from '../data/prepare'
import { forward, passCostSum } from '../nn/backprop'
import { Workspace } from '../nn/workspace'
import { randomData } from '../testing/toy-data'
import { testProject } from '../testing/projects'
import { inputGradient } from './input-gradient'
import { gradientCheck } from './gradient-check'
import type { ActivationName } from '../nn/activations'
import type { Dataset } from '../data/dataset'
import type { LossName } from '../project/types'

const CASES: [ActivationName, ActivationName, LossName, 'regression' | 'binary' | 'multiclass', number][] = [
  ['tanh', 'softmax', 'softmax-cross-entropy', 'multiclass', 3],
  ['relu', 'sigmoid', 'binary-cross-entropy', 'binary', 1],
  ['sigmoid', 'linear', 'mse', 'regression', 2],
  ['leaky-relu', 'tanh', 'mse', 'regression', 1],
]

/** A 5-input table with columns of very different scales, prepared like a CSV project. */
function setUp(hidden: ActivationName, output: ActivationName, loss: LossName, kind: 'regression' | 'binary' | 'multiclass', k: number, standardize: boolean) {
  const table = randomData(7, 40, 5, k, kind)
  for (let r = 0; r < table.n; r++) for (let c = 0; c < 5; c++) table.X[r * 5 + c] = table.X[r * 5 + c] * 10 ** (c - 2) + c
  const project = testProject(5, [{ units: 6, activation: hidden }, { units: 4, activation: hidden }, { units: k, activation: output }], loss, { seed: 5 })
  const spec = { source: 'csv' as const, path: 't.csv', inputs: table.inputNames, targets: table.targetNames, trainFraction: 0.75, standardize }
  const prepared = prepareData(spec, 1, { table })
  const trainer = buildTrainer({ ...project, network: { ...project.network, initializer: { name: 'xavier-normal' } } }, prepared, jsKernel)
  return { table, prepared, trainer }
}

/** The sample's cost with raw input `c` moved to `value`: the raw row through the same standardization. */
function rawCost(trainer: ReturnType<typeof setUp>['trainer'], prepared: ReturnType<typeof setUp>['prepared'], table: Dataset, row: number, c: number, value: number): number {
  const x = Float64Array.from(table.X.subarray(row * table.d, (row + 1) * table.d))
  x[c] = value
  const s = prepared.standardization
  const z = s ? x.map((v, i) => (v - s.mean[i]) / s.std[i]) : x
  const ws = new Workspace(trainer.network, 1, jsKernel)
  ws.load(z, table.Y.subarray(row * table.k, (row + 1) * table.k), table.d, table.k, 0, 1)
  forward(trainer.network, ws, jsKernel)
  return passCostSum(trainer.network, ws)
}

describe('input gradient dC/dX = E_1·W_1ᵀ', () => {
  for (const standardize of [false, true]) {
    it.each(CASES)(`%s hidden, %s output (standardize ${standardize}): per raw input, against central differences`, (hidden, output, loss, kind, k) => {
      const { table, prepared, trainer } = setUp(hidden, output, loss, kind, k, standardize)
      for (const [set, sample] of [['train', 3], ['test', 2]] as const) {
        const g = inputGradient(trainer, prepared, set, sample)
        const row = prepared.rows[set][sample]
        expect(g.space).toBe('raw')
        expect(Array.from(g.x)).toEqual(Array.from(table.X.subarray(row * 5, row * 5 + 5)).map((v) => expect.closeTo(v, 9)))
        for (let c = 0; c < 5; c++) {
          const x = table.X[row * 5 + c]
          const h = 1e-5 * Math.max(1, Math.abs(x))
          const numerical = (rawCost(trainer, prepared, table, row, c, x + h) - rawCost(trainer, prepared, table, row, c, x - h)) / (2 * h)
          expect(Math.abs(g.dX[c] - numerical)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numerical)))
        }
        // The check must be able to fail: the gradient is not zero.
        expect(g.dX.some((v) => Math.abs(v) > 1e-6)).toBe(true)
      }
    })
  }

  it('is checked numerically like a weight (gradient-check scope input)', () => {
    const { trainer } = setUp('tanh', 'softmax', 'softmax-cross-entropy', 'multiclass', 3, true)
    for (let input = 0; input < 5; input++) {
      const report = gradientCheck(trainer, { kind: 'input', set: 'test', sample: 1, input })
      expect(report.worst.ref).toBeNull()
      expect(report.worst.input).toBe(input)
      expect(report.maxRelativeError).toBeLessThan(1e-6)
      expect(Math.abs(report.worst.backprop)).toBeGreaterThan(1e-6)
    }
  })

  it('names the split and its size for a sample out of range', () => {
    const { prepared, trainer } = setUp('tanh', 'softmax', 'softmax-cross-entropy', 'multiclass', 3, false)
    expect(() => inputGradient(trainer, prepared, 'test', 10)).toThrow('sample 10 does not exist (the test split has 10 rows)')
    expect(() => gradientCheck(trainer, { kind: 'input', set: 'train', sample: 0, input: 5 })).toThrow('input 5 does not exist (the network has 5 inputs)')
  })
})
