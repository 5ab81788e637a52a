/**
 * Where a training step's time goes: a timing wrapper around a kernel measures each product
 * form (GFLOP/s) and, against the whole step, the fraction spent outside the kernels
 * (activations, loss, optimizer, gathering the batch). Runs apart from the speed rounds, since
 * the timers themselves cost a little.
 */
import { workloadTrainer } from './contestants'
import type { MatKernel } from '../math/kernel'
import type { Dataset } from '../data/dataset'
import type { LayerWeights } from '../project/types'
import type { Workload } from './workloads'

export interface Profile {
  kernel: string
  /** GFLOP/s per product form. */
  gflops: { NN: number; TN: number; NT: number }
  /** Fraction of the step time spent outside the three products. */
  outside: number
}

type Form = 'NN' | 'TN' | 'NT'

function timingKernel(inner: MatKernel, seconds: Record<Form, number>, flops: Record<Form, number>): MatKernel {
  const timed = (form: Form, run: () => void, work: number) => {
    const t = performance.now()
    run()
    seconds[form] += (performance.now() - t) / 1000
    flops[form] += work
  }
  return {
    name: inner.name,
    precision: inner.precision,
    alloc: (length) => inner.alloc(length),
    track: inner.track?.bind(inner),
    // Counted as time outside the products: it is the optimizer's loop.
    sgdStep: inner.sgdStep?.bind(inner),
    elementwise: inner.elementwise,
    matmulNN: (A, B, C, m, k, n) => timed('NN', () => inner.matmulNN(A, B, C, m, k, n), 2 * m * k * n),
    matmulTN: (A, B, C, m, k, n, alpha) => timed('TN', () => inner.matmulTN(A, B, C, m, k, n, alpha), 2 * m * k * n),
    matmulNT: (A, B, C, m, n, k) => timed('NT', () => inner.matmulNT(A, B, C, m, n, k), 2 * m * k * n),
  }
}

export function profileWorkload(workload: Workload, data: Dataset, weights: LayerWeights[], kernel: MatKernel, ms: number): Profile {
  const seconds = { NN: 0, TN: 0, NT: 0 }
  const flops = { NN: 0, TN: 0, NT: 0 }
  const trainer = workloadTrainer(workload, data, weights, timingKernel(kernel, seconds, flops))
  for (let s = 0; s < 20; s++) trainer.trainStep() // warm-up
  for (const form of ['NN', 'TN', 'NT'] as const) {
    seconds[form] = 0
    flops[form] = 0
  }
  const started = performance.now()
  while (performance.now() - started < ms) trainer.trainStep()
  const total = (performance.now() - started) / 1000
  const inKernels = seconds.NN + seconds.TN + seconds.NT
  const rate = (form: Form) => (seconds[form] > 0 ? flops[form] / seconds[form] / 1e9 : 0)
  return { kernel: kernel.name, gflops: { NN: rate('NN'), TN: rate('TN'), NT: rate('NT') }, outside: 1 - inKernels / total }
}
