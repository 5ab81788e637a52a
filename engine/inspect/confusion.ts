/**
 * The confusion matrix and the per-class scores read from it. Pure: the renderer imports these
 * too (to recount a filtered view).
 */

/** k × k counts: row = true class, column = predicted class. Values outside 0…k−1 are an Error. */
export function confusionMatrix(target: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  if (target.length !== predicted.length) throw new Error(`confusionMatrix: ${target.length} targets but ${predicted.length} predictions`)
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let s = 0; s < target.length; s++) {
    const t = target[s]
    const p = predicted[s]
    if (!(Number.isInteger(t) && t >= 0 && t < k && Number.isInteger(p) && p >= 0 && p < k)) {
      throw new Error(`confusionMatrix: sample ${s} has class ${t} predicted as ${p}, expected classes 0 to ${k - 1}`)
    }
    counts[t][p]++
  }
  return counts
}

export interface ClassScores {
  /** Of the samples predicted as class c, the share that are c (NaN when none is predicted c). */
  precision: number[]
  /** Of the samples of class c, the share predicted c (NaN when the class has no samples). */
  recall: number[]
  /** Samples of each class (row sums). */
  support: number[]
  accuracy: number
}

export function classScores(confusion: number[][]): ClassScores {
  const k = confusion.length
  const support = confusion.map((row) => row.reduce((a, b) => a + b, 0))
  const predictedCounts = Array.from({ length: k }, (_, c) => confusion.reduce((sum, row) => sum + row[c], 0))
  const total = support.reduce((a, b) => a + b, 0)
  const correct = confusion.reduce((sum, row, c) => sum + row[c], 0)
  return {
    precision: confusion.map((row, c) => (predictedCounts[c] > 0 ? row[c] / predictedCounts[c] : Number.NaN)),
    recall: confusion.map((row, c) => (support[c] > 0 ? row[c] / support[c] : Number.NaN)),
    support,
    accuracy: total > 0 ? correct / total : Number.NaN,
  }
}
