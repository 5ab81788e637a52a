/**
 * One sample's target and prediction read from the output layer, as the accuracy counts them:
 * one output: ŷ ≥ 0.5 is class 1; several: the largest output; regression: the value of output 0.
 */
import type { ProblemKind } from '../data/dataset'
import type { Floats } from '../math/kernel'

export interface Prediction {
  target: number
  predicted: number
  /** The output for the predicted class (its probability for sigmoid and softmax outputs); NaN for regression. */
  confidence: number
}

export function readPrediction(kind: ProblemKind, H: Floats, Y: Floats, o: number, k: number): Prediction {
  if (kind === 'regression') return { target: Y[o], predicted: H[o], confidence: Number.NaN }
  if (k === 1) {
    const predicted = H[o] >= 0.5 ? 1 : 0
    return { target: Y[o] >= 0.5 ? 1 : 0, predicted, confidence: predicted === 1 ? H[o] : 1 - H[o] }
  }
  let best = 0
  let truth = 0
  for (let j = 1; j < k; j++) {
    if (H[o + j] > H[o + best]) best = j
    if (Y[o + j] > Y[o + truth]) truth = j
  }
  return { target: truth, predicted: best, confidence: H[o + best] }
}

/** Classes a problem has: 2 for binary, one per output for multiclass, 0 for regression. */
export function classCount(kind: ProblemKind, k: number): number {
  return kind === 'regression' ? 0 : kind === 'binary' ? 2 : k
}
