// The renderer's connection to the engine, the same under both hosts: it asks window.studio for
// the engine port, receives it as a window message carrying the nonce it chose, and then sends
// EngineRequests with increasing ids, returning one typed promise per request. Other engine
// events go to subscribers. When the engine restarts, a new port arrives: requests in flight are
// rejected (that engine is gone) and onReconnect listeners re-send the project. No Vue here.
import {
  ENGINE_PORT_MESSAGE,
  type EngineEvent,
  type EngineReplies,
  type EngineRequest,
  type EngineRequestType,
  type StudioApi,
} from '../../../engine/protocol'
import { isEngineEvent, malformedReply } from './engine-events'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** A request as the caller writes it: the client adds the id. */
export type EngineRequestBody = DistributiveOmit<EngineRequest, 'id'>
/** Everything the engine sends that is not a reply. */
export type EngineStreamEvent = Exclude<EngineEvent, { type: 'reply' }>
export type EngineStreamEventType = EngineStreamEvent['type']

/** The engine answered `{ ok: false }`. */
export class EngineRequestError extends Error {
  override readonly name = 'EngineRequestError'
  constructor(
    message: string,
    readonly requestType: EngineRequestType,
  ) {
    super(message)
  }
}

/** The engine did not answer in time (a wedged engine, a lost message): the caller gets a clear error, never a wait forever. */
export class EngineTimeoutError extends Error {
  override readonly name = 'EngineTimeoutError'
  constructor(
    readonly requestType: EngineRequestType,
    readonly ms: number,
  ) {
    super(`The engine did not answer "${requestType}" within ${Math.round(ms / 1000)} s. It may be stuck on a long task: try again, or restart the engine.`)
  }
}

/** Requests that may legitimately work for minutes (whole data sets, checks, code generation). */
const LONG_REQUESTS: ReadonlySet<EngineRequestType> = new Set<EngineRequestType>(['load-project', 'gradient-check', 'prediction-grid', 'evaluate-set', 'input-gradient', 'export-code', 'sweep-start'])
export const REQUEST_TIMEOUT_MS = 60_000
export const LONG_REQUEST_TIMEOUT_MS = 10 * 60_000

/** How long a request may go unanswered before it fails with EngineTimeoutError. */
export function requestTimeout(type: EngineRequestType): number {
  return LONG_REQUESTS.has(type) ? LONG_REQUEST_TIMEOUT_MS : REQUEST_TIMEOUT_MS
}

/** The engine the request went to is gone (restarted or unavailable); the request may be re-sent. */
export class EngineConnectionLostError extends Error {
  override readonly name = 'EngineConnectionLostError'
}

export interface EngineClientOptions {
  studio: Pick<StudioApi, 'connectEngine' | 'onHostEvent'>
  /** Where the port message arrives (the window) and what its `event.source` must be. */
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>
  source: unknown
  /** Defaults to a random UUID. */
  nonce?: string
  log?: (message: string, detail?: unknown) => void
  /** Defaults to requestTimeout (tests shorten it). */
  timeoutMs?: (type: EngineRequestType) => number
}

interface Pending {
  type: EngineRequestType
  resolve(value: unknown): void
  reject(error: Error): void
  timer: ReturnType<typeof setTimeout>
}

export class EngineClient {
  private port: MessagePort | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  /** Requests made before the first port arrived, sent when it does. */
  private readonly queued: EngineRequest[] = []
  private readonly subscribers = new Map<EngineStreamEventType, Set<(event: never) => void>>()
  private readonly reconnectListeners = new Set<() => void>()
  private unavailable: string | null = null
  private readonly nonce: string
  private readonly log: (message: string, detail?: unknown) => void
  private readonly stopHostEvents: () => void

  constructor(private readonly options: EngineClientOptions) {
    this.nonce = options.nonce ?? crypto.randomUUID()
    this.log = options.log ?? ((message, detail) => console.warn(`[engine] ${message}`, detail ?? ''))
    options.target.addEventListener('message', this.onWindowMessage)
    this.stopHostEvents = options.studio.onHostEvent((event) => {
      if (event.type === 'engine-unavailable' || event.type === 'studio-elsewhere') this.markUnavailable(event.reason)
    })
    options.studio.connectEngine(this.nonce)
  }

