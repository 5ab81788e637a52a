/**
 * Runs a sweep's points on a worker pool and appends each run's record to the runs log as it
 * ends (before the next line of progress), so a kill at any moment loses only the runs still
 * going. A long run also gets an update line every UPDATE_EVERY_MS with its epochs and metrics.
 * Used by the CLI's `sweep` and by the engine process for the studio's sweeps.
 */
import { newRunId, recordOf } from '../runs/make-record'
import { metricsOf } from '../runs/curves'
import { relativeWork } from '../runs/estimate'
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
    /** Runs at a time (the pool may hold more workers, kept warm for other sweeps). */
    private readonly workers: number = pool.size,
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

  /**
   * Every point's record, in the points' order (crashed runs included; cancelled ones that never
   * started left out). Points are handed out one at a time to `workers` lanes, each taking the
   * next point as soon as its run ends (its record is written meanwhile), the longest first (by
   * relativeWork), so uneven runs balance and no long run starts last.
   */
  async run(sweep: SweepRun, hooks: SweepHooks = {}): Promise<RunRecord[]> {
    const records: (RunRecord | null)[] = []
    const writes: Promise<void>[] = []
    const work = sweep.points.map(relativeWork)
    const order = sweep.points.map((_, i) => i).sort((a, b) => work[b] - work[a] || a - b)
    let next = 0
    const lane = async () => {
      while (next < order.length && !this.stopping) {
        const i = order[next++]
        const ended = await this.runPoint(sweep, sweep.points[i], sweep.indexes?.[i] ?? i, hooks)
        if (!ended) continue
        // A record that cannot be written (a full disk) stops the sweep; the error comes out below.
        const written = ended.written.then((record) => void (records[i] = record))
        written.catch(() => this.cancel())
        writes.push(written)
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.workers, sweep.points.length) }, lane))
    await Promise.all(writes)
    await this.appender.flushed()
    return records.filter((r): r is RunRecord => r != null)
  }

  /**
   * Runs one point; resolves when its run has ended, with the writing of its record still going
   * (wrapped, so the lane need not wait for it; null: the point never ran).
   */
  private async runPoint(sweep: SweepRun, point: GridPoint, index: number, hooks: SweepHooks): Promise<{ written: Promise<RunRecord> } | null> {
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
    const write = async (record: RunRecord) => {
      await this.appender.append(record)
      hooks.onEnd?.(record, index)
      return record
    }
    let summary: RunSummary
    try {
      summary = await this.pool.run<RunSummary>(job, onEvent, started)
    } catch (error) {
      if (!(error instanceof WorkerCrashed) && this.stopping) {
        hooks.onSkip?.(index)
        return null
      }
      return { written: write(crashedRecord(recordOf({ ...context, startedAt: startedAt ?? new Date() }, emptySummary()), error as Error)) }
    }
    // Cancelled before its first step: it never ran, so it leaves no record.
    if (this.stopping && summary.status === 'stopped' && summary.steps === 0) {
      hooks.onSkip?.(index)
      return null
    }
    return { written: write(recordOf({ ...context, startedAt: startedAt ?? new Date() }, summary)) }
  }
}

function emptySummary(): RunSummary {
  return { status: 'stopped', epochs: 0, steps: 0, final: null, best: null, curves: { epochs: [], losses: [] }, wallSeconds: 0, diverged: null }
}

function crashedRecord(record: RunRecord, error: Error): RunRecord {
  return { ...record, status: 'crashed', note: error.message }
}
