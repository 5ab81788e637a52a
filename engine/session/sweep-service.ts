/**
 * What the engine session needs to run a sweep: a service the host gives it (the Node engine
 * process runs the points on its worker pool, engine/node/studio-sweeps.ts); the core only plans
 * the points and reports. Records leave as run lines, the same lines the CLI appends to its log.
 */
import type { EpochMetrics } from '../protocol'
import type { GridPoint } from '../runs/grid'
import type { RunLine, RunRecord } from '../runs/record'

/** Where run lines go: a log file (CLI) or the renderer, which has the host append them (studio). */
export interface RunSink {
  append(line: RunLine): Promise<void>
  flushed(): Promise<void>
}

export interface SweepPlan {
  points: GridPoint[]
  csvText?: string
  earlyStop?: number
  sweepId: string
  workers?: number
}

export interface SweepHooks {
  onStart?: (point: GridPoint, index: number, id: string) => void
  onEpoch?: (index: number, metrics: EpochMetrics) => void
  onEnd?: (record: RunRecord, index: number) => void
  /** A cancel reached the run before its first step: it never ran and leaves no record. */
  onSkip?: (index: number) => void
}

export interface SweepHandle {
  pause(): void
  resume(): void
  cancel(): void
  /** Resolves when every run has ended (or was cancelled before it started). */
  done: Promise<void>
}

export interface SweepService {
  /** The default number of workers here (cores − 1, at least 1). */
  defaultWorkers(): number
  /** A sweep of this many workers is likely soon (the dialog asked for a plan): start them now. */
  prepare?(workers: number): void
  start(plan: SweepPlan, sink: RunSink, hooks: SweepHooks): SweepHandle
}
