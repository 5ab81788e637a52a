// Entry of a sweep's worker thread: runs one RunJob at a time (engine/runs/run-job.ts) with the
// fastest kernel of this host, reports its epochs, and obeys the sweep's shared control word
// (0 go, 1 pause, 2 stop) between steps.
import { serveJobs } from './pool-worker'
import { runJob } from '../runs/run-job'
import { selectKernel } from '../math/select-kernel'
import type { MatKernel, Precision } from '../math/kernel'
import { readBuiltinDataset } from './builtin-files'
import type { Dataset } from '../data/dataset'
import { CONTROL, type RunWorkerEvent, type WorkerRunJob } from './run-control'

const builtins = new Map<string, Dataset>()
const builtin = (name: string): Dataset => {
  let rows = builtins.get(name)
  if (!rows) builtins.set(name, (rows = readBuiltinDataset(name)))
  return rows
}

const kernels = new Map<Precision, MatKernel>()
const kernelFor = (precision: Precision): MatKernel => {
  let kernel = kernels.get(precision)
  if (!kernel) kernels.set(precision, (kernel = selectKernel('auto', precision)))
  return kernel
}

/** Epoch reports at most ten a second (a short run reports each). */
const EPOCH_EVERY_MS = 100

serveJobs((input, emit) => {
  const job = input as WorkerRunJob
  const word = job.control
  let lastEmit = 0
  return runJob(job, {
    kernelFor,
    builtin,
    onEpoch: (metrics) => {
      const now = performance.now()
      if (now - lastEmit < EPOCH_EVERY_MS) return
      lastEmit = now
      emit({ type: 'epoch', metrics } satisfies RunWorkerEvent)
    },
    control: word
      ? () => {
          // Paused: sleep on the word until it changes (no spinning), then go on or stop.
          while (Atomics.load(word, 0) === CONTROL.pause) Atomics.wait(word, 0, CONTROL.pause, 1000)
          return Atomics.load(word, 0) === CONTROL.stop ? 'stop' : 'go'
        }
      : undefined,
  })
})
