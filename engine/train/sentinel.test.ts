import { describe, expect, it } from 'vitest'
import { jsKernel } from '../math/js-kernel'
import { buildTrainer, exportProject } from './model'
import { parseProject } from '../project/schema'
import { dataset, randomData, trainOnly } from '../testing/toy-data'
import { testProject } from '../testing/projects'
import type { StepOutcome, Trainer } from './trainer'

function untilDiverged(trainer: Trainer, maxSteps: number): StepOutcome {
  for (let s = 0; s < maxSteps; s++) {
    const outcome = trainer.trainStep()
    if (outcome.diverged) return outcome
  }
  throw new Error(`no divergence in ${maxSteps} steps`)
}

describe('NaN/Inf sentinel', () => {
  it('points at the first layer when the data holds a non-finite value', () => {
    const X = Float64Array.of(0.1, 0.2, Number.POSITIVE_INFINITY, 0.4)
    const project = testProject(2, [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'linear' }], 'mse', { batchSize: 2 })
    const trainer = buildTrainer(project, trainOnly(dataset(X, Float64Array.of(1, 0), 2, 1, 'regression')), jsKernel)
    const { diverged } = trainer.trainStep()
    expect(diverged).toMatchObject({ step: 0, layer: 0, pass: 'forward', quantity: 'Z' })
    expect(diverged!.suggestion).toMatch(/input data/)
  })

  it('stops an exploding run at the first non-finite value and keeps the weights finite', () => {
    const project = testProject(
      3,
      [{ units: 16, activation: 'relu' }, { units: 16, activation: 'relu' }, { units: 1, activation: 'linear' }],
      'mse',
      { optimizer: { name: 'sgd', learningRate: 10 }, batchSize: 8, seed: 4 },
    )
    const trainer = buildTrainer(project, trainOnly(randomData(2, 64, 3, 1, 'regression')), jsKernel)
    const { diverged } = untilDiverged(trainer, 500)
    expect(diverged!.step).toBe(trainer.step)
    expect(Number.isFinite(diverged!.value)).toBe(false)
    expect(diverged!.suggestion).toMatch(/learning rate \(now 10\)/)
    const weights = trainer.network.getWeights().flatMap((l) => [...l.W.flat(), ...l.b])
    expect(weights.every(Number.isFinite)).toBe(true)
    expect(parseProject(JSON.parse(JSON.stringify(exportProject(project, trainer)))).ok).toBe(true)
  })

  // One crafted network per pass, each overflowing at a place the arithmetic names in advance.
  const linear = (units: number) => ({ units, activation: 'linear' as const })
  const oneRow = (x: number[], y: number) => trainOnly(dataset(Float64Array.from(x), Float64Array.of(y), x.length, 1, 'regression'))

  it('names the forward pass: Z of the second layer is 1e300·(1e300 + 1e300), beyond float64', () => {
    const project = testProject(2, [linear(1), linear(1)], 'mse', { batchSize: 1 })
    const weights = [{ W: [[1e300], [1e300]], b: [0] }, { W: [[1e300]], b: [0] }]
    const { diverged } = buildTrainer({ ...project, weights }, oneRow([1, 1], 0), jsKernel).trainStep()
    expect(diverged).toMatchObject({ layer: 1, unit: 0, pass: 'forward', quantity: 'Z', value: Number.POSITIVE_INFINITY })
  })

  it('names the backward pass: the cost (½·1e300) and E_o = 1e150 are finite, dC/dW = H·E = 1e200·1e150 is not', () => {
    const project = testProject(1, [linear(1), linear(1)], 'mse', { batchSize: 1 })
    const weights = [{ W: [[1e200]], b: [0] }, { W: [[1e-50]], b: [0] }]
    const { diverged } = buildTrainer({ ...project, weights }, oneRow([1], 0), jsKernel).trainStep()
    expect(diverged).toMatchObject({ layer: 1, unit: 0, pass: 'backward', quantity: 'dW', value: Number.POSITIVE_INFINITY })
  })

  it('names the update: every gradient is finite (dC/dW = 4), the step 4·MAX_VALUE is not; the weights stay as they were', () => {
    const project = testProject(1, [linear(1)], 'mse', { batchSize: 1, optimizer: { name: 'sgd', learningRate: Number.MAX_VALUE } })
    const trainer = buildTrainer({ ...project, weights: [{ W: [[1]], b: [0] }] }, oneRow([2], 0), jsKernel)
    const { diverged } = trainer.trainStep()
    expect(diverged).toMatchObject({ layer: 0, unit: 0, pass: 'update', quantity: 'W' })
    expect(trainer.network.getWeights()).toEqual([{ W: [[1]], b: [0] }])
  })

  it('gives the batch back: after a divergence on a full batch, a lower learning rate trains on', () => {
    const project = testProject(3, [{ units: 16, activation: 'relu' }, { units: 16, activation: 'relu' }, { units: 1, activation: 'linear' }], 'mse', {
      optimizer: { name: 'sgd', learningRate: 10 },
      batchSize: 64,
      seed: 4,
    })
    const trainer = buildTrainer(project, trainOnly(randomData(2, 64, 3, 1, 'regression')), jsKernel)
    const { diverged } = untilDiverged(trainer, 500)
    expect(trainer.cursor.rowInEpoch).toBe(0)
    trainer.setTraining({ optimizer: { name: 'sgd', learningRate: 1e-4 } })
    const after = trainer.trainStep()
    expect(after.diverged).toBeNull()
    expect(Number.isFinite(after.loss)).toBe(true)
    expect(trainer.step).toBe(diverged!.step + 1)
  })
})
