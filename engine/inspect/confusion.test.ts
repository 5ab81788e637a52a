import { describe, expect, it } from 'vitest'
import { classScores, confusionMatrix } from './confusion'

describe('confusion matrix', () => {
  it('counts true class by row and predicted class by column, as counted by hand', () => {
    // 10 samples of 3 classes. By hand: class 0 → 0, 0, 1; class 1 → 1, 1, 1, 2; class 2 → 2, 0, 2.
    const target = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]
    const predicted = [0, 0, 1, 1, 1, 1, 2, 2, 0, 2]
    const m = confusionMatrix(target, predicted, 3)
    expect(m).toEqual([
      [2, 1, 0],
      [0, 3, 1],
      [1, 0, 2],
    ])
    const scores = classScores(m)
    expect(scores.precision).toEqual([2 / 3, 3 / 4, 2 / 3])
    expect(scores.recall).toEqual([2 / 3, 3 / 4, 2 / 3])
    expect(scores.support).toEqual([3, 4, 3])
    expect(scores.accuracy).toBe(7 / 10)
  })

  it('gives NaN precision for a class never predicted and NaN recall for a class without samples', () => {
    const scores = classScores(confusionMatrix([0, 0, 1], [0, 0, 0], 3))
    expect(scores.precision).toEqual([2 / 3, Number.NaN, Number.NaN])
    expect(scores.recall).toEqual([1, 0, Number.NaN])
  })

  it('refuses a class outside 0…k−1, naming the sample', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow('confusionMatrix: sample 1 has class 3 predicted as 1, expected classes 0 to 2')
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow('1 targets but 2 predictions')
  })
})
