/**
 * The WebAssembly SIMD kernel (source: engine/assembly/kernels.ts). Operands live in the
 * module's memory (see wasm-memory.ts), so a product is one call with three offsets. Arrays from
 * elsewhere still work: they go through the JS kernel (correct, just not faster).
 */
import { jsKernel } from './js-kernel'
import { WasmArena } from './wasm-memory'
import type { MatKernel, ViewHolder } from './kernel'

/** What the engine core needs of the host's WebAssembly object (its types are not in the core's lib). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
}

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number }
  __heap_base?: { value: number }
  matmulNN64(A: number, B: number, C: number, m: number, k: number, n: number): void
  matmulTN64(A: number, B: number, C: number, m: number, k: number, n: number): void
  matmulNT64(A: number, B: number, C: number, m: number, n: number, k: number): void
}

export function webAssembly(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly
}

/** Whether this host can compile the module (false where a feature such as relaxed SIMD is off). */
export function canInstantiate(bytes: Uint8Array): boolean {
  const api = webAssembly()
  if (!api) return false
  try {
    return api.validate(bytes)
  } catch {
    return false
  }
}

/** Module data ends below this; the arena starts above it. */
const ARENA_BASE = 4096

export class WasmKernel implements MatKernel {
  readonly name: string
  private readonly exports: KernelExports
  private readonly arena: WasmArena

  constructor(bytes: Uint8Array, name: string) {
    const api = webAssembly()
    if (!api) throw new Error('WebAssembly is not available in this host')
    const instance = new api.Instance(new api.Module(bytes), {})
    this.exports = instance.exports as unknown as KernelExports
    this.arena = new WasmArena(this.exports.memory, Math.max(ARENA_BASE, this.exports.__heap_base?.value ?? 0))
    this.name = name
  }

  alloc(length: number): Float64Array {
    return this.arena.alloc(length)
  }

  track(holder: ViewHolder): void {
    holder.refreshViews(this.arena.refresh)
    this.arena.hold(holder)
  }

  private resident(...arrays: Float64Array[]): boolean {
    const buffer = this.arena.buffer
    return arrays.every((a) => a.buffer === buffer)
  }

  matmulNN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    if (this.resident(A, B, C)) this.exports.matmulNN64(A.byteOffset, B.byteOffset, C.byteOffset, m, k, n)
    else jsKernel.matmulNN(A, B, C, m, k, n)
  }

  matmulTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    if (this.resident(A, B, C)) this.exports.matmulTN64(A.byteOffset, B.byteOffset, C.byteOffset, m, k, n)
    else jsKernel.matmulTN(A, B, C, m, k, n)
  }

  matmulNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, k: number): void {
    if (this.resident(A, B, C)) this.exports.matmulNT64(A.byteOffset, B.byteOffset, C.byteOffset, m, n, k)
    else jsKernel.matmulNT(A, B, C, m, n, k)
  }
}
