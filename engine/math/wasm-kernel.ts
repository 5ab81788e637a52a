/**
 * The WebAssembly SIMD kernel (source: engine/assembly/kernels.ts). Operands live in the
 * module's shared memory (see wasm-memory.ts), so a product is one call with three offsets.
 * Arrays from elsewhere still work: they go through the JS kernel (correct, just not faster).
 *
 * With a thread team (kernel-team.ts; the Node edge provides the threads), a wide product is
 * split by output blocks: each thread computes whole output elements, in the same order as one
 * thread, so the numbers do not depend on the thread count.
 */
import { jsElementwise, type Elementwise } from './elementwise'
import { jsKernel, jsKernel32 } from './js-kernel'
import { WasmArena } from './wasm-memory'
import { splitBlocks, TEAM_OPS, type KernelTeam, type TeamOp } from './kernel-team'
import type { Floats, MatKernel, Precision, Reservation } from './kernel'
import type { FusedProducts } from './fused'
import { instantiateKernels, type KernelExports, type WasmMemory } from './wasm-instance'

/**
 * Below this much work (multiply-adds, or parameters for SGD) the call into WebAssembly costs more
 * than it saves: the JS loops run instead (same results for NN and TN in float64).
 */
export const SMALL_WORK = 2048
/** Multiply-adds from which a product is split over the team's threads (a hand-off costs a few µs; 2^18 takes 10–20 µs on one thread). */
export const PARALLEL_WORK = 1 << 18
/** Parameters from which the SGD pass and the backup copy are split over the team's threads. */
export const PARALLEL_PARAMETERS = 1 << 15
/** Blocks per thread when a product is split (claimed dynamically). */
const BLOCKS_PER_THREAD = 4
/** Module data ends below this; the arena starts above it. */
const ARENA_BASE = 4096
/** Bytes per row of a packed panel (4-row × 2-vector tiles: 32 bytes of W or E per row). */
const PANEL_ROW = 32

