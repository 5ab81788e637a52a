/**
 * Worker threads for the WebAssembly kernel's wide products (engine/math/kernel-team.ts): each
 * worker instantiates the kernel's module on the kernel's shared memory and, when its slot in a
 * small shared control block says so, calls one product on its output block. Hand-off by Atomics:
 * the caller writes the arguments, bumps the slot's sequence number and notifies; the worker
 * computes, writes the number back as "done" and notifies. Both spin briefly before sleeping,
 * since products follow each other within microseconds during a step.
 *
 * A worker that fails or stops answering is an engine crash: `finish()` throws, and `onCrash`
 * runs (the engine process exits, and its host restarts it as after any crash).
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { PRODUCT_OPS, type KernelTeam } from '../math/kernel-team'
import type { WasmKernel } from '../math/wasm-kernel'

/** Int32 slots per lane: [0] sequence, [1] op, [2] done, [3] failed. Then 16 float64 arguments. */
const LANE_BYTES = 256
const ARGS_AT = 32
const MAX_ARGS = 16
const SPIN = 20_000
/** A product that takes longer than this on a worker means the worker is gone. */
const STALL_MS = 20_000

// The worker, as source (no separate bundle entry): CommonJS, evaluated by worker_threads.
const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads')
const { module, memory, control, lane, ops } = workerData
const ctrl = new Int32Array(control, lane * ${LANE_BYTES}, 8)
let fns
try {
  const { exports } = new WebAssembly.Instance(module, { env: { memory } })
  fns = ops.map((name) => exports[name])
} catch (error) {
  Atomics.store(ctrl, 3, 2)
  Atomics.notify(ctrl, 2)
  throw error
}
const a = new Float64Array(control, lane * ${LANE_BYTES} + ${ARGS_AT}, ${MAX_ARGS})
let seen = 0
for (;;) {
  let spins = 0
  while (Atomics.load(ctrl, 0) === seen) {
    if (++spins > ${SPIN}) { Atomics.wait(ctrl, 0, seen); spins = 0 }
  }
  seen = Atomics.load(ctrl, 0)
  if (seen < 0) break
  try {
    fns[ctrl[1]](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11])
  } catch (error) {
    Atomics.store(ctrl, 3, 1)
  }
  Atomics.store(ctrl, 2, seen)
  Atomics.notify(ctrl, 2)
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
  private readonly ctrl: Int32Array[]
  private readonly args: Float64Array[]
  private sequence = 0
  private handedOut = 0
  /** Products handed to the workers so far (tests and the bench check that splitting happened). */
  jobs = 0
  private stopped = false
  private crashed: Error | null = null

  constructor(kernel: WasmKernel, threads: number, private readonly options: TeamOptions = {}) {
    this.size = Math.max(1, Math.floor(threads))
    const control = new SharedArrayBuffer(LANE_BYTES * this.size)
    this.ctrl = Array.from({ length: this.size }, (_, lane) => new Int32Array(control, lane * LANE_BYTES, 8))
    this.args = Array.from({ length: this.size }, (_, lane) => new Float64Array(control, lane * LANE_BYTES + ARGS_AT, MAX_ARGS))
    this.workers = Array.from({ length: this.size - 1 }, (_, i) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: kernel.module, memory: kernel.memory, control, lane: i + 1, ops: [...PRODUCT_OPS] } })
      worker.unref()
      worker.on('error', (error) => this.crash(new Error(`a kernel worker thread failed: ${error.message}`)))
      worker.on('exit', (code) => this.stopped || this.crash(new Error(`a kernel worker thread exited (code ${code})`)))
      return worker
    })
  }

  start(op: number, calls: number[][]): void {
    if (this.crashed) throw this.crashed
    this.sequence++
    this.jobs++
    this.handedOut = calls.length
    calls.forEach((args, i) => {
      const lane = i + 1
      this.args[lane].set(args)
      this.ctrl[lane][1] = op
      Atomics.store(this.ctrl[lane], 0, this.sequence)
      Atomics.notify(this.ctrl[lane], 0)
    })
  }

  finish(): void {
    const started = Date.now()
    for (let lane = 1; lane <= this.handedOut; lane++) {
      const ctrl = this.ctrl[lane]
      let spins = 0
      while (Atomics.load(ctrl, 2) !== this.sequence) {
        if (++spins < SPIN) continue
        Atomics.wait(ctrl, 2, Atomics.load(ctrl, 2), 50)
        if (Atomics.load(ctrl, 3) === 2) this.fail(new Error(`a kernel worker thread could not start (lane ${lane})`))
        if (Date.now() - started > STALL_MS) this.fail(new Error(`a kernel worker thread stopped answering (lane ${lane})`))
      }
      if (Atomics.load(ctrl, 3) !== 0) this.fail(new Error(`a kernel worker thread failed in ${PRODUCT_OPS[ctrl[1]]}`))
    }
    this.handedOut = 0
  }

  /** Stops the workers (the kernel must not use this team afterwards). */
  async close(): Promise<void> {
    this.stopped = true
    for (const ctrl of this.ctrl) {
      Atomics.store(ctrl, 0, -1)
      Atomics.notify(ctrl, 0)
    }
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
