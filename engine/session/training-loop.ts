/**
 * Runs training in short slices and yields between them, so pause, step and inspect requests
 * are answered while it trains. Progress goes out at most PROGRESS_HZ times a second, each
 * message carrying what happened since the last.
 */
import { layerStats } from '../train/layer-stats'
import { finish, type Steps } from '../train/steps'
import { ProgressBuffer } from './progress-buffer'
import type { Trainer } from '../train/trainer'
import type { EngineEvent, EpochMetrics, LayerStats, TrainingStatus } from '../protocol'

export const SLICE_MS = 8

/** How fresh the layer health of a progress message must be: 'recent' (within 10× its cost), 'cached', or 'now'. */
type StatsWanted = 'recent' | 'cached' | 'now'
export const PROGRESS_HZ = 25

export interface Clock {
  /** Milliseconds, monotonic if the host can. */
  now(): number
  /** Runs fn after pending messages are handled (setImmediate / setTimeout 0). */
  schedule(fn: () => void): void
}

/** Every JS host has setTimeout, though the engine core's type environment does not declare it. */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown }

/** Fallback clock; Node hosts pass setImmediate, which does not wait the 1 ms a timer does. */
export const defaultClock: Clock = {
  now: () => Date.now(),
  schedule: (fn) => void timers.setTimeout(fn, 0),
}

/** 'run' trains until paused or the epoch limit; 'epoch' until the current epoch closes. */
type Mode = 'run' | 'epoch'

export class TrainingLoop {
  private mode: Mode | null = null
  private readonly buffer = new ProgressBuffer()
  private lastProgressAt = 0
  private stepsPerSecond = 0
  /** Bumped on every start and stop, so a slice scheduled before a stop never runs on. */
  private generation = 0
  /** At most this many steps a second (the studio's Speed control), or null for full speed. */
  private speed: number | null = null
  /** When the paced run (re)started and the steps it has taken since. */
  private paceStart: number | null = null
  private paceSteps = 0
  /** The last layer health sent, when it was computed and what it cost (ms). */
  private stats: LayerStats[] | null = null
  private statsAt = -Infinity
  private statsCost = 0
  /** Jobs holding training (see jobs.ts), and the run that waits for them. */
  private holds = 0
  private heldGeneration = -1
  /** Holds asked for while a run waited: granted after its next slice, so back-to-back jobs cannot starve it. */
  private waitingHolds: (() => void)[] = []
  /** The metrics pass of the epoch the last step closed, run chunk by chunk before the next step. */
  private closing: Steps<EpochMetrics> | null = null
  /** Where an 'epoch' run ends: when the cursor reaches this epoch and its metrics are in. */
  private stopAtEpoch = 0

  constructor(
    private trainer: Trainer,
    private readonly clock: Clock,
    private readonly emit: (event: EngineEvent) => void,
  ) {}

  get running(): boolean {
    return this.mode !== null
  }

  /** Points the loop at a new trainer (load, reset); stops first. */
  replaceTrainer(trainer: Trainer): void {
    this.stop()
    this.trainer = trainer
    this.closing = null
    this.stats = null
    this.buffer.drain()
    this.stepsPerSecond = 0
  }

  status(): TrainingStatus {
    const t = this.trainer
    return {
      running: this.running,
      step: t.step,
      epoch: t.epoch,
      batchInEpoch: Math.ceil(t.cursor.rowInEpoch / t.training.batchSize),
      batchesPerEpoch: t.batchesPerEpoch,
      stepsPerSecond: this.stepsPerSecond,
      kernel: t.kernel.name,
    }
  }

  /** Starts continuous training (or until the current epoch closes). At the epoch limit it only says so ('stopped'). */
  start(mode: Mode): void {
    // An epoch whose metrics are still being computed is finished first, whatever the limit.
    if (mode === 'run' && this.trainer.maxEpochsReached && !this.closing) {
      this.emit({ type: 'stopped', status: this.status(), reason: 'max-epochs' })
      return
    }
    this.mode = mode
    // 'epoch': until the epoch being trained closes (one whose metrics are pending has closed).
    this.stopAtEpoch = this.trainer.epoch + 1
    this.paceStart = null
    const generation = ++this.generation
    this.clock.schedule(() => this.slice(generation))
  }

