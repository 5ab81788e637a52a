import { describe, expect, it } from 'vitest'
import { parseProjectText, serializeProject } from './schema'
import { LIMITS } from './limits'
import { testProject } from '../testing/projects'
import type { ProjectFile } from './types'

const base = testProject(2, [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy')
const trained: ProjectFile = {
  ...base,
  weights: [
    { W: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], b: [0, 0, 0] },
    { W: [[1], [2], [3]], b: [0] },
  ],
  progress: { epoch: 1, step: 4, rowInEpoch: 0, rngState: [1, 2, 3, 4] },
  curves: {
    train: [[1, 0.69], [4, 0.5]],
    trainEpoch: [[4, 0.6]],
    test: [[4, 0.55]],
    metric: [[4, 0.75]],
    last: { epoch: 1, step: 4, trainLoss: 0.6, testLoss: 0.55, accuracy: 0.75, evaluatedOn: 'test' },
  },
}

describe('saved curves in the project file', () => {
  it('round-trip exactly, after progress', () => {
    const text = serializeProject(trained)
    expect(text.indexOf('"curves"')).toBeGreaterThan(text.indexOf('"progress"'))
    const parsed = parseProjectText(text)
    expect(parsed.ok && parsed.project.curves).toEqual(trained.curves)
    if (parsed.ok) expect(serializeProject(parsed.project)).toBe(text)
  })

  it('refuse non-finite values, unknown keys and absurd lengths, naming the field', () => {
    const bad = (curves: unknown) => {
      const parsed = parseProjectText(JSON.stringify({ ...trained, curves }))
      return parsed.ok ? [] : parsed.errors.map((e) => e.path)
    }
    expect(bad({ ...trained.curves, test: [[4, null]] })).toContain('curves.test[0][1]')
    expect(bad({ ...trained.curves, extra: [] })).toEqual(['curves.extra'])
    expect(bad({ ...trained.curves, train: Array.from({ length: LIMITS.curvePoints + 1 }, (_, i) => [i, 1]) })).toContain('curves.train')
    expect(bad({ ...trained.curves, last: { ...trained.curves!.last, evaluatedOn: 'both' } })).toContain('curves.last.evaluatedOn')
  })
})
