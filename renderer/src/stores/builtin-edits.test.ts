import { describe, expect, it } from 'vitest'
import { parseProject } from '../../../engine/project/schema'
import { syntheticProject } from '../lib/presets'
import * as edits from './project-edits'

describe('choosing a built-in data set', () => {
  it('sets the inputs and the output layer the set needs, and the project stays valid', () => {
    const doc = syntheticProject({ data: 'spiral', hidden: [{ units: 8, activation: 'tanh' }], features: ['x1', 'x2', 'x1^2'] })
    edits.chooseBuiltin(doc, 'mnist')
    expect(doc.data).toEqual({ source: 'builtin', name: 'mnist', trainFraction: 0.7 })
    expect(doc.network.inputs).toBe(784)
    expect(doc.network.layers.at(-1)).toEqual({ units: 10, activation: 'softmax' })
    expect(doc.network.loss).toBe('softmax-cross-entropy')
    expect(parseProject(doc)).toMatchObject({ ok: true })
    // Tabular values as published: standardization comes on.
    edits.chooseBuiltin(doc, 'breast-cancer')
    expect(doc.data).toMatchObject({ name: 'breast-cancer', standardize: true })
    expect([doc.network.inputs, doc.network.layers.at(-1), doc.network.loss]).toEqual([30, { units: 1, activation: 'sigmoid' }, 'binary-cross-entropy'])
    edits.chooseBuiltin(doc, 'diabetes')
    expect([doc.network.layers.at(-1)?.units, doc.network.loss]).toEqual([1, 'mse'])
    expect(edits.problemOf(doc)).toBe('regression')
    expect(parseProject(doc)).toMatchObject({ ok: true })
    edits.chooseSynthetic(doc, 'circle')
    expect([doc.network.inputs, doc.network.loss]).toEqual([2, 'binary-cross-entropy'])
  })
})