  /** Stops after the current step; flushes progress. */
  pause(): void {
    if (!this.running) return
    this.stop()
    // Pause answers at once; the health of the last batch follows in its own message.
    this.flush('cached')
    this.emit({ type: 'stopped', status: this.status(), reason: 'paused' })
    const generation = this.generation
    this.clock.schedule(() => {
      if (generation === this.generation && !this.running) this.flush('now')
    })
  }

  /** Exactly one batch, then a progress message (with the metrics of an epoch it closes, or that was closing). */
  stepOnce(): void {
    this.stop()
    this.settleEpoch()
    if (this.runStep() === 'continue') this.settleEpoch()
    this.flush()
  }

  /** Finishes at once the metrics pass of an epoch whose end was already trained (before a step, or a weight edit). */
  settleEpoch(): void {
    if (!this.closing) return
    const metrics = finish(this.closing)
    this.closing = null
    this.buffer.addEpoch(metrics)
  }

  /** Limits training to `stepsPerSecond` (null: full speed); takes effect at the next slice. */
  setSpeed(stepsPerSecond: number | null): void {
    this.speed = stepsPerSecond
    this.paceStart = null
    if (stepsPerSecond === null && this.mode) {
      // A paced run may be waiting on a timer: go on now.
      const generation = ++this.generation
      this.clock.schedule(() => this.slice(generation))
    }
  }

  /**
   * Holds training (it stays 'running') until the returned function is called. While a run waits
   * for holds to end, a new hold is granted only after the run's next slice: jobs asked for one
   * after another (the studio's refreshers) take turns with training instead of stopping it.
   */
  hold(): Promise<() => void> {
    const grant = (): (() => void) => {
      this.holds++
      let released = false
      return () => {
        if (released) return
        released = true
        // The run stays 'waiting' until that slice runs, so a hold asked for meanwhile waits for it.
        if (--this.holds > 0 || !this.waiting) return
        const generation = this.generation
        this.clock.schedule(() => this.slice(generation))
      }
    }
    if (!this.waiting && this.waitingHolds.length === 0) return Promise.resolve(grant())
    return new Promise((resolve) => this.waitingHolds.push(() => resolve(grant())))
  }

  /** A run is waiting for its holds to end (or for the slice they released). */
  private get waiting(): boolean {
    return this.mode !== null && this.heldGeneration === this.generation
  }

  /** Grants the holds that waited for a slice (it ran, or the run stopped). */
  private grantWaitingHolds(): void {
    const waiting = this.waitingHolds
    this.waitingHolds = []
    for (const grant of waiting) grant()
  }

  /** Stops without a message (the session is going away). */
  halt(): void {
    this.stop()
  }

  private stop(): void {
    this.mode = null
    this.generation++
    this.grantWaitingHolds()
  }

  private slice(generation: number): void {
    if (generation !== this.generation || !this.mode) return
    if (this.holds > 0) {
      this.heldGeneration = generation
      return
    }
    this.heldGeneration = -1
    try {
      if (this.speed !== null) this.pacedSlice(generation, this.speed)
      else this.fullSpeedSlice(generation)
    } finally {
      this.grantWaitingHolds()
    }
  }

  private fullSpeedSlice(generation: number): void {
    const started = this.clock.now()
    const stepBefore = this.trainer.step
    let end: 'continue' | 'stop' = 'continue'
    while (end === 'continue' && this.clock.now() - started < SLICE_MS) end = this.runStep()
    const elapsed = this.clock.now() - started
    if (elapsed > 0) this.measureSpeed((this.trainer.step - stepBefore) / (elapsed / 1000))
    if (end === 'stop') return
    // The progress message (its layer health is a pass over batch × units) is a task of its own,
    // so a Pause waits for a step or for it, never both.
    if (this.clock.now() - this.lastProgressAt >= 1000 / PROGRESS_HZ) this.clock.schedule(() => generation === this.generation && this.flush())
    this.clock.schedule(() => this.slice(generation))
  }

