/**
 * Products that also do the pass that follows them, over their own block of output while it is
 * still in cache (one call into the kernel instead of two or three). The passes are the same
 * operations in the same order as the separate ones (elementwise.ts), so the numbers are too.
 * Each returns false where it declines (a buffer not in the kernel's memory, a product too small
 * for the kernel): the caller then runs the product and the pass separately.
 */
import type { Floats } from './kernel'

export interface FusedProducts {
  /** Z = A·W + b (m×k · k×n), then H = relu(Z) when H is given. */
  linear(A: Floats, W: Floats, b: Floats, Z: Floats, H: Floats | null, m: number, k: number, n: number): boolean
  /** dW = alpha·Aᵀ·E (A m×k, E m×n) and db = alpha·Σ_rows E. */
  gradients(A: Floats, E: Floats, dW: Floats, db: Floats, m: number, k: number, n: number, alpha: number): boolean
  /** C = (E·Wᵀ) ⊙ (Z > 0) (E m×n, W k×n, Z m×k): relu's error for the layer below. */
  reluError(E: Floats, W: Floats, C: Floats, Z: Floats, m: number, n: number, k: number): boolean
}