  get connected(): boolean {
    return this.port !== null && this.unavailable === null
  }

  /** Sends one request; resolves with its typed result, rejects with EngineRequestError or EngineConnectionLostError. */
  request<R extends EngineRequestBody>(body: R): Promise<EngineReplies[R['type']]> {
    if (this.unavailable !== null) return Promise.reject(new EngineConnectionLostError(this.unavailable))
    const request = { ...body, id: this.nextId++ } as EngineRequest
    return new Promise((resolve, reject) => {
      const ms = (this.options.timeoutMs ?? requestTimeout)(request.type)
      const timer = setTimeout(() => {
        if (!this.pending.delete(request.id)) return
        this.log(`no answer to ${request.type} (id ${request.id}) within ${ms} ms`)
        reject(new EngineTimeoutError(request.type, ms))
      }, ms)
      this.pending.set(request.id, { type: request.type, resolve: resolve as (value: unknown) => void, reject, timer })
      if (this.port) this.port.postMessage(request)
      else this.queued.push(request)
    })
  }

  /** Subscribes to one kind of engine event (progress, stopped, diverged, load-progress, error, ready). */
  on<T extends EngineStreamEventType>(type: T, listener: (event: Extract<EngineStreamEvent, { type: T }>) => void): () => void {
    const set = this.subscribers.get(type) ?? new Set()
    this.subscribers.set(type, set)
    set.add(listener as (event: never) => void)
    return () => void set.delete(listener as (event: never) => void)
  }

  /** Called each time a new engine took over (after a crash): re-send the current project here. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => void this.reconnectListeners.delete(listener)
  }

  dispose(): void {
    this.options.target.removeEventListener('message', this.onWindowMessage)
    this.stopHostEvents()
    this.rejectPending(new EngineConnectionLostError('the engine client was closed'))
    this.port?.close()
    this.port = null
  }

  private readonly onWindowMessage = (event: Event): void => {
    const { data, source, ports } = event as MessageEvent
    if (source !== this.options.source || typeof data !== 'object' || data === null) return
    if (data.type !== ENGINE_PORT_MESSAGE || data.nonce !== this.nonce || ports?.length !== 1) return
    this.attach(ports[0])
  }

  private attach(port: MessagePort): void {
    const replacing = this.port !== null
    if (replacing) {
      this.port!.close()
      this.rejectPending(new EngineConnectionLostError('the engine restarted; the request was lost with it'))
    }
    this.port = port
    this.unavailable = null
    port.addEventListener('message', (event) => this.received(event.data))
    port.start()
    for (const request of this.queued.splice(0)) port.postMessage(request)
    if (replacing) this.reconnectListeners.forEach((listener) => listener())
  }

  private received(data: unknown): void {
    if (!isEngineEvent(data)) {
      this.log('dropped a malformed engine message', data)
      return
    }
    if (data.type !== 'reply') {
      this.subscribers.get(data.type)?.forEach((listener) => (listener as (event: EngineStreamEvent) => void)(data))
      return
    }
    const waiting = this.pending.get(data.id)
    if (!waiting) {
      this.log(`a reply to no pending request (id ${data.id})`, data)
      return
    }
    this.pending.delete(data.id)
    clearTimeout(waiting.timer)
    if (!data.ok) return waiting.reject(new EngineRequestError(data.error, waiting.type))
    const problem = malformedReply(waiting.type, data.result)
    if (problem === null) return waiting.resolve(data.result)
    this.log(problem, data.result)
    waiting.reject(new EngineRequestError(`the engine sent ${problem}`, waiting.type))
  }

  private markUnavailable(reason: string): void {
    this.unavailable = reason
    this.rejectPending(new EngineConnectionLostError(reason))
  }

  private rejectPending(error: Error): void {
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer)
      waiting.reject(error)
    }
    this.pending.clear()
    this.queued.length = 0
  }
}

/** The client for this page: window.studio must exist (preload or installWebStudio). */
export function connectEngine(studio: StudioApi, win: Window = window): EngineClient {
  return new EngineClient({ studio, target: win, source: win })
}
