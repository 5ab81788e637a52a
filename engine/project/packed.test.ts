import { describe, expect, it } from 'vitest'
import { packProject, unpackProject } from './packed'
import { testProject } from '../testing/projects'
import type { ProjectFile } from './types'

const trained: ProjectFile = {
  ...testProject(3, [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy'),
  weights: [
    { W: [[0.1, -0], [Number.NaN, 2], [3, -4e-300]], b: [0.5, -0.5] },
    { W: [[1], [2]], b: [Number.POSITIVE_INFINITY] },
  ],
  optimizerState: { name: 'momentum', t: 7, slots: { velocity: [{ W: [[1, 2], [3, 4], [5, 6]], b: [7, 8] }, { W: [[9], [10]], b: [11] }] } },
  progress: { epoch: 1, step: 7, rowInEpoch: 3, rngState: [1, 2, 3, 4] },
}

describe('packed projects', () => {
  it('round-trip every number exactly (−0, NaN, ±Infinity, subnormals) and the rest of the file', () => {
    const packed = packProject(trained)
    expect(packed.weights![0]).toMatchObject({ rows: 3, cols: 2 })
    expect(Array.from(packed.weights![0].W.subarray(0, 2))).toEqual([0.1, -0])
    expect(packed.spec).not.toHaveProperty('weights')
    expect(packed.spec).not.toHaveProperty('optimizerState')
    const back = unpackProject(packed)
    expect(back).toEqual(trained)
    expect(Object.is(back.weights![0].W[0][1], -0)).toBe(true)
  })

  it('leaves an untrained project as it is, and refuses a ragged matrix by layer and row', () => {
    const plain = testProject(2, [{ units: 1, activation: 'sigmoid' }], 'binary-cross-entropy')
    expect(unpackProject(packProject(plain))).toEqual(plain)
    expect(() => packProject({ ...plain, weights: [{ W: [[1], [2, 3]], b: [0] }] })).toThrow('weights[0].W: row 1 has 2 values, row 0 has 1')
  })
})
