// The engine process's SweepService: the studio's sweeps run on a pool of worker threads in this
// process (never on the renderer, never in main), one pool per sweep, closed when it ends.
import { SweepRunner } from './sweep-runner'
import { WorkerPool, defaultWorkerCount } from './worker-pool'
import type { SweepService } from '../session/sweep-service'

export function workerSweepService(runWorker: string | URL): SweepService {
  return {
    defaultWorkers: defaultWorkerCount,
    start(plan, sink, hooks) {
      const workers = Math.max(1, Math.min(plan.workers ?? defaultWorkerCount(), plan.points.length))
      const pool = new WorkerPool(runWorker, workers)
      const runner = new SweepRunner(pool, sink)
      const done = runner
        .run({ points: plan.points, csvText: plan.csvText, earlyStop: plan.earlyStop, sweepId: plan.sweepId, source: 'sweep' }, hooks)
        .then(() => undefined)
        .finally(() => pool.close())
      return { pause: () => runner.pause(), resume: () => runner.resume(), cancel: () => runner.cancel(), done }
    },
  }
}
