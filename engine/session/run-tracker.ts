/**
 * The studio's runs, as the engine session sees them: a run opens with the first step after a
 * fresh start (a load or a Reset) and ends when training stops for good (the epoch limit, a
 * divergence, a Reset, another load, closing). Pausing and resuming stay the same run. Records go
 * to the renderer as 'run' events (the host appends them to the project's runs log): the whole
 * record when the run ends, an update line every UPDATE_MS while it goes on.
 */
import { CurveRecorder } from '../runs/curves'
import { newRunId } from '../runs/make-record'
import { RUNS_FORMAT, RUNS_VERSION, runDefinition, type RunLine, type RunRecord } from '../runs/record'
import type { EngineEvent } from '../protocol'
import type { ProjectFile } from '../project/types'

const UPDATE_MS = 10_000

interface OpenRun {
  id: string
  startedAt: Date
  started: number
  lastUpdate: number
  recorder: CurveRecorder
  epochs: number
  steps: number
}

export class RunTracker {
  private open: OpenRun | null = null

  constructor(
    private readonly emitLine: (line: RunLine) => void,
    /** The project as it trains now (hyperparameter changes included). */
    private readonly project: () => ProjectFile | null,
    private readonly now: () => number,
  ) {}

  get currentId(): string | null {
    return this.open?.id ?? null
  }

  /** Watches what the training loop emits. */
  observe(event: EngineEvent): void {
    if (event.type === 'progress') {
      if (event.losses.length === 0 && event.epochs.length === 0) return
      const run = this.open ?? this.begin()
      for (const p of event.losses) run.recorder.addLoss(p.step, p.loss)
      for (const m of event.epochs) run.recorder.addEpoch(m)
      run.epochs = event.status.epoch
      run.steps = event.status.step
      if (this.now() - run.lastUpdate >= UPDATE_MS) this.update(run)
    } else if (event.type === 'stopped' && event.reason === 'max-epochs') this.end('finished')
    else if (event.type === 'diverged') this.end('diverged')
  }

  /** The run ends without reaching its limit (Reset, a new load, the engine closing). */
  end(status: RunRecord['status'] = 'stopped'): void {
    const run = this.open
    if (!run) return
    this.open = null
    this.emitLine(this.record(run, status))
  }

  private begin(): OpenRun {
    const now = this.now()
    this.open = { id: newRunId(), startedAt: new Date(), started: now, lastUpdate: now, recorder: new CurveRecorder(), epochs: 0, steps: 0 }
    this.emitLine(this.record(this.open, 'running'))
    return this.open
  }

  private update(run: OpenRun): void {
    run.lastUpdate = this.now()
    const { format, version, id, epochs, steps, final, best, wallSeconds, curves } = this.record(run, 'running')
    this.emitLine({ format, version, id, epochs, steps, final, best, wallSeconds, curves })
  }

  private record(run: OpenRun, status: RunRecord['status']): RunRecord {
    const wallSeconds = (this.now() - run.started) / 1000
    const project = this.project()
    return {
      format: RUNS_FORMAT,
      version: RUNS_VERSION,
      id: run.id,
      source: 'studio',
      status,
      startedAt: run.startedAt.toISOString(),
      endedAt: status === 'running' ? null : new Date(run.startedAt.getTime() + wallSeconds * 1000).toISOString(),
      wallSeconds,
      epochs: run.epochs,
      steps: run.steps,
      definition: (project ? runDefinition(project) : {}) as Record<string, unknown>,
      settings: {},
      final: run.recorder.final,
      best: run.recorder.best,
      curves: run.recorder.curves(),
    }
  }
}
