import { describe, expect, it } from 'vitest'
import { runTraining } from './run-training'
import { prepareData } from '../data/prepare'
import { jsKernel } from '../math/js-kernel'
import { testProject } from '../testing/projects'
import type { ProjectFile } from '../project/types'

const project: ProjectFile = {
  ...testProject(2, [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 200, batchSize: 10, shuffle: true, optimizer: { name: 'sgd', learningRate: 2 } }),
  data: { source: 'synthetic', name: 'spiral', samples: 100, noise: 0.3, trainFraction: 0.5 },
}
const data = () => prepareData(project.data, project.training.seed)

describe('one run', () => {
  it('stops early when the test loss has not improved for N epochs, as finished', () => {
    const full = runTraining(project, data(), jsKernel)
    const early = runTraining(project, data(), jsKernel, { earlyStop: 5 })
    expect(full.status).toBe('finished')
    expect(full.trainer.epoch).toBe(200)
    expect(early.status).toBe('finished')
    expect(early.trainer.epoch).toBeLessThan(200)
    const tests = early.recorder.epochs.map((e) => e.testLoss as number)
    const bestAt = tests.indexOf(Math.min(...tests))
    expect(tests.length - 1 - bestAt).toBe(5)
    // Up to the stop, the same numbers as the full run.
    expect(early.recorder.epochs).toEqual(full.recorder.epochs.slice(0, early.recorder.epochs.length))
  })

  it('stops when its control says so, and keeps the curves so far', () => {
    let asked = 0
    const stopped = runTraining(project, data(), jsKernel, { control: () => (++asked > 3 ? 'stop' : 'go'), controlEvery: 5 })
    expect(stopped.status).toBe('stopped')
    expect(stopped.trainer.step).toBe(15)
    expect(stopped.recorder.curves().losses).toHaveLength(15)
  })
})
