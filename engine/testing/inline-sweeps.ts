/** A SweepService for tests of the core: each point runs in this thread, one at a time (the real one uses worker threads). */
import { jsKernel, jsKernel32 } from '../math/js-kernel'
import { newRunId, recordOf } from '../runs/make-record'
import { runJob } from '../runs/run-job'
import type { SweepService } from '../session/sweep-service'

/** Every JS host has setTimeout, though the core's type environment does not declare it. */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown }

export const inlineSweeps: SweepService = {
  defaultWorkers: () => 1,
  start(plan, sink, hooks) {
    let cancelled = false
    const done = (async () => {
      for (const [index, point] of plan.points.entries()) {
        await new Promise<void>((wake) => timers.setTimeout(() => wake(), 0))
        if (cancelled) return
        const id = newRunId()
        const startedAt = new Date()
        hooks.onStart?.(point, index, id)
        const summary = runJob({ project: point.project, csvText: plan.csvText, earlyStop: plan.earlyStop }, { kernelFor: (p) => (p === 'float64' ? jsKernel : jsKernel32) })
        const record = recordOf({ id, source: 'sweep', project: point.project, settings: point.settings, startedAt, sweep: plan.sweepId }, summary)
        await sink.append(record)
        hooks.onEnd?.(record, index)
      }
    })()
    return { pause: () => {}, resume: () => {}, cancel: () => void (cancelled = true), done }
  },
}
