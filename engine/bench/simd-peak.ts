/**
 * The ceiling the products are measured against: the GFLOP/s of a WebAssembly 128-bit SIMD
 * multiply-add loop on registers only (engine/assembly/peak.ts: 12 independent accumulators, no
 * memory traffic), in the kernel module the bench's best kernel runs, measured in the bench's own
 * process. And each step's FLOPs from a workload's shapes, so a steps/s becomes a GFLOP/s for
 * our engine and for PyTorch alike.
 */
import { instantiateKernels } from '../math/wasm-instance'
import { KERNELS_RELAXED, KERNELS_SIMD } from '../math/wasm-bytes.generated'
import type { WasmVariant } from '../math/select-kernel'
import type { Precision } from '../math/kernel'
import type { Workload } from './workloads'

export interface SimdPeak {
  /** The module measured: relaxed SIMD (fused multiply-add) where the host runs it. */
  kernel: WasmVariant
  precision: Precision
  gflops: number
}

type PeakLoop = (rounds: number, x: number) => number

/** FLOPs per multiply-add call round: 12 vectors × lanes × 2. */
const FLOPS_PER_ROUND: Record<Precision, number> = { float32: 12 * 4 * 2, float64: 12 * 2 * 2 }

/** The best of `tries` timed runs of about 20 ms each (the best, since a loaded machine only ever slows a run down). */
export function measureSimdPeak(variant: WasmVariant, precision: Precision, tries = 15): SimdPeak {
  const { exports } = instantiateKernels(variant === 'wasm-relaxed-simd' ? KERNELS_RELAXED : KERNELS_SIMD)
  const loop = (exports as unknown as Record<string, PeakLoop>)[precision === 'float32' ? 'simdPeak32' : 'simdPeak64']
  const rounds = 1_000_000
  loop(rounds, 0.5) // warm-up: the optimizing tier
  let best = 0
  let sink = 0
  for (let i = 0; i < tries; i++) {
    const started = performance.now()
    sink += loop(rounds, 0.5)
    const seconds = (performance.now() - started) / 1000
    best = Math.max(best, (rounds * FLOPS_PER_ROUND[precision]) / seconds / 1e9)
  }
  if (!Number.isFinite(sink)) throw new Error('the SIMD peak loop returned a non-finite sum')
  return { kernel: variant, precision, gflops: best }
}

/**
 * FLOPs of one training step: forward 2·B·Σ(n_in·n_out), dC/dW the same, and dC/dX (the error
 * passed down) for every layer but the first. The elementwise passes are not counted.
 */
export function stepFlops(workload: Workload): number {
  const { inputs, layers } = workload.network
  const products = layers.map((layer, l) => (l === 0 ? inputs : layers[l - 1].units) * layer.units)
  const all = products.reduce((a, b) => a + b, 0)
  return 2 * workload.batchSize * (2 * all + (all - products[0]))
}
