/**
 * The three matrix products of backpropagation, behind one small interface so a faster kernel
 * (WebAssembly SIMD) can replace the plain-JS one. All matrices are row-major, and no product
 * materializes a transpose.
 *
 *   forward        Z      = H_prev · W       matmulNN  (m×k · k×n → m×n)
 *   weight grads   dW     = H_prevᵀ · E / n  matmulTN  (m×k)ᵀ · (m×n) → k×n, scaled
 *   layer errors   E_prev = E · Wᵀ           matmulNT  (m×n) · (k×n)ᵀ → m×k
 *
 * Every output element is one accumulator summed in ascending order of the shared index, so the
 * same kernel gives the same numbers for the same inputs (whatever the thread count). Different
 * kernels (JS, SIMD, relaxed SIMD, which fuses each multiply-add) may differ in the last bits:
 * same kernel, same numbers. docs/engine.md says where they agree.
 */
import type { Elementwise } from './elementwise'
import type { FusedProducts } from './fused'

/** float64: every number exact (the default). float32: the fast kernels, half the memory. */
export type Precision = 'float64' | 'float32'

/** The buffers a kernel works on: Float64Array, or Float32Array for a float32 kernel. */
export type Floats = Float64Array | Float32Array

export interface MatKernel {
  readonly name: string
  readonly precision: Precision
  /** C (m×n) = A (m×k) · B (k×n) */
  matmulNN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number): void
  /** C (k×n) = alpha · Aᵀ · B with A (m×k) and B (m×n): alpha = 1/rows makes the batch mean in the same pass. */
  matmulTN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, alpha: number): void
  /** C (m×k) = A · Bᵀ with A (m×n) and B (k×n) */
  matmulNT(A: Floats, B: Floats, C: Floats, m: number, n: number, k: number): void
  /**
   * Zeroed buffers of the given lengths for one owner (a network, a workspace), reserved together
   * and valid until the owner releases them (WebAssembly kernels hand out views of their memory).
   */
  reserve(lengths: number[]): Reservation
  /**
   * Optional: the SGD update w −= lr·g in place, returning ‖Δ‖² and Σ w afterwards (what the
   * optimizer reports), for kernels where a pass over the parameters is cheaper than in JS;
   * null when it declines (small or foreign arrays) and the optimizer's own loop runs. With `keep`,
   * each old value is saved there first, in the same pass (the sentinel's backup).
   */
  sgdStep?(w: Floats, g: Floats, lr: number, keep?: Floats): { normSq: number; sum: number } | null
  /** Optional: to.set(from), for a kernel that copies its own long buffers faster (over its threads). */
  copy?(from: Floats, to: Floats): void
  /** Optional SIMD versions of the passes around the products (see elementwise.ts). */
  readonly elementwise?: Elementwise
  /** Optional products with the following pass done in the same call (see fused.ts). */
  readonly fused?: FusedProducts
}

export interface Reservation {
  readonly views: Floats[]
  /** Returns the block to the kernel; the views must not be used afterwards. */
  release(): void
}

/** to.set(from), through the kernel's own copy where it has one. */
export function copyFloats(kernel: MatKernel | undefined, from: Floats, to: Floats): void {
  if (kernel?.copy) kernel.copy(from, to)
  else to.set(from)
}
