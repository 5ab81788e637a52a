/**
 * The WebAssembly SIMD kernel (source: engine/assembly/kernels.ts). Operands live in the
 * module's memory (see wasm-memory.ts), so a product is one call with three offsets. Arrays from
 * elsewhere still work: they go through the JS kernel (correct, just not faster).
 */
import { jsElementwise, type Elementwise } from './elementwise'
import { jsKernel, jsKernel32 } from './js-kernel'
import { WasmArena } from './wasm-memory'
import type { Floats, MatKernel, Precision, ViewHolder } from './kernel'

/** What the engine core needs of the host's WebAssembly object (its types are not in the core's lib). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
}

type Product = (A: number, B: number, C: number, m: number, k: number, n: number, alpha?: number) => void
type SgdStep = (w: number, g: number, n: number, lr: number) => number
type RowsOp = (A: number, B: number, rows: number, units: number, scale?: number) => void
type PairOp = (A: number, B: number, n: number) => void

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number }
  __heap_base?: { value: number }
  matmulNN64: Product
  matmulTN64: Product
  matmulNT64: Product
  matmulNN32: Product
  matmulTN32: Product
  matmulNT32: Product
  sgdStep64: SgdStep
  sgdStep32: SgdStep
  lastSum: { value: number }
  addBias64: RowsOp
  addBias32: RowsOp
  relu64: PairOp
  relu32: PairOp
  reluMask64: PairOp
  reluMask32: PairOp
  columnSums64: RowsOp
  columnSums32: RowsOp
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
/**
 * Below this much work (multiply-adds, or parameters for SGD) the call into WebAssembly costs more
 * than it saves: the JS loops run instead (same results for NN and TN in float64).
 */
export const SMALL_WORK = 2048

export class WasmKernel implements MatKernel {
  readonly name: string
  readonly precision: Precision
  private readonly arena: WasmArena
  private readonly nn: Product
  private readonly tn: Product
  private readonly nt: Product
  private readonly sgd: SgdStep
  private readonly lastSum: { value: number }
  readonly elementwise: Elementwise
  /** The JS kernel of the same precision, for operands that do not live in this memory. */
  private readonly js: MatKernel

  constructor(
    bytes: Uint8Array,
    name: string,
    precision: Precision = 'float64',
    /**
     * Work below which the JS loops run (tests set 0 to exercise every size in WebAssembly).
     * float32 never falls back: the JS loops then see only Float64Array and stay monomorphic.
     */
    private readonly smallWork = precision === 'float64' ? SMALL_WORK : 0,
  ) {
    const api = webAssembly()
    if (!api) throw new Error('WebAssembly is not available in this host')
    const exports = new api.Instance(new api.Module(bytes), {}).exports as unknown as KernelExports
    const f64 = precision === 'float64'
    this.arena = new WasmArena(exports.memory, Math.max(ARENA_BASE, exports.__heap_base?.value ?? 0), f64 ? Float64Array : Float32Array)
    this.nn = f64 ? exports.matmulNN64 : exports.matmulNN32
    this.tn = f64 ? exports.matmulTN64 : exports.matmulTN32
    this.nt = f64 ? exports.matmulNT64 : exports.matmulNT32
    this.sgd = f64 ? exports.sgdStep64 : exports.sgdStep32
    this.lastSum = exports.lastSum
    this.elementwise = this.simdElementwise(exports, f64)
    this.js = f64 ? jsKernel : jsKernel32
    this.name = name
    this.precision = precision
  }

  alloc(length: number): Floats {
    return this.arena.alloc(length)
  }

  /** Size of the WebAssembly memory (it grows, never shrinks). */
  get memoryBytes(): number {
    return this.arena.buffer.byteLength
  }

  track(holder: ViewHolder): void {
    holder.refreshViews(this.arena.refresh)
    this.arena.hold(holder)
  }

  sgdStep(w: Floats, g: Floats, lr: number): { normSq: number; sum: number } | null {
    if (w.length < this.smallWork || !this.resident(w, g, w)) return null
    const normSq = this.sgd(w.byteOffset, g.byteOffset, w.length, lr)
    return { normSq, sum: this.lastSum.value }
  }

  /** The SIMD passes where the buffers live here and the work is big enough; the JS loops elsewhere. */
  private simdElementwise(e: KernelExports, f64: boolean): Elementwise {
    const [addBias, relu, reluMask, columnSums] = f64 ? [e.addBias64, e.relu64, e.reluMask64, e.columnSums64] : [e.addBias32, e.relu32, e.reluMask32, e.columnSums32]
    const here = (A: Floats, B: Floats, n: number) => n >= this.smallWork && this.resident(A, B, B)
    return {
      addBias: (Z, b, rows, units) => (here(Z, b, rows * units) ? addBias(Z.byteOffset, b.byteOffset, rows, units) : jsElementwise.addBias(Z, b, rows, units)),
      relu: (Z, H, n) => (here(Z, H, n) ? relu(Z.byteOffset, H.byteOffset, n) : jsElementwise.relu(Z, H, n)),
      reluMask: (Z, E, n) => (here(Z, E, n) ? reluMask(Z.byteOffset, E.byteOffset, n) : jsElementwise.reluMask(Z, E, n)),
      columnSums: (E, out, rows, units, scale) =>
        here(E, out, rows * units) ? columnSums(E.byteOffset, out.byteOffset, rows, units, scale) : jsElementwise.columnSums(E, out, rows, units, scale),
    }
  }

  /** All three in this memory and of this kernel's element type. */
  private resident(A: Floats, B: Floats, C: Floats): boolean {
    const buffer = this.arena.buffer
    const size = this.precision === 'float64' ? 8 : 4
    return A.buffer === buffer && B.buffer === buffer && C.buffer === buffer && A.BYTES_PER_ELEMENT === size && B.BYTES_PER_ELEMENT === size && C.BYTES_PER_ELEMENT === size
  }

  matmulNN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number): void {
    if (m * k * n >= this.smallWork && this.resident(A, B, C)) this.nn(A.byteOffset, B.byteOffset, C.byteOffset, m, k, n)
    else this.js.matmulNN(A, B, C, m, k, n)
  }

  matmulTN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, alpha: number): void {
    if (m * k * n >= this.smallWork && this.resident(A, B, C)) this.tn(A.byteOffset, B.byteOffset, C.byteOffset, m, k, n, alpha)
    else this.js.matmulTN(A, B, C, m, k, n, alpha)
  }

  matmulNT(A: Floats, B: Floats, C: Floats, m: number, n: number, k: number): void {
    if (m * k * n >= this.smallWork && this.resident(A, B, C)) this.nt(A.byteOffset, B.byteOffset, C.byteOffset, m, n, k)
    else this.js.matmulNT(A, B, C, m, n, k)
  }
}
