/**
 * Instantiating the kernel module on a shared WebAssembly memory (the module imports
 * `env.memory`; scripts/build-wasm.js builds it with AssemblyScript's threads feature). The same
 * bytes and memory serve worker threads. Where shared memory is missing, the module is not used
 * and the JS kernel runs.
 */

/** A WebAssembly.Memory, as far as the engine uses it. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike
  grow(pages: number): number
}

/** What the engine core needs of the host's WebAssembly object (its types are not in the core's lib). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory
}

/** A function over a block of its output: the products and the update passes (their last two arguments are the block). */
type BlockOp = (...args: number[]) => void
type RowsOp = (A: number, B: number, rows: number, units: number, scale?: number) => void
type PairOp = (A: number, B: number, n: number) => void

export interface KernelExports {
  __heap_base?: { value: number }
  matmulNN64: BlockOp
  matmulTN64: BlockOp
  matmulNT64: BlockOp
  matmulNN32: BlockOp
  matmulTN32: BlockOp
  matmulNT32: BlockOp
  UPDATE_CHUNK: { value: number }
  sgdRange64: BlockOp
  sgdRange32: BlockOp
  copyRange: BlockOp
  addBias64: RowsOp
  addBias32: RowsOp
  relu64: PairOp
  relu32: PairOp
  reluMask64: PairOp
  reluMask32: PairOp
  columnSums64: RowsOp
  columnSums32: RowsOp
}

/** Pages (64 KiB) at the start, and the most the memory may grow to (4 GiB, wasm32's limit). */
const INITIAL_PAGES = 16
const MAXIMUM_PAGES = 65536

export function webAssembly(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly
}

/** A fresh shared memory for one kernel (and its workers). */
export function sharedMemory(): WasmMemory {
  const api = webAssembly()
  if (!api) throw new Error('WebAssembly is not available in this host')
  return new api.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true })
}

/**
 * The compiled module for these bytes, compiled once per process: every kernel and every worker
 * thread (it is passed to them) shares the compiled code, so the optimizing tier, once reached, serves
 * them all (a fresh compile would start again in the baseline tier, several times slower).
 */
export function compiledKernels(bytes: Uint8Array): object {
  const api = webAssembly()
  if (!api) throw new Error('WebAssembly is not available in this host')
  let module = compiled.get(bytes)
  if (!module) compiled.set(bytes, (module = new api.Module(bytes)))
  return module
}

const compiled = new WeakMap<Uint8Array, object>()

/** Instantiates the module on `memory` (a new shared one by default). */
export function instantiateKernels(bytes: Uint8Array, memory: WasmMemory = sharedMemory()): { exports: KernelExports; memory: WasmMemory; module: object } {
  const api = webAssembly()
  if (!api) throw new Error('WebAssembly is not available in this host')
  const module = compiledKernels(bytes)
  const instance = new api.Instance(module, { env: { memory } })
  return { exports: instance.exports as unknown as KernelExports, memory, module }
}

/** Whether this host can run the module (false where a feature such as relaxed SIMD, or shared memory, is off). */
export function canInstantiate(bytes: Uint8Array): boolean {
  const api = webAssembly()
  const known = checked.get(bytes)
  if (known && known.api === api) return known.ok
  const ok = tryInstantiate(bytes)
  checked.set(bytes, { api, ok })
  return ok
}

/** Answers per module bytes and host WebAssembly object (each try reserves a memory). */
const checked = new WeakMap<Uint8Array, { api: WasmApi | undefined; ok: boolean }>()

function tryInstantiate(bytes: Uint8Array): boolean {
  const api = webAssembly()
  if (!api || typeof SharedArrayBuffer === 'undefined') return false
  try {
    if (!api.validate(bytes)) return false
    instantiateKernels(bytes)
    return true
  } catch {
    return false
  }
}
