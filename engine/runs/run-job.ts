/**
 * One run as a job a worker thread can take: the definition (and the CSV text it names) in, a
 * plain summary out (structured-clone safe), so the process that owns the runs log writes the
 * record. The same code runs a sweep point and `train`.
 */
import { prepareData, networkDataMismatch } from '../data/prepare'
import { precisionOf } from '../train/model'
import { runTraining, type RunControl, type RunOutcome } from './run-training'
import type { DivergenceReport, EpochMetrics } from '../protocol'
import type { LayerWeights, ProjectFile } from '../project/types'
import type { MatKernel, Precision } from '../math/kernel'
import type { Dataset } from '../data/dataset'
import type { RunCurves, RunMetrics } from './record'

export interface RunJob {
  project: ProjectFile
  csvText?: string
  earlyStop?: number
  keepWeights?: boolean
}

export interface RunSummary {
  status: RunOutcome['status']
  epochs: number
  steps: number
  final: RunMetrics | null
  best: RunMetrics | null
  curves: RunCurves
  wallSeconds: number
  diverged: DivergenceReport | null
  weights?: LayerWeights[]
}

export function summarize(outcome: RunOutcome, keepWeights = false): RunSummary {
  const { trainer, recorder } = outcome
  const summary: RunSummary = {
    status: outcome.status,
    epochs: trainer.epoch,
    steps: trainer.step,
    final: recorder.final,
    best: recorder.best,
    curves: recorder.curves(),
    wallSeconds: outcome.wallSeconds,
    diverged: outcome.diverged,
  }
  if (keepWeights) summary.weights = trainer.network.getWeights()
  return summary
}

export interface JobHooks {
  kernelFor: (precision: Precision) => MatKernel
  /** The rows of a built-in data set (the Node worker reads and decodes its file once). */
  builtin?: (name: string) => Dataset
  onEpoch?: (m: EpochMetrics) => void
  control?: () => RunControl
}

export function runJob(job: RunJob, hooks: JobHooks): RunSummary {
  const { project } = job
  const builtin = project.data.source === 'builtin' ? hooks.builtin?.(project.data.name) : undefined
  const data = prepareData(project.data, project.training.seed, { csvText: job.csvText, builtin })
  const mismatch = networkDataMismatch(project.network, data.train)
  if (mismatch) throw new Error(mismatch)
  const outcome = runTraining(project, data, hooks.kernelFor(precisionOf(project)), {
    earlyStop: job.earlyStop,
    onEpoch: hooks.onEpoch,
    control: hooks.control,
  })
  const summary = summarize(outcome, job.keepWeights)
  // The worker's kernel serves run after run: each run's buffers go back to it.
  outcome.trainer.release()
  return summary
}
