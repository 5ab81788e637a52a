/**
 * Picks the fastest kernel this host runs, for a precision: WebAssembly with relaxed SIMD (fused
 * multiply-add), then plain SIMD, then the JS kernel where WebAssembly SIMD is missing. The
 * kernel's name (shown by the studio) says which, and its precision: for example
 * 'wasm-simd-f64' or 'wasm-relaxed-simd-f32'.
 */
import { jsKernel, jsKernel32 } from './js-kernel'
import { WasmKernel } from './wasm-kernel'
import { canInstantiate } from './wasm-instance'
import { KERNELS_RELAXED, KERNELS_SIMD } from './wasm-bytes.generated'
import type { MatKernel, Precision } from './kernel'

export type KernelPreference = 'auto' | 'wasm-relaxed-simd' | 'wasm-simd' | 'js'
export type WasmVariant = Exclude<KernelPreference, 'auto' | 'js'>

const CANDIDATES: { name: WasmVariant; bytes: Uint8Array }[] = [
  { name: 'wasm-relaxed-simd', bytes: KERNELS_RELAXED },
  { name: 'wasm-simd', bytes: KERNELS_SIMD },
]

const suffix = (precision: Precision) => (precision === 'float64' ? 'f64' : 'f32')

export function selectKernel(preference: KernelPreference = 'auto', precision: Precision = 'float64'): MatKernel {
  const js = precision === 'float64' ? jsKernel : jsKernel32
  if (preference === 'js') return js
  for (const candidate of CANDIDATES) {
    if (preference !== 'auto' && preference !== candidate.name) continue
    if (canInstantiate(candidate.bytes)) return new WasmKernel(candidate.bytes, `${candidate.name}-${suffix(precision)}`, precision)
  }
  if (preference !== 'auto') throw new Error(`the ${preference} kernel cannot run in this host`)
  return js
}

/** Whether a WebAssembly kernel variant can run in this host. */
export function kernelAvailable(name: WasmVariant): boolean {
  return CANDIDATES.some((c) => c.name === name && canInstantiate(c.bytes))
}
