/**
 * Picks the fastest kernel this host runs: WebAssembly with relaxed SIMD (fused multiply-add),
 * then plain SIMD, then the JS kernel where WebAssembly SIMD is missing. The studio shows which.
 */
import { jsKernel } from './js-kernel'
import { canInstantiate, WasmKernel } from './wasm-kernel'
import { KERNELS_RELAXED, KERNELS_SIMD } from './wasm-bytes.generated'
import type { MatKernel } from './kernel'

export type KernelPreference = 'auto' | 'wasm-relaxed-simd' | 'wasm-simd' | 'js'

const CANDIDATES: { name: Exclude<KernelPreference, 'auto' | 'js'>; bytes: Uint8Array }[] = [
  { name: 'wasm-relaxed-simd', bytes: KERNELS_RELAXED },
  { name: 'wasm-simd', bytes: KERNELS_SIMD },
]

export function selectKernel(preference: KernelPreference = 'auto'): MatKernel {
  if (preference === 'js') return jsKernel
  for (const candidate of CANDIDATES) {
    if (preference !== 'auto' && preference !== candidate.name) continue
    if (canInstantiate(candidate.bytes)) return new WasmKernel(candidate.bytes, `${candidate.name}-f64`)
  }
  if (preference !== 'auto') throw new Error(`the ${preference} kernel cannot run in this host`)
  return jsKernel
}

/** Whether a WebAssembly kernel variant can run in this host. */
export function kernelAvailable(name: Exclude<KernelPreference, 'auto' | 'js'>): boolean {
  return CANDIDATES.some((c) => c.name === name && canInstantiate(c.bytes))
}