  /**
   * Training at a set speed: the steps due by now (the first at once), then a timer until the next
   * is due. Progress goes out after every paced slice, so each step shows (a boundary forming).
   */
  private pacedSlice(generation: number, speed: number): void {
    const now = this.clock.now()
    if (this.paceStart === null) {
      this.paceStart = now
      this.paceSteps = 0
    }
    const due = Math.floor(((now - this.paceStart) * speed) / 1000) + 1 - this.paceSteps
    const stepBefore = this.trainer.step
    let end: 'continue' | 'stop' = 'continue'
    // Counted in steps: an epoch's metrics pass (several calls of runStep) is not a step.
    while (this.trainer.step - stepBefore < due && end === 'continue' && this.clock.now() - now < SLICE_MS) end = this.runStep()
    this.paceSteps += this.trainer.step - stepBefore
    if (end === 'stop') return
    const elapsed = this.clock.now() - this.paceStart
    if (elapsed > 0) this.stepsPerSecond = Math.min(speed, (this.paceSteps * 1000) / elapsed)
    if (due > 0) this.flush()
    const wait = Math.max(0, this.paceStart + (this.paceSteps * 1000) / speed - this.clock.now())
    timers.setTimeout(() => this.slice(generation), wait)
  }

  /**
   * One step with its bookkeeping, or one chunk of the metrics pass of the epoch it closed (a
   * 100,000-unit layer's pass takes a second); 'stop' when the loop must end (it has emitted why).
   */
  private runStep(): 'continue' | 'stop' {
    if (this.closing) return this.closingChunk(this.closing)
    const outcome = this.trainer.trainStepSliced()
    if (outcome.diverged) {
      this.stop()
      this.flush()
      this.emit({ type: 'diverged', status: this.status(), report: outcome.diverged })
      return 'stop'
    }
    this.buffer.addLoss(this.trainer.step, outcome.loss)
    this.closing = outcome.closing
    return 'continue'
  }

  private closingChunk(closing: Steps<EpochMetrics>): 'continue' | 'stop' {
    const next = closing.next()
    if (!next.done) return 'continue'
    this.closing = null
    this.buffer.addEpoch(next.value)
    if (this.mode === 'run' && this.trainer.maxEpochsReached) {
      this.stop()
      this.flush()
      this.emit({ type: 'stopped', status: this.status(), reason: 'max-epochs' })
      return 'stop'
    }
    if (this.mode === 'epoch' && this.trainer.epoch >= this.stopAtEpoch) {
      this.stop()
      this.flush()
      this.emit({ type: 'stopped', status: this.status(), reason: 'epoch-done' })
      return 'stop'
    }
    return 'continue'
  }

  private measureSpeed(rate: number): void {
    // Exponential average over roughly the last half second of slices.
    this.stepsPerSecond = this.stepsPerSecond === 0 ? rate : 0.9 * this.stepsPerSecond + 0.1 * rate
  }

  /**
   * The layers' health of the last batch. For a wide layer it is a pass over batch × units (80 ms
   * for 100,000 units on a loaded machine), so it is recomputed at most every 10× its cost, and
   * `cached` (Pause's reply) takes the last ones: fresh ones follow just after.
   */
  private healthStats(wanted: StatsWanted): LayerStats[] {
    const started = this.clock.now()
    const recent = started - this.statsAt < 10 * this.statsCost
    if (this.stats && (wanted === 'cached' || (wanted === 'recent' && recent))) return this.stats
    this.stats = layerStats(this.trainer.network, this.trainer.batch, this.trainer.optimizer.updateNormSq)
    this.statsAt = this.clock.now()
    this.statsCost = this.statsAt - started
    return this.stats
  }

  /** Sends buffered progress now. */
  flush(stats: StatsWanted = 'recent'): void {
    this.lastProgressAt = this.clock.now()
    const { losses, epochs } = this.buffer.drain()
    this.emit({ type: 'progress', status: this.status(), losses, epochs, layerStats: this.healthStats(stats) })
  }
}
