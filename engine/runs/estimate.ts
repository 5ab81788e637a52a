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

/**
 * A point's work relative to the others' (to hand out the longest first, so no long run starts
 * last): epochs × training rows × weights, a sample's multiply-adds. The rows are the synthetic
 * set's count where the point names one, else the same for every point.
 */
export function relativeWork(point: GridPoint): number {
  const { network, data, training } = point.project
  let weights = 0
  let fanIn = network.inputs
  for (const layer of network.layers) {
    weights += (fanIn + 1) * layer.units
    fanIn = layer.units
  }
  const rows = data.source === 'synthetic' ? data.samples : 1
  return training.epochs * rows * weights
}
