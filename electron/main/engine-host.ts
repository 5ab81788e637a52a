// The engine in the desktop app: the shared supervisor over a utility process, and the port
// hand-off. Each time the engine is ready and the renderer has asked (connectEngine with its
// nonce), main makes a MessageChannelMain, gives one end to the engine and the other to the
// renderer's preload, which passes it into the page. Training traffic then flows renderer ⇄
// engine directly, never through main.
import { MessageChannelMain, type WebContents } from 'electron'
import type { HostEvent } from '../../engine/protocol'
import { PUSH_CHANNELS } from '../../host-neutral/ipc-channels'
import { EngineSupervisor } from '../../host-neutral/engine-supervisor'
import type { Log } from './log'
import { forkUtilityEngine, type UtilityEngineHandle } from './utility-engine'

export interface EngineHostOptions {
  enginePath: string
  log: Log
  /** The studio window's contents, when there is one. */
  contents(): WebContents | null
  sendHostEvent(event: HostEvent): void
}

export class EngineHost {
  private readonly supervisor: EngineSupervisor<UtilityEngineHandle>
  /** The nonce of the page that asked last; a reloaded page asks again with a new one. */
  private nonce: string | null = null

  constructor(private readonly options: EngineHostOptions) {
    this.supervisor = new EngineSupervisor(() => forkUtilityEngine(options.enginePath, options.log), {
      ready: (handle, info) => {
        this.handOut(handle)
        if (info.restarts > 0) options.sendHostEvent({ type: 'engine-restarted', reason: info.reason ?? 'the engine stopped', attempt: info.restarts })
      },
      unavailable: (reason) => options.sendHostEvent({ type: 'engine-unavailable', reason }),
      log: options.log,
    })
  }

  start(): void {
    this.supervisor.start()
  }

  stop(): Promise<void> {
    return this.supervisor.stop()
  }

  /** "Restart engine" from the studio: a fresh attempt now, when the engine is not running. */
  restartNow(): boolean {
    return this.supervisor.restartNow()
  }

  /** The renderer asked for the engine. */
  connect(nonce: string): void {
    this.nonce = nonce
    const engine = this.supervisor.current
    if (engine) this.handOut(engine)
    else if (this.supervisor.state === 'unavailable') this.options.sendHostEvent({ type: 'engine-unavailable', reason: 'The engine could not be started.' })
  }

  private handOut(engine: UtilityEngineHandle): void {
    const contents = this.options.contents()
    if (!contents || contents.isDestroyed() || this.nonce === null) return
    const { port1, port2 } = new MessageChannelMain()
    engine.givePort(port1)
    contents.postMessage(PUSH_CHANNELS.enginePort, { nonce: this.nonce }, [port2])
  }
}
