/**
 * Runs a sweep's points on a worker pool and appends each run's record to the runs log as it
 * ends (before the next line of progress), so a kill at any moment loses only the runs still
 * going. A long run also gets an update line every UPDATE_EVERY_MS with its epochs and metrics.
 * Used by the CLI's `sweep` and by the engine process for the studio's sweeps.
 */
import { newRunId, recordOf } from '../runs/make-record'
import { metricsOf } from '../runs/curves'
import { RUNS_FORMAT, RUNS_VERSION, type RunRecord } from '../runs/record'
import { CONTROL, newControlWord, setControl, type RunWorkerEvent, type WorkerRunJob } from './run-control'
import { WorkerCrashed, type WorkerPool } from './worker-pool'
import type { GridPoint } from '../runs/grid'
import type { RunSummary } from '../runs/run-job'
import type { RunSink, SweepHooks } from '../session/sweep-service'

const UPDATE_EVERY_MS = 10_000

export interface SweepRun {
  points: GridPoint[]
  /** Position of each point in the whole sweep (resumed sweeps skip some). */
  indexes?: number[]
  csvText?: string
  earlyStop?: number
  sweepId: string
  source?: RunRecord['source']
}

export class SweepRunner {
  readonly control = newControlWord()
  private stopping = false

  constructor(
    private readonly pool: WorkerPool,
    private readonly appender: RunSink,
  ) {}

  pause(): void {
    if (!this.stopping) setControl(this.control, CONTROL.pause)
  }

  resume(): void {
    if (!this.stopping) setControl(this.control, CONTROL.go)
  }

  /** Running jobs end as stopped (their records are kept); waiting ones never start. */
  cancel(): void {
    this.stopping = true
    setControl(this.control, CONTROL.stop)
  }

  get cancelled(): boolean {
    return this.stopping
  }

  /** Every point's record, in the points' order (crashed runs included; cancelled ones that never started left out). */
  async run(sweep: SweepRun, hooks: SweepHooks = {}): Promise<RunRecord[]> {
    const records = await Promise.all(sweep.points.map((point, i) => this.runPoint(sweep, point, sweep.indexes?.[i] ?? i, hooks)))
    await this.appender.flushed()
    return records.filter((r): r is RunRecord => r !== null)
  }

  private async runPoint(sweep: SweepRun, point: GridPoint, index: number, hooks: SweepHooks): Promise<RunRecord | null> {
    const id = newRunId()
    const context = { id, source: sweep.source ?? 'sweep', project: point.project, settings: point.settings, sweep: sweep.sweepId } as const
    let startedAt: Date | null = null
    let lastUpdate = 0
    const job: WorkerRunJob = { project: point.project, csvText: sweep.csvText, earlyStop: sweep.earlyStop, control: this.control }
    const onEvent = (event: unknown) => {
      const { metrics } = event as RunWorkerEvent
      if (!startedAt) return
      hooks.onEpoch?.(index, metrics)
      if (Date.now() - lastUpdate < UPDATE_EVERY_MS) return
      lastUpdate = Date.now()
      void this.appender.append({ format: RUNS_FORMAT, version: RUNS_VERSION, id, epochs: metrics.epoch, steps: metrics.step, final: metricsOf(metrics), wallSeconds: (lastUpdate - startedAt.getTime()) / 1000 })
    }
    // The job is queued now; it starts when a worker takes it.
    const started = () => {
      startedAt = new Date()
      lastUpdate = Date.now()
      hooks.onStart?.(point, index, id)
    }
    if (this.stopping) return null
    let summary: RunSummary
    try {
      summary = await this.pool.run<RunSummary>(job, onEvent, started)
    } catch (error) {
      if (!(error instanceof WorkerCrashed) && this.stopping) {
        hooks.onSkip?.(index)
        return null
      }
      const record = crashedRecord(recordOf({ ...context, startedAt: startedAt ?? new Date() }, emptySummary()), error as Error)
      await this.appender.append(record)
      hooks.onEnd?.(record, index)
      return record
    }
    // Cancelled before its first step: it never ran, so it leaves no record.
    if (this.stopping && summary.status === 'stopped' && summary.steps === 0) {
      hooks.onSkip?.(index)
      return null
    }
    const record = recordOf({ ...context, startedAt: startedAt ?? new Date() }, summary)
    await this.appender.append(record)
    hooks.onEnd?.(record, index)
    return record
  }
}

function emptySummary(): RunSummary {
  return { status: 'stopped', epochs: 0, steps: 0, final: null, best: null, curves: { epochs: [], losses: [] }, wallSeconds: 0, diverged: null }
}

function crashedRecord(record: RunRecord, error: Error): RunRecord {
  return { ...record, status: 'crashed', note: error.message }
}
