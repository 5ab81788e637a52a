/**
 * Worker threads for the WebAssembly kernel's wide products and update passes
 * (engine/math/kernel-team.ts): each worker instantiates the kernel's compiled module on the
 * kernel's shared memory. For a product, the caller writes the job (arguments, blocks) into a small shared control block, bumps its
 * sequence number and notifies; workers and the caller then claim blocks from one counter
 * (Atomics.compareExchange) and count them done; the caller waits for the count. Both sides spin
 * briefly before sleeping, since products follow each other within microseconds during a step.
 *
 * A worker that fails or stops answering is an engine crash: `finish()` throws, and `onCrash`
 * runs (the engine process exits, and its host restarts it as after any crash).
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { TEAM_OPS, type KernelTeam, type TeamJob } from '../math/kernel-team'
import type { WasmKernel } from '../math/wasm-kernel'

// The control block, one job at a time. Int32 slots: [0] sequence, [1] op, [2] blocks, [3] claim
// counter (the job's tag << 16 | next block), [4] blocks done, [5] failed, [6] argument count,
// [7] whether the product takes a panel. Float64 from ARGS_AT: the arguments, then panel base and
// stride, then the blocks' [from, to).
const ARGS_AT = 64
const MAX_ARGS = 14
const BLOCKS_AT = ARGS_AT + 8 * (MAX_ARGS + 2)
const MAX_BLOCKS = 256
const CONTROL_BYTES = BLOCKS_AT + 16 * MAX_BLOCKS
/** Spins (about 250 µs) before a worker sleeps for the next job, or the caller for the workers' last blocks. */
const SPIN = 20_000
/** A product that takes longer than this on a worker means the worker is gone. */
const STALL_MS = 20_000

