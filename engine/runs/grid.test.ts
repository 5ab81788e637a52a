import { describe, expect, it } from 'vitest'
import { expandGrid, GridError, parseSetArgument, parseValue } from './grid'
import { testProject } from '../testing/projects'
import type { ProjectFile } from '../project/types'

const base: ProjectFile = testProject(2, [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 5 })
const sets = (...args: string[]) => args.map(parseSetArgument)

describe('grid values and --set arguments', () => {
  it('reads JSON scalars, and bare words as strings', () => {
    expect(['0.01', '1e-3', '8', 'adam', '"adam"', 'true', 'null', ' 3 '].map(parseValue)).toEqual([0.01, 0.001, 8, 'adam', 'adam', true, null, 3])
  })

  it('splits a path from its values and refuses malformed ones', () => {
    expect(parseSetArgument('training.batchSize=8,32')).toEqual({ path: 'training.batchSize', values: [8, 32] })
    expect(() => parseSetArgument('training.batchSize')).toThrow(GridError)
    expect(() => parseSetArgument('training.batchSize=8,,32')).toThrow('--set training.batchSize=8,,32: a value is empty')
    expect(() => parseSetArgument('training..seed=1')).toThrow(/bad path/)
  })
})

describe('grid expansion', () => {
  it('is the cartesian product, the first set varying slowest, each point a fresh start', () => {
    const trained = { ...base, weights: [{ W: [[0, 0, 0, 0], [0, 0, 0, 0]], b: [0, 0, 0, 0] }, { W: [[0], [0], [0], [0]], b: [0] }] }
    const points = expandGrid(trained, sets('training.optimizer.learningRate=0.1,0.01', 'network.layers.0.units=2,8,16'))
    expect(points.map((p) => p.settings)).toEqual([
      { 'training.optimizer.learningRate': 0.1, 'network.layers.0.units': 2 },
      { 'training.optimizer.learningRate': 0.1, 'network.layers.0.units': 8 },
      { 'training.optimizer.learningRate': 0.1, 'network.layers.0.units': 16 },
      { 'training.optimizer.learningRate': 0.01, 'network.layers.0.units': 2 },
      { 'training.optimizer.learningRate': 0.01, 'network.layers.0.units': 8 },
      { 'training.optimizer.learningRate': 0.01, 'network.layers.0.units': 16 },
    ])
    expect(points[4].project.network.layers[0].units).toBe(8)
    expect(points[4].project.training.optimizer.learningRate).toBe(0.01)
    expect(points.every((p) => p.project.weights === undefined)).toBe(true)
    expect(new Set(points.map((p) => p.key)).size).toBe(6)
    expect(base.network.layers[0].units).toBe(4)
  })

  it('repeats add k to training.seed (kept in the settings); the data keeps its seed', () => {
    const points = expandGrid({ ...base, training: { ...base.training, seed: 10 } }, sets('training.batchSize=4,8'), { repeats: 3, epochs: 2 })
    expect(points.map((p) => p.settings)).toEqual([
      { 'training.batchSize': 4, 'training.seed': 10 },
      { 'training.batchSize': 4, 'training.seed': 11 },
      { 'training.batchSize': 4, 'training.seed': 12 },
      { 'training.batchSize': 8, 'training.seed': 10 },
      { 'training.batchSize': 8, 'training.seed': 11 },
      { 'training.batchSize': 8, 'training.seed': 12 },
    ])
    expect(points.map((p) => p.project.data.seed)).toEqual([10, 10, 10, 10, 10, 10])
    expect(points.every((p) => p.project.training.epochs === 2)).toBe(true)
  })

  it('sweeps the number of hidden layers, another optimizer (its own parameters dropped) and the initializer', () => {
    const adam = { ...base, training: { ...base.training, optimizer: { name: 'adam' as const, learningRate: 0.02, beta1: 0.8 } } }
    const points = expandGrid(adam, sets('network.hiddenLayers=0,3', 'training.optimizer.name=sgd,adam', 'network.initializer.name=he-normal'))
    expect(points[0].project.network.layers).toEqual([{ units: 1, activation: 'sigmoid' }])
    expect(points[2].project.network.layers.map((l) => l.units)).toEqual([4, 4, 4, 1])
    expect(points[0].project.training.optimizer).toEqual({ name: 'sgd', learningRate: 0.02 })
    expect(points[1].project.training.optimizer).toEqual({ name: 'adam', learningRate: 0.02, beta1: 0.8 })
    expect(points[3].project.network.initializer).toEqual({ name: 'he-normal' })
  })

  it('names a bad path, a value of the wrong type, and a combination the project rules refuse', () => {
    expect(() => expandGrid(base, sets('training.learningRate=0.1'))).toThrow("bad path 'training.learningRate': the project file has no such field")
    expect(() => expandGrid(base, sets('network.layers.5.units=3'))).toThrow("bad path 'network.layers.5.units': network.layers has items 0 to 1, not '5'")
    expect(() => expandGrid(base, sets('trainingg.seed=3'))).toThrow("bad path 'trainingg.seed': the project has no 'trainingg'")
    expect(() => expandGrid(base, sets('training.batchSize=8,big'))).toThrow(`training.batchSize="big": must be a number, got 'big'`)
    expect(() => expandGrid(base, sets('training.optimizer.learningRate=0.1,-1'))).toThrow('training.optimizer.learningRate=-1: must be greater than 0, got -1')
    // Alone each value is fine; together the output layer gets softmax with a binary loss.
    expect(() => expandGrid(base, sets('network.layers.1.activation=sigmoid,softmax', 'network.layers.1.units=1,2'))).toThrow(
      /^the combination network\.layers\.1\.activation=softmax network\.layers\.1\.units=1 is refused: network\.layers\[1\]/,
    )
    expect(() => expandGrid(base, [])).toThrow('a sweep needs at least one --set')
    expect(() => expandGrid(base, sets('training.seed=1', 'training.seed=2'))).toThrow('--set training.seed is given twice')
  })
})
