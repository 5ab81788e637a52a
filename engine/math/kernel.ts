/**
 * The three matrix products of backpropagation, behind one small interface so a faster kernel
 * (WebAssembly SIMD) can replace the plain-JS one. All matrices are row-major, and no product
 * materializes a transpose.
 *
 *   forward        Z      = H_prev · W       matmulNN  (m×k · k×n → m×n)
 *   weight grads   dW     = H_prevᵀ · E      matmulTN  (m×k)ᵀ · (m×n) → k×n
 *   layer errors   E_prev = E · Wᵀ           matmulNT  (m×n) · (k×n)ᵀ → m×k
 *
 * Every output element is one accumulator summed in ascending order of the shared index, so
 * kernels that keep that order agree bit for bit.
 */
export interface MatKernel {
  readonly name: string
  /** C (m×n) = A (m×k) · B (k×n) */
  matmulNN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void
  /** C (k×n) = Aᵀ · B with A (m×k) and B (m×n) */
  matmulTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void
  /** C (m×k) = A · Bᵀ with A (m×n) and B (k×n) */
  matmulNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, k: number): void
  /** A zeroed buffer the kernel can work on (WebAssembly kernels hand out views of their memory). */
  alloc(length: number): Float64Array
  /**
   * For kernels whose memory can grow (WebAssembly): a growth detaches every view, so objects
   * holding views register here once they have allocated; their views are refreshed right away
   * (a growth may have happened while they allocated) and again after every later growth.
   */
  track?(holder: ViewHolder): void
}

export interface ViewHolder {
  refreshViews(refresh: (view: Float64Array) => Float64Array): void
}
