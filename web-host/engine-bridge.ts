// The browser host's engine: one child process under the shared EngineSupervisor, and the
// routing between it and the page that connected last. Each connection of the engine to a page
// gets a new epoch; traffic of an older epoch (a dead engine, a replaced page) is dropped.
import type { HostEvent } from '../engine/protocol'
import { forkChildEngine, type ChildEngineHandle } from '../host-neutral/child-engine'
import { DEFAULT_BACKOFF, EngineSupervisor, type BackoffPolicy } from '../host-neutral/engine-supervisor'

/** One page, as the bridge sees it. */
export interface PageLink {
  enginePort(epoch: number): void
  engineMessage(epoch: number, message: unknown): void
  hostEvent(event: HostEvent): void
}

export class EngineBridge {
  private readonly supervisor: EngineSupervisor<ChildEngineHandle>
  private readonly pages = new Set<PageLink>()
  private owner: PageLink | null = null
  private epoch = 0

  constructor(enginePath: string, log: (line: string) => void, policy: BackoffPolicy = DEFAULT_BACKOFF) {
    this.supervisor = new EngineSupervisor(
      () => forkChildEngine(enginePath, { log }),
      {
        ready: (_handle, info) => {
          this.handOut()
          if (info.restarts > 0) this.broadcast({ type: 'engine-restarted', reason: info.reason ?? 'the engine stopped', attempt: info.restarts })
        },
        message: (_handle, message) => this.owner?.engineMessage(this.epoch, message),
        unavailable: (reason) => this.broadcast({ type: 'engine-unavailable', reason }),
        log,
      },
      policy,
    )
  }

  start(): void {
    this.supervisor.start()
  }

  stop(): Promise<void> {
    return this.supervisor.stop()
  }

  /** The running engine's process id (tests kill it to prove recovery). */
  get pid(): number | undefined {
    return this.supervisor.current?.pid
  }

  /** "Restart engine" from a page: a fresh attempt now, when the engine is not running. */
  restartNow(): boolean {
    return this.supervisor.restartNow()
  }

  attach(page: PageLink): void {
    this.pages.add(page)
  }

  detach(page: PageLink): void {
    this.pages.delete(page)
    if (this.owner === page) this.owner = null
  }

  /** The page asked for the engine (connectEngine): it gets a port now, or when the engine is ready. */
  connect(page: PageLink): void {
    this.owner = page
    if (this.supervisor.state === 'unavailable') page.hostEvent({ type: 'engine-unavailable', reason: 'The engine could not be started.' })
    else if (this.supervisor.current) this.handOut()
  }

  fromPage(page: PageLink, epoch: number, message: unknown): void {
    if (page !== this.owner || epoch !== this.epoch) return
    this.supervisor.current?.send(message)
  }

  private handOut(): void {
    if (!this.owner) return
    this.epoch += 1
    this.owner.enginePort(this.epoch)
  }

  private broadcast(event: HostEvent): void {
    this.pages.forEach((page) => page.hostEvent(event))
  }
}
