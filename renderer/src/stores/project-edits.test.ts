import { describe, expect, it } from 'vitest'
import { syntheticProject } from '../lib/presets'
import * as edits from './project-edits'

const tanh = { units: 4, activation: 'tanh' as const }

describe('project edits', () => {
  it('keeps the output layer and loss consistent when the data set changes', () => {
    const doc = syntheticProject({ data: 'circle', hidden: [tanh] })
    expect(doc.network.layers.at(-1)).toEqual({ units: 1, activation: 'sigmoid' })
    expect(doc.network.loss).toBe('binary-cross-entropy')
    edits.chooseSynthetic(doc, 'k-class-spiral')
    expect(doc.network.layers.at(-1)).toEqual({ units: 3, activation: 'softmax' })
    expect(doc.network.loss).toBe('softmax-cross-entropy')
    edits.setDataField(doc, 'classes', 5)
    expect(doc.network.layers.at(-1)?.units).toBe(5)
    edits.chooseSynthetic(doc, 'regression-plane')
    expect(doc.network.layers.at(-1)).toEqual({ units: 1, activation: 'linear' })
    expect(doc.network.loss).toBe('mse')
    edits.chooseSynthetic(doc, 'xor')
    expect(doc.network.loss).toBe('binary-cross-entropy')
    expect(doc.network.layers.at(-1)?.activation).toBe('sigmoid')
  })

  it('refuses an output activation the loss does not allow, and softmax in a hidden layer', () => {
    const doc = syntheticProject({ data: 'circle', hidden: [tanh] })
    edits.setActivation(doc, 1, 'linear', 'binary')
    expect(doc.network.layers[1].activation).toBe('sigmoid')
    edits.setLoss(doc, 'mse', 'binary')
    edits.setActivation(doc, 1, 'tanh', 'binary')
    expect(doc.network.layers[1].activation).toBe('tanh')
    edits.setActivation(doc, 0, 'softmax', 'binary')
    expect(doc.network.layers[0].activation).toBe('tanh')
  })

  it('makes the network inputs follow the chosen features', () => {
    const doc = syntheticProject({ data: 'spiral', hidden: [tanh] })
    edits.setFeatures(doc, ['x1', 'x2', 'x1^2', 'sin(x1)'])
    expect(doc.network.inputs).toBe(4)
    edits.setFeatures(doc, [])
    expect(doc.network.inputs).toBe(4)
  })

  it('adds and removes hidden layers, never the output layer', () => {
    const doc = syntheticProject({ data: 'spiral', hidden: [tanh] })
    edits.addHiddenLayer(doc)
    expect(doc.network.layers.map((l) => l.units)).toEqual([4, 4, 1])
    edits.setUnits(doc, 1, 8)
    edits.setUnits(doc, 2, 8)
    expect(doc.network.layers.map((l) => l.units)).toEqual([4, 8, 1])
    edits.removeHiddenLayer(doc, 0)
    edits.removeHiddenLayer(doc, 0)
    edits.removeHiddenLayer(doc, 0)
    expect(doc.network.layers).toHaveLength(1)
  })

  it('drops saved weights when the network changes, keeps them for training settings', () => {
    const doc = syntheticProject({ data: 'circle', hidden: [tanh] })
    const withWeights = () => Object.assign(doc, { weights: [{ W: [[0]], b: [0] }], progress: { epoch: 1, step: 2, rowInEpoch: 0, rngState: [] } })
    withWeights()
    edits.setOptimizerField(doc, 'learningRate', 0.5)
    edits.setOptimizer(doc, 'momentum')
    expect(doc.training.optimizer).toEqual({ name: 'momentum', learningRate: 0.5, momentum: 0.9, nesterov: false })
    expect(doc.weights).toBeDefined()
    edits.setUnits(doc, 0, 3)
    expect(doc.weights).toBeUndefined()
    expect(doc.progress).toBeUndefined()
  })

  it('switches precision as a new start (the weights go), float64 written as the default', () => {
    const doc = syntheticProject({ data: 'circle', hidden: [tanh] })
    Object.assign(doc, { weights: [{ W: [[0]], b: [0] }] })
    edits.setPrecision(doc, 'float32')
    expect(doc.training.precision).toBe('float32')
    expect(doc.weights).toBeUndefined()
    edits.setPrecision(doc, 'float64')
    expect('precision' in doc.training).toBe(false)
  })

  it('switching a penalty on at rate 0 starts it at a useful rate; an explicit rate is kept', () => {
    const doc = syntheticProject({ data: 'circle', hidden: [tanh] })
    expect(doc.training.regularization).toEqual({ kind: 'none', rate: 0 })
    edits.setRegularization(doc, { kind: 'l2' })
    expect(doc.training.regularization).toEqual({ kind: 'l2', rate: edits.DEFAULT_REGULARIZATION_RATE })
    edits.setRegularization(doc, { rate: 0.05 })
    edits.setRegularization(doc, { kind: 'l1' })
    expect(doc.training.regularization).toEqual({ kind: 'l1', rate: 0.05 })
    edits.setRegularization(doc, { rate: 0 })
    expect(doc.training.regularization.rate).toBe(0)
  })
})
