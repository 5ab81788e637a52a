/**
 * A sweep's time before it starts: a few steps of its first point timed on this kernel, times
 * every point's steps (epochs × batches per epoch), shared among the workers. A rough figure
 * (the dialog says "about"), never a promise.
 */
import { buildTrainer } from '../train/model'
import { prepareData } from '../data/prepare'
import type { GridPoint } from './grid'
import type { MatKernel } from '../math/kernel'

const SAMPLE_MS = 60
const MAX_SAMPLE_STEPS = 400

export function stepsOf(point: GridPoint, trainRows: number): number {
  return point.project.training.epochs * Math.ceil(trainRows / point.project.training.batchSize)
}

export function estimateSweepSeconds(points: GridPoint[], csvText: string | undefined, kernel: MatKernel, workers: number, now: () => number): { seconds: number; steps: number } {
  if (points.length === 0) return { seconds: 0, steps: 0 }
  const first = points[0].project
  const data = prepareData(first.data, first.training.seed, { csvText })
  const trainer = buildTrainer(first, data, kernel)
  const started = now()
  let sampled = 0
  while (sampled < MAX_SAMPLE_STEPS && now() - started < SAMPLE_MS && !trainer.maxEpochsReached) {
    if (trainer.trainStep().diverged) break
    sampled++
  }
  const perStepBase = sampled > 0 ? (now() - started) / 1000 / sampled : 0
  trainer.release() // the session's kernel: the sample's buffers go back to it
  const baseCost = first.training.batchSize
  let seconds = 0
  let steps = 0
  for (const point of points) {
    const n = stepsOf(point, data.train.n)
    steps += n
    // A step's cost grows with its batch; other settings are taken as costing the same.
    seconds += n * perStepBase * (point.project.training.batchSize / baseCost)
  }
  return { seconds: seconds / Math.max(1, Math.min(workers, points.length)), steps }
}
