// The sweep's shared control word, read by every worker between steps (see run-worker.ts).
import type { RunJob } from '../runs/run-job'
import type { EpochMetrics } from '../protocol'

export const CONTROL = { go: 0, pause: 1, stop: 2 } as const

export interface WorkerRunJob extends RunJob {
  /** An Int32Array of length 1 on shared memory: the sweep's control word. */
  control?: Int32Array
}

export type RunWorkerEvent = { type: 'epoch'; metrics: EpochMetrics }

/** A control word on shared memory, so workers see a pause or a stop at once. */
export function newControlWord(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4))
}

export function setControl(word: Int32Array, value: (typeof CONTROL)[keyof typeof CONTROL]): void {
  Atomics.store(word, 0, value)
  Atomics.notify(word, 0)
}
