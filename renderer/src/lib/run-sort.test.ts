import { describe, expect, it } from 'vitest'
import { matchesFilter, sortRuns } from './run-sort'
import { varyingPaths, valueAt, runTitle } from './run-columns'
import { sampleRecord } from '../../../engine/testing/run-records'

const def = (lr: number, units: number) => ({ network: { layers: [{ units, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] }, training: { optimizer: { name: 'adam', learningRate: lr }, seed: 1 } })
const a = sampleRecord('a', { definition: def(0.1, 8), settings: {}, final: { trainLoss: 0.3, testLoss: 0.2, accuracy: 0.8 } })
const b = sampleRecord('b', { definition: def(0.01, 8), settings: {}, final: { trainLoss: 0.1, testLoss: 0.4, accuracy: 0.9 }, note: 'the good one' })
const c = sampleRecord('c', { definition: def(0.01, 16), settings: {}, final: null, status: 'diverged' })

describe('the Runs table columns', () => {
  it('finds the settings that vary among the runs, by path, with their values', () => {
    expect(varyingPaths([a, b, c])).toEqual(['network.layers.0.units', 'training.optimizer.learningRate'])
    expect(valueAt(c, 'network.layers.0.units')).toBe(16)
    expect(valueAt(c, 'network.hiddenLayers')).toBe(1)
    expect(runTitle(a, ['training.optimizer.learningRate'])).toBe('learning rate 0.1')
  })

  it('sorts by any column either way, runs without the value last, starred runs first', () => {
    expect(sortRuns([a, b, c], 'testLoss', false).map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(sortRuns([a, b, c], 'testLoss', true).map((r) => r.id)).toEqual(['b', 'a', 'c'])
    expect(sortRuns([a, b, c], 'setting:training.optimizer.learningRate', false).map((r) => r.id)).toEqual(['b', 'c', 'a'])
    expect(sortRuns([a, { ...b, starred: true }, c], 'score', true).map((r) => r.id)).toEqual(['b', 'a', 'c'])
  })

  it('filters by every word in name, status, note or settings', () => {
    const paths = varyingPaths([a, b, c])
    expect([a, b, c].filter((r) => matchesFilter(r, paths, 'good')).map((r) => r.id)).toEqual(['b'])
    expect([a, b, c].filter((r) => matchesFilter(r, paths, 'diverged')).map((r) => r.id)).toEqual(['c'])
    expect([a, b, c].filter((r) => matchesFilter(r, paths, 'units=8')).map((r) => r.id)).toEqual(['a', 'b'])
  })
})
