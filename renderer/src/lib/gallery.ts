/**
 * The sample gallery's order: the evaluated split's samples by loss, highest first (the ones the
 * network gets most wrong), optionally only the misclassified, at most `limit`.
 */
import type { SetEvaluation } from '../../../engine/protocol'

export function isMisclassified(evaluation: Pick<SetEvaluation, 'task' | 'target' | 'predicted'>, sample: number): boolean {
  return evaluation.task !== 'regression' && evaluation.target[sample] !== evaluation.predicted[sample]
}

export function galleryOrder(evaluation: Pick<SetEvaluation, 'task' | 'target' | 'predicted' | 'loss'>, misclassifiedOnly: boolean, limit: number): { indices: number[]; matching: number } {
  const n = evaluation.loss.length
  const indices: number[] = []
  for (let s = 0; s < n; s++) if (!misclassifiedOnly || isMisclassified(evaluation, s)) indices.push(s)
  const loss = evaluation.loss
  // NaN losses (a diverged network) sort first: they are the most wrong.
  indices.sort((a, b) => (Number.isNaN(loss[a]) ? -1 : Number.isNaN(loss[b]) ? 1 : loss[b] - loss[a] || a - b))
  return { indices: indices.slice(0, limit), matching: indices.length }
}