export class WasmKernel implements MatKernel {
  readonly name: string
  readonly precision: Precision
  readonly bytes: Uint8Array
  readonly memory: WasmMemory
  /** The compiled module (shared with worker threads, so they run the same optimized code). */
  readonly module: object
  private readonly arena: WasmArena
  private readonly e: KernelExports
  private readonly f64: boolean
  /** Output columns per register tile (NN, TN): blocks given to threads are multiples of it. */
  private readonly tile: number
  readonly elementwise: Elementwise
  readonly fused: FusedProducts
  /** The JS kernel of the same precision, for operands that do not live in this memory. */
  private readonly js: MatKernel
  /** One packed-panel scratch per lane (lane 0 is this thread). */
  private panels: Reservation | null = null
  private panelRows = 0
  /** Where the lanes' panels are (kept with them, not made per call). */
  private panelSpan: { base: number; stride: number } | null = null
  private team: KernelTeam | null = null
  /** Per-chunk statistics of the SGD pass (see engine/assembly/updates.ts). */
  private partials: Float64Array | null = null
  private partialsBlock: Reservation | null = null

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
    const { exports, memory, module } = instantiateKernels(bytes)
    this.bytes = bytes
    this.memory = memory
    this.module = module
    this.e = exports
    this.f64 = precision === 'float64'
    this.tile = this.f64 ? 4 : 8
    this.arena = new WasmArena(memory, Math.max(ARENA_BASE, exports.__heap_base?.value ?? 0), this.f64 ? Float64Array : Float32Array)
    this.elementwise = this.simdElementwise(exports, this.f64)
    this.fused = this.fusedProducts()
    this.js = this.f64 ? jsKernel : jsKernel32
    this.name = name
    this.precision = precision
  }

  reserve(lengths: number[]): Reservation {
    return this.arena.reserve(lengths)
  }

  /** Bytes held by owners now (released blocks excluded). */
  get reservedBytes(): number {
    return this.arena.reservedBytes
  }

  /** Threads for wide products (null: this thread only). The team's workers share this memory. */
  useTeam(team: KernelTeam | null): void {
    this.team = team
    this.panels?.release()
    this.panels = null
    this.panelSpan = null
    this.panelRows = 0
  }

  get threads(): number {
    return this.team?.size ?? 1
  }

  sgdStep(w: Floats, g: Floats, lr: number, keep?: Floats): { normSq: number; sum: number } | null {
    if (w.length < this.smallWork || !this.resident(w, g, keep ?? w) || (keep && keep.length !== w.length)) return null
    const n = w.length
    const chunk = this.e.UPDATE_CHUNK.value
    const chunks = Math.ceil(n / chunk)
    const partials = this.chunkPartials(chunks)
    this.split(this.f64 ? 'sgdRange64' : 'sgdRange32', [w.byteOffset, g.byteOffset, n, lr, partials.byteOffset, keep ? keep.byteOffset : 0], n, chunk, 0, n >= PARALLEL_PARAMETERS)
    // The chunks' statistics added in order: the same sums for any split.
    let normSq = 0
    let sum = 0
    for (let c = 0; c < 2 * chunks; c += 2) {
      normSq += partials[c]
      sum += partials[c + 1]
    }
    return { normSq, sum }
  }

  copy(from: Floats, to: Floats): void {
    // WebAssembly's memory.copy: a typed array's set() copies a shared buffer ~2.5× slower (100k doubles: 25 µs against 10).
    if (from.length < SMALL_WORK || from.length !== to.length || !this.resident(from, to, to)) return to.set(from)
    this.split('copyRange', [to.byteOffset, from.byteOffset], from.byteLength, 64, 0, from.length >= PARALLEL_PARAMETERS)
  }

  /** Room for `chunks` pairs of f64 statistics (sgdStep), kept for the next steps. */
  private chunkPartials(chunks: number): Float64Array {
    if (!this.partials || this.partials.length < 2 * chunks) {
      this.partialsBlock?.release()
      const pairs = Math.max(chunks, 64)
      this.partialsBlock = this.arena.reserve([(16 * pairs) / (this.f64 ? 8 : 4)])
      this.partials = new Float64Array(this.memory.buffer as ArrayBuffer, this.partialsBlock.views[0].byteOffset, 2 * pairs)
    }
    return this.partials
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

  /** Whether a buffer is one of this kernel's (products on it run in WebAssembly, not in the JS fallback). */
  holds(view: Floats): boolean {
    return this.arena.holds(view)
  }

  /** All three are this kernel's (its element type, in its memory). */
  private resident(A: Floats, B: Floats, C: Floats): boolean {
    return this.arena.holds(A) && this.arena.holds(B) && this.arena.holds(C)
  }

  /** The lanes' packed panels, one after another, each with room for `rows` rows. */
  private lanePanels(rows: number): { base: number; stride: number } {
    if (rows > this.panelRows || !this.panelSpan) {
      this.panels?.release()
      this.panelRows = Math.max(rows, 64)
      this.panels = this.arena.reserve([(this.threads * this.panelRows * PANEL_ROW) / (this.f64 ? 8 : 4)])
      this.panelSpan = { base: this.panels.views[0].byteOffset, stride: this.panelRows * PANEL_ROW }
    }
    return this.panelSpan
  }

  /** Runs one product or pass over [0, extent): on this thread, or in blocks over the team when `parallel`. */
  private split(op: TeamOp, args: number[], extent: number, align: number, panelRows: number, parallel: boolean): void {
    const fn = this.e[op]
    const panels = panelRows > 0 ? this.lanePanels(panelRows) : null
    const team = this.team
    // One thread: a plain call (no closure; a small product's step is short enough for the allocations to show).
    if (!team || !parallel) return panels ? fn(...args, panels.base, 0, extent) : fn(...args, 0, extent)
    const local = (from: number, to: number) => (panels ? fn(...args, panels.base, from, to) : fn(...args, from, to))
    // A few blocks per thread, so a thread that falls behind leaves blocks to the others.
    const blocks = splitBlocks(extent, align, team.size * BLOCKS_PER_THREAD)
    if (blocks.length < 2) return local(0, extent)
    team.run({ op: TEAM_OPS.indexOf(op), args, panels, blocks }, local)
  }

  matmulNN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number): void {
    if (!this.runs(m * k * n, A, B, C)) return this.js.matmulNN(A, B, C, m, k, n)
    this.nn(A, B, C, m, k, n, 0, 0)
  }

  matmulTN(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, alpha: number): void {
    if (!this.runs(m * k * n, A, B, C)) return this.js.matmulTN(A, B, C, m, k, n, alpha)
    this.tn(A, B, C, m, k, n, alpha, 0)
  }

  matmulNT(A: Floats, B: Floats, C: Floats, m: number, n: number, k: number): void {
    if (!this.runs(m * k * n, A, B, C)) return this.js.matmulNT(A, B, C, m, n, k)
    this.nt(A, B, C, m, n, k, 0)
  }

  /** Whether a product of this much work on these buffers runs here (not in the JS loops). */
  private runs(work: number, A: Floats, B: Floats, C: Floats): boolean {
    return work >= this.smallWork && this.resident(A, B, C)
  }

  // The exports take the epilogue's buffers as byte offsets, 0 for none (engine/assembly/epilogues.ts).
  // A product on one thread calls the export directly: the argument array and its spread into
  // the call (split) were 4 % of a W2 step.
  private nn(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, bias: number, H: number): void {
    const work = m * k * n
    if (this.alone(work)) return (this.f64 ? this.e.matmulNN64 : this.e.matmulNN32)(A.byteOffset, B.byteOffset, C.byteOffset, m, k, n, bias, H, this.lanePanels(k).base, 0, n)
    this.split(this.f64 ? 'matmulNN64' : 'matmulNN32', [A.byteOffset, B.byteOffset, C.byteOffset, m, k, n, bias, H], n, this.tile, k, true)
  }

  private tn(A: Floats, B: Floats, C: Floats, m: number, k: number, n: number, alpha: number, db: number): void {
    if (this.alone(m * k * n)) return (this.f64 ? this.e.matmulTN64 : this.e.matmulTN32)(A.byteOffset, B.byteOffset, C.byteOffset, m, k, n, alpha, db, this.lanePanels(m).base, 0, n)
    this.split(this.f64 ? 'matmulTN64' : 'matmulTN32', [A.byteOffset, B.byteOffset, C.byteOffset, m, k, n, alpha, db], n, this.tile, m, true)
  }

  private nt(A: Floats, B: Floats, C: Floats, m: number, n: number, k: number, Z: number): void {
    if (this.alone(m * k * n)) return (this.f64 ? this.e.matmulNT64 : this.e.matmulNT32)(A.byteOffset, B.byteOffset, C.byteOffset, m, n, k, Z, 0, m)
    this.split(this.f64 ? 'matmulNT64' : 'matmulNT32', [A.byteOffset, B.byteOffset, C.byteOffset, m, n, k, Z], m, 4, 0, true)
  }

  /** Whether a product of this many multiply-adds runs on this thread only (no team, or too small to split). */
  private alone(work: number): boolean {
    return !this.team || work < PARALLEL_WORK
  }

  private fusedProducts(): FusedProducts {
    return {
      linear: (A, W, b, Z, H, m, k, n) => {
        if (!this.runs(m * k * n, A, W, Z) || !this.holds(b) || (H && !this.holds(H))) return false
        this.nn(A, W, Z, m, k, n, b.byteOffset, H ? H.byteOffset : 0)
        return true
      },
      gradients: (A, E, dW, db, m, k, n, alpha) => {
        if (!this.runs(m * k * n, A, E, dW) || !this.holds(db)) return false
        this.tn(A, E, dW, m, k, n, alpha, db.byteOffset)
        return true
      },
      reluError: (E, W, C, Z, m, n, k) => {
        if (!this.runs(m * k * n, E, W, C) || !this.holds(Z)) return false
        this.nt(E, W, C, m, n, k, Z.byteOffset)
        return true
      },
    }
  }
}
