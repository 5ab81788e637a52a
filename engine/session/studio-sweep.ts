/**
 * One sweep of the studio, run by the host's SweepService: planned here from the loaded project
 * (the definition in the editor) and the dialog's settings, reported to the renderer as
 * 'sweep-progress' events (at most PROGRESS_MS apart) and 'run' lines as runs start and end.
 */
import { expandCombinations, expandGrid, GridError, type GridPoint, type SetSpec } from '../runs/grid'
import { newRunId } from '../runs/make-record'
import type { EngineEvent } from '../protocol'
import type { ProjectFile } from '../project/types'
import type { RunLine, SettingValue } from '../runs/record'
import type { SweepHandle, SweepService } from './sweep-service'

const PROGRESS_MS = 200

export interface SweepRequest {
  /** Grid: the cartesian product of these sets. */
  sets: SetSpec[]
  /** Random search (or any explicit list): these combinations instead of the grid. */
  combos?: Record<string, SettingValue>[]
  repeats: number
  epochs?: number
  earlyStop?: number
  workers?: number
  /** Only these runs of the planned sweep, by index ("Restart remaining runs" after a crash). */
  only?: number[]
}

export type SweepRunStatus = 'waiting' | 'running' | 'finished' | 'stopped' | 'diverged' | 'crashed'
export interface SweepRunState {
  index: number
  settings: Record<string, SettingValue>
  status: SweepRunStatus
  epoch: number
  epochs: number
  id: string | null
}

export function planSweep(project: ProjectFile, request: SweepRequest): GridPoint[] {
  try {
    const options = { repeats: request.repeats, epochs: request.epochs }
    const points = request.combos ? expandCombinations(project, request.combos, options) : expandGrid(project, request.sets, options)
    return request.only ? pickRuns(points, request.only) : points
  } catch (error) {
    if (error instanceof GridError) throw new Error(error.message.replace(/^a sweep needs at least one --set.*$/, 'pick at least one setting to sweep'), { cause: error })
    throw error
  }
}

function pickRuns(points: GridPoint[], only: number[]): GridPoint[] {
  const missing = only.find((i) => i >= points.length)
  if (missing !== undefined) throw new Error(`run #${missing + 1} is not in this sweep (it has ${points.length} runs): the project changed since`)
  return only.map((i) => points[i])
}

export class StudioSweep {
  readonly id = newRunId()
  readonly runs: SweepRunState[]
  private handle: SweepHandle | null = null
  private state: 'running' | 'paused' | 'done' | 'cancelled' = 'running'
  private lastProgress = 0
  private readonly started: number

  constructor(
    private readonly points: GridPoint[],
    private readonly emit: (event: EngineEvent) => void,
    private readonly now: () => number,
  ) {
    this.started = now()
    this.runs = points.map((p, index) => ({ index, settings: p.settings, status: 'waiting', epoch: 0, epochs: p.project.training.epochs, id: null }))
  }

  start(service: SweepService, request: SweepRequest, csvText: string | undefined): void {
    const sink = {
      append: async (line: RunLine) => this.emit({ type: 'run', line }),
      flushed: async () => {},
    }
    this.handle = service.start({ points: this.points, csvText, earlyStop: request.earlyStop, sweepId: this.id, workers: request.workers }, sink, {
      onStart: (_point, index, id) => this.update(index, { status: 'running', id }),
      onEpoch: (index, m) => this.update(index, { epoch: m.epoch }),
      onEnd: (record, index) => this.update(index, { status: record.status as SweepRunStatus, epoch: record.epochs }, true),
      onSkip: (index) => this.update(index, { status: 'waiting', id: null }, true),
    })
    this.handle.done.then(
      () => this.finish(this.state === 'cancelled' ? 'cancelled' : 'done'),
      (error: Error) => {
        this.emit({ type: 'error', message: `the sweep failed: ${error.message}` })
        this.finish('cancelled')
      },
    )
    this.report(true)
  }

  control(action: 'pause' | 'resume' | 'cancel'): string {
    if (!this.handle || this.state === 'done' || this.state === 'cancelled') return this.state
    if (action === 'pause') {
      this.handle.pause()
      this.state = 'paused'
    } else if (action === 'resume') {
      this.handle.resume()
      this.state = 'running'
    } else {
      this.handle.cancel()
      this.state = 'cancelled'
    }
    this.report(true)
    return this.state
  }

  get active(): boolean {
    return this.state === 'running' || this.state === 'paused'
  }

  private finish(state: 'done' | 'cancelled'): void {
    this.state = state
    // Runs that never started stay 'waiting': the renderer lists them as not run.
    this.report(true)
  }

  private update(index: number, patch: Partial<SweepRunState>, force = false): void {
    Object.assign(this.runs[index], patch)
    this.report(force)
  }

  private report(force: boolean): void {
    const now = this.now()
    if (!force && now - this.lastProgress < PROGRESS_MS) return
    this.lastProgress = now
    const done = this.runs.filter((r) => r.status !== 'waiting' && r.status !== 'running').length
    const elapsed = (now - this.started) / 1000
    const eta = done > 0 && this.state === 'running' ? (elapsed / done) * (this.runs.length - done) : null
    this.emit({ type: 'sweep-progress', sweepId: this.id, state: this.state, total: this.runs.length, done, etaSeconds: eta, runs: this.runs.map((r) => ({ ...r })) })
  }
}
