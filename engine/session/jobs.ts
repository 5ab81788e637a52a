/**
 * Long requests (gradient checks, whole-set gradients, big prediction grids) run as jobs: their
 * work yields every SLICE_MS to the message loop, so Pause, Cancel and every other request are
 * answered meanwhile, and a 'cancel' stops them at their next yield. Training is held while a job
 * runs (the job sees one set of weights; training goes on after it).
 */
import { finishSliced, type Steps } from '../train/steps'
import { SLICE_MS, type Clock } from './training-loop'

export class CanceledError extends Error {
  override readonly name = 'CanceledError'
}

interface Job {
  type: string
  canceled: boolean
}

export class Jobs {
  private readonly running = new Map<number, Job>()

  constructor(
    private readonly clock: Clock,
    /** Holds training (once granted) until the returned function is called. */
    private readonly holdTraining: () => Promise<() => void>,
  ) {}

  /** Runs the work of request `id` in slices; rejects with CanceledError when canceled. */
  async run<T>(id: number, type: string, steps: Steps<T>): Promise<T> {
    const job: Job = { type, canceled: false }
    this.running.set(id, job)
    // Training may be owed a slice first (see TrainingLoop.hold).
    const release = await this.holdTraining()
    let sliceStart = this.clock.now()
    try {
      if (job.canceled) throw new CanceledError(`${type} was canceled`)
      return await finishSliced(steps, async () => {
        if (this.clock.now() - sliceStart < SLICE_MS) return
        await new Promise<void>((resolve) => this.clock.schedule(resolve))
        sliceStart = this.clock.now()
        if (job.canceled) throw new CanceledError(`${type} was canceled`)
      })
    } finally {
      release()
      this.running.delete(id)
    }
  }

  /** Cancels the job of request `target`, or every job; how many were running. */
  cancel(target?: number): number {
    let count = 0
    for (const [id, job] of this.running) {
      if (target !== undefined && id !== target) continue
      job.canceled = true
      count++
    }
    return count
  }
}
