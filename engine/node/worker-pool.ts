/**
 * A small pool of worker threads in this process: each worker runs one job at a time; jobs wait
 * in order for a free worker. A worker that crashes (or exits) rejects its job and is replaced,
 * so one bad job never stops the others. The worker side is `serveJobs` (pool-worker.ts).
 *
 * Interface kept small on purpose (run, close, size) so the sweep pool and the wide-product
 * threads can become one pool later.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { JobReply } from './pool-worker'

/** The machine's cores minus one (the process's own thread), at least one. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1)
}

export class WorkerCrashed extends Error {}

interface Job {
  id: number
  input: unknown
  onEvent?: (event: unknown) => void
  onStart?: () => void
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

interface Slot {
  worker: Worker
  job: Job | null
  /** Its script loaded (it said ready). */
  ready: boolean
}

/** Workers in a row that die before their script loaded, after which the pool gives up. */
const MAX_START_FAILURES = 3

export interface PoolOptions {
  execArgv?: string[]
  /** Called each time the last running job ends with none waiting. */
  onIdle?: () => void
}

export class WorkerPool {
  private readonly slots: Slot[] = []
  private readonly waiting: Job[] = []
  private nextId = 1
  private closed = false
  private startFailures = 0
  /** Why the workers cannot start (the pool is closed then). */
  private broken: Error | null = null

  constructor(
    private readonly script: string | URL,
    size: number = defaultWorkerCount(),
    private readonly options: PoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a pool needs at least one worker, got ${size}`)
    this.grow(size)
  }

  /** Workers in the pool. */
  get size(): number {
    return this.slots.length
  }

  /** Starts workers until there are `size` (the ones already there stay, warm). */
  grow(size: number): void {
    if (this.closed) throw new Error('the worker pool is closed')
    while (this.slots.length < size) this.slots.push(this.spawn())
    this.dispatch()
  }

  /**
   * Runs one job on the next free worker; `onStart` is called when a worker takes it, `onEvent`
   * with what the job emits on the way.
   */
  run<Out>(input: unknown, onEvent?: (event: unknown) => void, onStart?: () => void): Promise<Out> {
    if (this.closed) return Promise.reject(this.broken ?? new Error('the worker pool is closed'))
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, input, onEvent, onStart, resolve: resolve as (v: unknown) => void, reject })
      this.dispatch()
    })
  }

  /** Jobs running now. */
  get busy(): number {
    return this.slots.filter((s) => s.job).length
  }

  /** No job running or waiting. */
  get idle(): boolean {
    return this.waiting.length === 0 && this.busy === 0
  }

  /** Closed (by close(), or because its workers cannot start). */
  get isClosed(): boolean {
    return this.closed
  }

  /** Stops every worker; jobs not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.waiting.splice(0)) job.reject(this.broken ?? new Error('the worker pool was closed'))
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { execArgv: this.options.execArgv })
    const slot: Slot = { worker, job: null, ready: false }
    worker.on('message', (message: JobReply) => this.onMessage(slot, message))
    worker.on('error', (error) => this.lose(slot, error))
    worker.on('exit', (code) => this.lose(slot, new Error(`exited with code ${code}`)))
    // An idle worker does not keep the process alive; a busy one does (see dispatch).
    worker.unref()
    return slot
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.waiting.length === 0) continue
      const job = this.waiting.shift() as Job
      slot.job = job
      slot.worker.ref()
      slot.worker.postMessage({ job: job.id, input: job.input })
      job.onStart?.()
    }
  }

  private onMessage(slot: Slot, message: JobReply): void {
    if (message.kind === 'ready') {
      slot.ready = true
      this.startFailures = 0
      return
    }
    const job = slot.job
    if (!job || message.job !== job.id) return
    if (message.kind === 'event') {
      job.onEvent?.(message.event)
      return
    }
    slot.job = null
    slot.worker.unref()
    if (message.kind === 'result') job.resolve(message.result)
    else job.reject(new Error(message.error))
    this.dispatch()
    if (this.idle) this.options.onIdle?.()
  }

  /** A worker died: its job fails, a new worker takes its place (unless the pool is closing). */
  private lose(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot)
    if (index < 0) return
    const job = slot.job
    slot.job = null
    if (this.closed) {
      job?.reject(this.broken ?? new Error('the worker pool was closed'))
      return
    }
    // A script that cannot load (a broken build) would otherwise be restarted forever.
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      this.broken = new WorkerCrashed(`the worker threads cannot start (${this.startFailures} in a row): ${error.message}`)
      job?.reject(this.broken)
      void this.close()
      return
    }
    this.slots[index] = this.spawn()
    // A job given to a worker whose script never loaded never started: it waits for the next one.
    if (job && !slot.ready) this.waiting.unshift(job)
    else job?.reject(new WorkerCrashed(`a worker thread crashed: ${error.message}`))
    this.dispatch()
  }
}