// The worker, as source (no separate bundle entry): CommonJS, evaluated by worker_threads. A block
// is claimed by compare-and-swap on a counter tagged with the job, so a worker that wakes late
// never computes a block of a newer job with an older job's arguments.
const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads')
const { module, memory, control, lane, ops } = workerData
const ctrl = new Int32Array(control, 0, 16)
const f = new Float64Array(control)
let fns
try {
  const { exports } = new WebAssembly.Instance(module, { env: { memory } })
  fns = ops.map((name) => exports[name])
} catch (error) {
  Atomics.store(ctrl, 5, 2)
  Atomics.notify(ctrl, 4)
  throw error
}
let seen = 0
for (;;) {
  let spins = 0
  while (Atomics.load(ctrl, 0) === seen) {
    if (++spins > ${SPIN}) { Atomics.wait(ctrl, 0, seen); spins = 0 }
  }
  seen = Atomics.load(ctrl, 0)
  if (seen < 0) break
  const tag = (seen & 0xffff) << 16
  const fn = fns[ctrl[1]], blocks = ctrl[2], argc = ctrl[6], panel = ctrl[7]
  const args = []
  for (let i = 0; i < argc; i++) args.push(f[${ARGS_AT / 8} + i])
  if (panel) args.push(f[${ARGS_AT / 8 + MAX_ARGS}] + lane * f[${ARGS_AT / 8 + MAX_ARGS + 1}])
  for (;;) {
    const claim = Atomics.load(ctrl, 3)
    if ((claim & ~0xffff) !== tag || (claim & 0xffff) >= blocks) break
    if (Atomics.compareExchange(ctrl, 3, claim, claim + 1) !== claim) continue
    const block = claim & 0xffff
    try {
      fn(...args, f[${BLOCKS_AT / 8} + 2 * block], f[${BLOCKS_AT / 8} + 2 * block + 1])
    } catch (error) {
      Atomics.store(ctrl, 5, 1)
    }
    if (Atomics.add(ctrl, 4, 1) + 1 === blocks) Atomics.notify(ctrl, 4)
  }
}
`

/** Threads the "auto" setting uses: one per core but one (the user's other work), at least 1. */
export function autoThreads(): number {
  return Math.max(1, availableParallelism() - 1)
}

export interface TeamOptions {
  /** Called once when a worker fails or exits unexpectedly. */
  onCrash?: (error: Error) => void
}

export class KernelThreads implements KernelTeam {
  readonly size: number
  private readonly workers: Worker[]
  private readonly ctrl: Int32Array
  private readonly f: Float64Array
  private sequence = 0
  private stopped = false
  private crashed: Error | null = null
  /** Products split over the threads so far (tests and the bench check that splitting happened). */
  jobs = 0
  /** Blocks the workers computed (the rest the caller did). */
  workerBlocks = 0

  constructor(kernel: WasmKernel, threads: number, private readonly options: TeamOptions = {}) {
    this.size = Math.max(1, Math.floor(threads))
    const control = new SharedArrayBuffer(CONTROL_BYTES)
    this.ctrl = new Int32Array(control, 0, 16)
    this.f = new Float64Array(control)
    this.workers = Array.from({ length: this.size - 1 }, (_, i) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: kernel.module, memory: kernel.memory, control, lane: i + 1, ops: [...TEAM_OPS] } })
      worker.unref()
      worker.on('error', (error) => this.crash(new Error(`a kernel worker thread failed: ${error.message}`)))
      worker.on('exit', (code) => this.stopped || this.crash(new Error(`a kernel worker thread exited (code ${code})`)))
      return worker
    })
  }

  run(job: TeamJob, local: (from: number, to: number) => void): void {
    if (this.crashed) throw this.crashed
    const { ctrl, f } = this
    const blocks = job.blocks.slice(0, MAX_BLOCKS)
    if (blocks.length < job.blocks.length) blocks[blocks.length - 1] = [blocks[blocks.length - 1][0], job.blocks[job.blocks.length - 1][1]]
    const n = blocks.length
    ctrl[1] = job.op
    ctrl[2] = n
    ctrl[6] = job.args.length
    ctrl[7] = job.panels ? 1 : 0
    f.set(job.args, ARGS_AT / 8)
    f[ARGS_AT / 8 + MAX_ARGS] = job.panels?.base ?? 0
    f[ARGS_AT / 8 + MAX_ARGS + 1] = job.panels?.stride ?? 0
    blocks.forEach(([from, to], i) => {
      f[BLOCKS_AT / 8 + 2 * i] = from
      f[BLOCKS_AT / 8 + 2 * i + 1] = to
    })
    this.sequence = (this.sequence + 1) & 0x7fffffff || 1
    const tag = (this.sequence & 0xffff) << 16
    Atomics.store(ctrl, 4, 0)
    Atomics.store(ctrl, 3, tag)
    Atomics.store(ctrl, 0, this.sequence)
    Atomics.notify(ctrl, 0)
    this.jobs++
    let mine = 0
    for (;;) {
      const claim = Atomics.load(ctrl, 3)
      if ((claim & 0xffff) >= n) break
      if (Atomics.compareExchange(ctrl, 3, claim, claim + 1) !== claim) continue
      const [from, to] = blocks[claim & 0xffff]
      local(from, to)
      mine++
      Atomics.add(ctrl, 4, 1)
    }
    this.workerBlocks += n - mine
    this.waitDone(n)
  }

  private waitDone(n: number): void {
    const started = Date.now()
    let spins = 0
    for (let done = Atomics.load(this.ctrl, 4); done < n; done = Atomics.load(this.ctrl, 4)) {
      if (++spins < SPIN) continue
      Atomics.wait(this.ctrl, 4, done, 50)
      if (Atomics.load(this.ctrl, 5) === 2) this.fail(new Error('a kernel worker thread could not start'))
      if (Date.now() - started > STALL_MS) this.fail(new Error('a kernel worker thread stopped answering'))
    }
    if (Atomics.load(this.ctrl, 5) !== 0) this.fail(new Error(`a kernel worker thread failed in ${TEAM_OPS[this.ctrl[1]]}`))
  }

  /** Stops the workers (the kernel must not use this team afterwards). */
  async close(): Promise<void> {
    this.stopped = true
    Atomics.store(this.ctrl, 0, -1)
    Atomics.notify(this.ctrl, 0)
    await Promise.all(this.workers.map((w) => w.terminate()))
  }

  private fail(error: Error): never {
    this.crash(error)
    throw error
  }

  private crash(error: Error): void {
    if (this.crashed) return
    this.crashed = error
    this.options.onCrash?.(error)
  }
}

/** Gives a kernel `threads` threads (none below 2: the kernel then runs on the caller only). */
export function useThreads(kernel: WasmKernel, threads: number, options: TeamOptions = {}): KernelThreads | null {
  if (threads < 2) {
    kernel.useTeam(null)
    return null
  }
  const team = new KernelThreads(kernel, threads, options)
  kernel.useTeam(team)
  return team
}
