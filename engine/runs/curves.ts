/**
 * A run's curves as its record keeps them: every epoch's metrics, and the batch losses thinned to
 * about MAX_LOSS_POINTS, keeping each stretch's lowest and highest loss (`thin`, as progress
 * messages do). Memory stays bounded during a long run: past four times the cap, the kept points
 * are thinned again.
 */
import { thin } from '../session/progress-buffer'
import type { EpochPoint, RunCurves, RunMetrics } from './record'
import type { EpochMetrics } from '../protocol'

export const MAX_LOSS_POINTS = 1000

/**
 * A finite number, or null (JSON cannot hold NaN or Infinity). Here, not in record.ts: a sweep's
 * worker thread imports this file, and record.ts would bring zod with it (about 45 ms to import).
 */
export const jsonMetric = (value: number | undefined): number | null => (value === undefined || !Number.isFinite(value) ? null : value)

export function metricsOf(m: EpochMetrics): RunMetrics {
  const out: RunMetrics = { trainLoss: jsonMetric(m.trainLoss), testLoss: jsonMetric(m.testLoss) }
  if (m.accuracy !== undefined) out.accuracy = jsonMetric(m.accuracy)
  if (m.r2 !== undefined) out.r2 = jsonMetric(m.r2)
  return out
}

/** Lower is better for losses, higher for accuracy and R²; the best of each, over the epochs. */
function better(best: RunMetrics | null, m: RunMetrics): RunMetrics {
  if (!best) return { ...m }
  const min = (a: number | null | undefined, b: number | null | undefined) => (a == null ? b : b == null ? a : Math.min(a, b))
  const max = (a: number | null | undefined, b: number | null | undefined) => (a == null ? b : b == null ? a : Math.max(a, b))
  const out: RunMetrics = { trainLoss: min(best.trainLoss, m.trainLoss) ?? null, testLoss: min(best.testLoss, m.testLoss) ?? null }
  if (m.accuracy !== undefined) out.accuracy = max(best.accuracy, m.accuracy) ?? null
  if (m.r2 !== undefined) out.r2 = max(best.r2, m.r2) ?? null
  return out
}

export class CurveRecorder {
  private steps: number[] = []
  private losses: number[] = []
  readonly epochs: EpochPoint[] = []
  final: RunMetrics | null = null
  best: RunMetrics | null = null

  addLoss(step: number, loss: number): void {
    this.steps.push(step)
    this.losses.push(loss)
    if (this.steps.length > 4 * MAX_LOSS_POINTS) this.compact()
  }

  addEpoch(m: EpochMetrics): void {
    const point = metricsOf(m)
    this.epochs.push({ epoch: m.epoch, step: m.step, ...point })
    this.final = point
    this.best = better(this.best, point)
  }

  curves(): RunCurves {
    const kept = thin(this.steps, this.losses, MAX_LOSS_POINTS)
    return { epochs: this.epochs.slice(), losses: kept.map((p) => [p.step, jsonMetric(p.loss)]) }
  }

  private compact(): void {
    const kept = thin(this.steps, this.losses, MAX_LOSS_POINTS)
    this.steps = kept.map((p) => p.step)
    this.losses = kept.map((p) => p.loss)
  }
}
