/**
 * Where a training step's time goes: a timing wrapper around a kernel measures each product
 * form (GFLOP/s and share of the step; a fused product's pass counts as part of it), the
 * elementwise passes (bias, relu, its mask, column sums), the SGD pass, the parameter backup, and
 * by difference the rest (gathering the batch, the loss and softmax, the JS around the calls).
 * Runs apart from the speed rounds, since the timers themselves cost a little; the bench profiles
 * the two-thread contestant too (kernel name ending in -t2).
 */
import { workloadTrainer } from './contestants'
import type { Elementwise } from '../math/elementwise'
import type { FusedProducts } from '../math/fused'
import type { MatKernel } from '../math/kernel'
import type { Dataset } from '../data/dataset'
import type { LayerWeights } from '../project/types'
import type { Workload } from './workloads'

type Form = 'NN' | 'TN' | 'NT'
type Part = Form | 'elementwise' | 'sgd' | 'backup'
const PARTS: Part[] = ['NN', 'TN', 'NT', 'elementwise', 'sgd', 'backup']

export interface Profile {
  kernel: string
  /** GFLOP/s per product form. */
  gflops: Record<Form, number>
  /** Fraction of the step time spent outside the three products. */
  outside: number
  /** Fraction of the step time per part; `other` is the step minus the timed parts. */
  share: Record<Part | 'other', number>
}

function timingKernel(inner: MatKernel, seconds: Record<Part, number>, flops: Record<Form, number>): MatKernel {
  const timed = <T>(part: Part, run: () => T, work = 0): T => {
    const t = performance.now()
    const result = run()
    seconds[part] += (performance.now() - t) / 1000
    // A fused product that declined (false) did no work: its separate product is counted instead.
    if ((part === 'NN' || part === 'TN' || part === 'NT') && result !== false) flops[part] += work
    return result
  }
  const ew = inner.elementwise
  const elementwise: Elementwise | undefined = ew && {
    addBias: (Z, b, rows, units) => timed('elementwise', () => ew.addBias(Z, b, rows, units)),
    relu: (Z, H, n) => timed('elementwise', () => ew.relu(Z, H, n)),
    reluMask: (Z, E, n) => timed('elementwise', () => ew.reluMask(Z, E, n)),
    columnSums: (E, out, rows, units, scale) => timed('elementwise', () => ew.columnSums(E, out, rows, units, scale)),
  }
  const f = inner.fused
  // A fused product counts as its product (its pass is part of the call).
  const fused: FusedProducts | undefined = f && {
    linear: (A, W, b, Z, H, m, k, n) => timed('NN', () => f.linear(A, W, b, Z, H, m, k, n), 2 * m * k * n),
    gradients: (A, E, dW, db, m, k, n, alpha) => timed('TN', () => f.gradients(A, E, dW, db, m, k, n, alpha), 2 * m * k * n),
    reluError: (E, W, C, Z, m, n, k) => timed('NT', () => f.reluError(E, W, C, Z, m, n, k), 2 * m * k * n),
  }
  const sgd = inner.sgdStep?.bind(inner)
  const copy = inner.copy?.bind(inner)
  return {
    name: inner.name,
    precision: inner.precision,
    reserve: (lengths) => inner.reserve(lengths),
    sgdStep: sgd && ((w, g, lr, keep) => timed('sgd', () => sgd(w, g, lr, keep))),
    // The only copies in a training step: the sentinel's backup of the parameters the SGD pass does not save itself.
    copy: copy && ((from, to) => timed('backup', () => copy(from, to))),
    elementwise,
    fused,
    matmulNN: (A, B, C, m, k, n) => timed('NN', () => inner.matmulNN(A, B, C, m, k, n), 2 * m * k * n),
    matmulTN: (A, B, C, m, k, n, alpha) => timed('TN', () => inner.matmulTN(A, B, C, m, k, n, alpha), 2 * m * k * n),
    matmulNT: (A, B, C, m, n, k) => timed('NT', () => inner.matmulNT(A, B, C, m, n, k), 2 * m * k * n),
  }
}

export function profileWorkload(workload: Workload, data: Dataset, weights: LayerWeights[], kernel: MatKernel, ms: number): Profile {
  const seconds = { NN: 0, TN: 0, NT: 0, elementwise: 0, sgd: 0, backup: 0 }
  const flops = { NN: 0, TN: 0, NT: 0 }
  const trainer = workloadTrainer(workload, data, weights, timingKernel(kernel, seconds, flops))
  for (let s = 0; s < 20; s++) trainer.trainStep() // warm-up
  for (const part of PARTS) seconds[part] = 0
  for (const form of ['NN', 'TN', 'NT'] as const) flops[form] = 0
  const started = performance.now()
  while (performance.now() - started < ms) trainer.trainStep()
  const total = (performance.now() - started) / 1000
  trainer.release()
  const rate = (form: Form) => (seconds[form] > 0 ? flops[form] / seconds[form] / 1e9 : 0)
  const share = Object.fromEntries(PARTS.map((part) => [part, seconds[part] / total])) as Record<Part, number>
  const timed = PARTS.reduce((sum, part) => sum + seconds[part], 0)
  return {
    kernel: kernel.name,
    gflops: { NN: rate('NN'), TN: rate('TN'), NT: rate('NT') },
    outside: 1 - (seconds.NN + seconds.TN + seconds.NT) / total,
    share: { ...share, other: 1 - timed / total },
  }
}
