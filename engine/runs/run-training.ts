/**
 * One run from a fresh start to its end, as `train` and every sweep point compute it: the same
 * trainer, the same step loop, so the same definition gives the same numbers wherever it runs.
 * The caller may stop it early (test loss not improving for N epochs) or from outside (control).
 */
import { buildTrainer } from '../train/model'
import { CurveRecorder } from './curves'
import type { DivergenceReport, EpochMetrics } from '../protocol'
import type { MatKernel } from '../math/kernel'
import type { PreparedData } from '../data/prepare'
import type { ProjectFile } from '../project/types'
import type { RunStatus } from './record'
import type { Trainer } from '../train/trainer'

export type RunControl = 'go' | 'stop'

export interface RunOptions {
  /** Stop when the test loss has not improved for this many epochs (finished, not stopped). */
  earlyStop?: number
  onEpoch?: (m: EpochMetrics) => void
  /** Asked between steps (every `controlEvery` steps); 'stop' ends the run as stopped. */
  control?: () => RunControl
  controlEvery?: number
}

export interface RunOutcome {
  status: Extract<RunStatus, 'finished' | 'stopped' | 'diverged'>
  trainer: Trainer
  recorder: CurveRecorder
  diverged: DivergenceReport | null
  wallSeconds: number
}

class EarlyStop {
  private best = Number.POSITIVE_INFINITY
  private since = 0
  constructor(private readonly patience: number) {}

  /** True when this epoch is the patience-th in a row without a lower test loss. */
  stale(testLoss: number): boolean {
    if (!Number.isFinite(testLoss)) return false
    if (testLoss < this.best) {
      this.best = testLoss
      this.since = 0
      return false
    }
    return ++this.since >= this.patience
  }
}

export function runTraining(project: ProjectFile, data: PreparedData, kernel: MatKernel, options: RunOptions = {}): RunOutcome {
  const started = Date.now()
  const trainer = buildTrainer(project, data, kernel)
  const recorder = new CurveRecorder()
  const early = options.earlyStop ? new EarlyStop(options.earlyStop) : null
  const every = Math.max(1, options.controlEvery ?? 16)
  const end = (status: RunOutcome['status'], diverged: DivergenceReport | null = null): RunOutcome => ({
    status,
    trainer,
    recorder,
    diverged,
    wallSeconds: (Date.now() - started) / 1000,
  })
  while (!trainer.maxEpochsReached) {
    if (options.control && trainer.step % every === 0 && options.control() === 'stop') return end('stopped')
    const outcome = trainer.trainStep()
    if (outcome.diverged) return end('diverged', outcome.diverged)
    recorder.addLoss(trainer.step, outcome.loss)
    if (outcome.epoch) {
      recorder.addEpoch(outcome.epoch)
      options.onEpoch?.(outcome.epoch)
      if (early?.stale(outcome.epoch.testLoss)) return end('finished')
    }
  }
  return end('finished')
}
