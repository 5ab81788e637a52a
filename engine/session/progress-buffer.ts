/**
 * What happened since the last progress message: batch losses and closed epochs. A message
 * carries at most MAX_POINTS losses; beyond that, each bucket of steps keeps its lowest and
 * highest loss (in step order), so spikes survive the thinning.
 */
import type { EpochMetrics, LossPoint } from '../protocol'

export const MAX_POINTS = 256

export class ProgressBuffer {
  private steps: number[] = []
  private losses: number[] = []
  private epochs: EpochMetrics[] = []

  addLoss(step: number, loss: number): void {
    this.steps.push(step)
    this.losses.push(loss)
  }

  addEpoch(metrics: EpochMetrics): void {
    this.epochs.push(metrics)
  }

  get empty(): boolean {
    return this.steps.length === 0 && this.epochs.length === 0
  }

  /** Takes everything buffered, thinned to at most MAX_POINTS losses. */
  drain(): { losses: LossPoint[]; epochs: EpochMetrics[] } {
    const losses = thin(this.steps, this.losses, MAX_POINTS)
    const epochs = this.epochs
    this.steps = []
    this.losses = []
    this.epochs = []
    return { losses, epochs }
  }
}

/** Keeps every point when there are few; otherwise the min and max of each of max/2 buckets. */
export function thin(steps: number[], losses: number[], max: number): LossPoint[] {
  const n = steps.length
  if (n <= max) return steps.map((step, i) => ({ step, loss: losses[i] }))
  const buckets = Math.floor(max / 2)
  const points: LossPoint[] = []
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets)
    const to = Math.floor(((b + 1) * n) / buckets)
    let lo = from
    let hi = from
    for (let i = from + 1; i < to; i++) {
      if (losses[i] < losses[lo]) lo = i
      if (losses[i] > losses[hi]) hi = i
    }
    for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) points.push({ step: steps[i], loss: losses[i] })
  }
  return points
}
