// The engine process's SweepService: the studio's sweeps run on worker threads of this process
// (never on the renderer, never in main). The workers are kept between sweeps (warm-pools.ts), and
// start as soon as the Sweep dialog asks for a plan, so a sweep does not wait for them.
import { SweepRunner } from './sweep-runner'
import { defaultWorkerCount } from './worker-pool'
import { warmPool } from './warm-pools'
import type { SweepService } from '../session/sweep-service'

export function workerSweepService(runWorker: string | URL): SweepService {
  return {
    defaultWorkers: defaultWorkerCount,
    prepare(workers) {
      warmPool(runWorker, Math.max(1, workers))
    },
    start(plan, sink, hooks) {
      const workers = Math.max(1, Math.min(plan.workers ?? defaultWorkerCount(), plan.points.length))
      const runner = new SweepRunner(warmPool(runWorker, workers), sink, workers)
      const done = runner.run({ points: plan.points, csvText: plan.csvText, earlyStop: plan.earlyStop, sweepId: plan.sweepId, source: 'sweep' }, hooks).then(() => undefined)
      return { pause: () => runner.pause(), resume: () => runner.resume(), cancel: () => runner.cancel(), done }
    },
  }
}
