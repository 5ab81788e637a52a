// Keeps one engine process alive, whatever host spawns it (Electron's utilityProcess or the
// browser host's child_process.fork). It waits for the engine's `{ type: 'ready' }`, reports it,
// restarts a lost engine with exponential backoff, and after repeated quick failures reports the
// engine unavailable but keeps trying slowly; restartNow() (the studio's "Restart engine") tries
// at once with a fresh count.
// Host-independent: it only sees the small EngineProcessHandle interface.

export interface ProcessExit {
  code: number | null
  signal: string | null
}

export interface EngineProcessHandle {
  readonly pid: number | undefined
  onMessage(listener: (message: unknown) => void): void
  /** Called once when the process is gone (exited, killed, or failed to spawn). */
  onExit(listener: (exit: ProcessExit) => void): void
  kill(): void
}

export interface BackoffPolicy {
  initialDelayMs: number
  maxDelayMs: number
  factor: number
  /** This many failures in a row (each sooner than `stableAfterMs`) and the engine is reported unavailable. */
  maxQuickFailures: number
  /** Once unavailable, the wait between further attempts. */
  slowRetryMs: number
  /** An engine that ran this long after its ready message counts as healthy: the count restarts. */
  stableAfterMs: number
  /** An engine that has not said ready by then is killed, and that counts as a failure. */
  readyTimeoutMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 8_000,
  factor: 2,
  maxQuickFailures: 5,
  slowRetryMs: 60_000,
  stableAfterMs: 30_000,
  readyTimeoutMs: 15_000,
}

/** The wait before restart number `failuresInARow` (1-based): initial · factor^(n−1), capped. */
export function restartDelay(policy: BackoffPolicy, failuresInARow: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, failuresInARow - 1))
}

export interface ReadyInfo {
  /** 0 for the first engine, then 1, 2, … for each restart. */
  restarts: number
  /** Why the previous engine was lost (null for the first start). */
  reason: string | null
}

export interface SupervisorEvents<H> {
  /** The engine said ready: connect it (hand out ports). Tell the renderer when `restarts > 0`. */
  ready(handle: H, info: ReadyInfo): void
  /** Messages after the ready handshake (the browser host's engine talks on this channel). */
  message?(handle: H, message: unknown): void
  /** Too many quick failures: training is unavailable until a slow retry or restartNow() succeeds. */
  unavailable(reason: string): void
  log(line: string): void
}

export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
}
const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}

export type SupervisorState = 'idle' | 'starting' | 'running' | 'waiting' | 'unavailable' | 'stopped'

function describeExit(exit: ProcessExit): string {
  if (exit.signal) return `was killed by ${exit.signal}`
  return exit.code === null ? 'was lost' : `exited with code ${exit.code}`
}

export class EngineSupervisor<H extends EngineProcessHandle> {
  private process: H | null = null
  private readyAt: number | null = null
  private timer: unknown = null
  private failuresInARow = 0
  private restarts = 0
  private lastReason: string | null = null
  /** Set when the supervisor itself kills the engine, to report why instead of the signal. */
  private killReason: string | null = null
  private stopped: Promise<void> | null = null
  /** The unavailable event went out; not again until an engine said ready or the user restarted. */
  private reportedUnavailable = false
  state: SupervisorState = 'idle'

  constructor(
    private readonly spawn: () => H,
    private readonly events: SupervisorEvents<H>,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly clock: Clock = realClock,
  ) {}

  /** The engine that has said ready, or null while (re)starting. */
  get current(): H | null {
    return this.state === 'running' ? this.process : null
  }

  start(): void {
    if (this.state !== 'idle') return
    this.launch()
  }

  /**
   * The user asked for a new engine: forget the failures and start one now (when none is
   * running or starting). Returns whether an attempt was started.
   */
  restartNow(): boolean {
    if (this.state !== 'unavailable' && this.state !== 'waiting') return false
    this.clearTimer()
    this.failuresInARow = 0
    this.reportedUnavailable = false
    this.events.log('engine restart asked for by the user')
    this.launch()
    return true
  }

  /** Kills the engine for good (app quit); resolves when it is gone. */
  stop(): Promise<void> {
    if (this.stopped) return this.stopped
    this.clearTimer()
    const process = this.process
    this.state = 'stopped'
    this.stopped = new Promise<void>((resolve) => {
      if (!process) return resolve()
      process.onExit(() => resolve())
      process.kill()
    })
    return this.stopped
  }

  private launch(): void {
    this.state = 'starting'
    this.readyAt = null
    let handle: H
    try {
      handle = this.spawn()
    } catch (error) {
      this.process = null
      this.failed(`could not be started: ${(error as Error).message}`)
      return
    }
    this.process = handle
    this.events.log(`engine starting (pid ${handle.pid ?? '?'})`)
    handle.onMessage((message) => this.received(handle, message))
    handle.onExit((exit) => this.exited(handle, exit))
    this.timer = this.clock.setTimeout(() => {
      this.events.log(`engine did not say ready within ${this.policy.readyTimeoutMs} ms; killing it`)
      this.killReason = `the engine did not say ready within ${this.policy.readyTimeoutMs} ms`
      handle.kill()
    }, this.policy.readyTimeoutMs)
  }

  private received(handle: H, message: unknown): void {
    if (handle !== this.process || this.state === 'stopped') return
    const isReady = typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready'
    if (this.state === 'starting' && isReady) {
      this.clearTimer()
      this.state = 'running'
      this.reportedUnavailable = false
      this.readyAt = this.clock.now()
      this.events.log(`engine ready (pid ${handle.pid ?? '?'}, restarts ${this.restarts})`)
      this.events.ready(handle, { restarts: this.restarts, reason: this.lastReason })
    } else if (this.state === 'running') {
      this.events.message?.(handle, message)
    }
  }

  private exited(handle: H, exit: ProcessExit): void {
    if (handle !== this.process) return
    this.process = null
    if (this.state === 'stopped') return
    this.clearTimer()
    const ranFor = this.readyAt === null ? null : this.clock.now() - this.readyAt
    if (ranFor !== null && ranFor >= this.policy.stableAfterMs) this.failuresInARow = 0
    const when = ranFor === null ? 'before it was ready' : `after ${ranFor} ms`
    this.failed(this.killReason ?? `the engine ${describeExit(exit)} ${when}`)
    this.killReason = null
  }

  private failed(reason: string): void {
    this.failuresInARow += 1
    this.lastReason = reason
    this.restarts += 1
    if (this.failuresInARow >= this.policy.maxQuickFailures) {
      // Reported once; the slow retries go on quietly until one says ready.
      if (!this.reportedUnavailable) {
        this.reportedUnavailable = true
        this.events.log(`engine unavailable after ${this.failuresInARow} failures in a row: ${reason}`)
        this.events.unavailable(`The engine failed ${this.failuresInARow} times in a row (last: ${reason}).`)
      }
      this.state = 'unavailable'
      this.events.log(`trying the engine again in ${this.policy.slowRetryMs} ms`)
      this.timer = this.clock.setTimeout(() => {
        this.timer = null
        this.launch()
      }, this.policy.slowRetryMs)
      return
    }
    const delay = restartDelay(this.policy, this.failuresInARow)
    this.events.log(`${reason}; restarting in ${delay} ms (failure ${this.failuresInARow} of ${this.policy.maxQuickFailures})`)
    this.state = 'waiting'
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.launch()
    }, delay)
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }
}
