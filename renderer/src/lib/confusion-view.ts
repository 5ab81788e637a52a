/**
 * What the confusion-matrix table shows: counts with their share of the row (the true class),
 * the shade of each cell, and per-class precision and recall (engine/inspect/confusion.ts).
 */
import { classScores } from '../../../engine/inspect/confusion'
import { css, NEGATIVE, POSITIVE } from './colors'

export interface ConfusionCell {
  count: number
  /** count / row total (0 for an empty row). */
  share: number
  correct: boolean
  background: string
  /** Light text on a dark shade. */
  strong: boolean
}

export interface ConfusionView {
  rows: { name: string; cells: ConfusionCell[]; recall: string; support: number }[]
  precision: string[]
  accuracy: string
  total: number
}

const percent = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–')

export function confusionView(confusion: number[][], names: readonly string[]): ConfusionView {
  const scores = classScores(confusion)
  const rows = confusion.map((row, t) => {
    const total = scores.support[t]
    return {
      name: names[t] ?? `class ${t}`,
      support: total,
      recall: percent(scores.recall[t]),
      cells: row.map((count, p) => {
        const share = total > 0 ? count / total : 0
        // Right answers in blue, confusions in orange, each as deep as its share of the true class.
        return { count, share, correct: p === t, background: count > 0 ? css(p === t ? POSITIVE : NEGATIVE, 0.12 + 0.8 * share) : 'transparent', strong: share > 0.55 }
      }),
    }
  })
  return { rows, precision: scores.precision.map(percent), accuracy: percent(scores.accuracy), total: scores.support.reduce((a, b) => a + b, 0) }
}

/** The diagonal: correct counts per class (what grows as the network learns). */
export function diagonal(confusion: number[][]): number[] {
  return confusion.map((row, c) => row[c] ?? 0)
}
