// The browser host's StudioApi: what the Electron preload is on the desktop, over a WebSocket
// to the Node host (see web-protocol.ts). Installed as `window.studio` only when no preload
// provided one and the URL carries the per-launch `#token=…`. For the engine it makes a
// MessageChannel, bridges one end to the socket and posts the other into the page exactly as
// the preload does, so the rest of the renderer always talks to a MessagePort.
import { ENGINE_PORT_MESSAGE, type HostEvent, type StudioApi } from '../../../engine/protocol'
import { parseServerMessage, STUDIO_SOCKET_PATH, type ClientMessage, type ServerMessage } from '../../../engine/wire/web-protocol'
import { MAX_FRAME_BYTES } from '../../../engine/wire/size-limits'
import { decodeMessage, encodeMessage } from '../../../engine/wire/wire-codec'

declare global {
  interface Window {
    /** Set by the Electron preload or by installWebStudio(); absent in plain unit tests. */
    readonly studio?: StudioApi
  }
}

export interface WebStudioEnvironment {
  /** WebSocket constructor (injected in tests). */
  WebSocket: new (url: string) => WebSocket
  /** Hands the page's end of an engine channel to the engine client. */
  postPort(nonce: string, port: MessagePort): void
  /** Asks the browser to confirm leaving while there are unsaved changes. */
  setLeaveGuard(active: boolean): void
  closeWindow(): void
  log(message: string): void
  /** A call the host does not answer in this long fails (default CALL_TIMEOUT_MS). */
  callTimeoutMs?: number
}

/** Generous: the largest save writes ~250 MB; a host that takes longer is wedged, and the user must hear it. */
export const CALL_TIMEOUT_MS = 5 * 60_000

interface PendingCall {
  resolve(value: unknown): void
  reject(error: Error): void
}

/** One engine connection: the page-side channel and the epoch the host gave it. */
interface EngineBridge {
  epoch: number
  channel: MessageChannel
}

export function createWebStudio(socketUrl: string, env: WebStudioEnvironment): StudioApi {
  const socket = new env.WebSocket(socketUrl)
  // Frames are binary both ways (wire-codec.ts): big arrays and texts travel as bytes.
  socket.binaryType = 'arraybuffer'
  const outbox: Uint8Array<ArrayBuffer>[] = []
  const pending = new Map<number, PendingCall>()
  const listeners = new Set<(event: HostEvent) => void>()
  let nextId = 1
  let nonce: string | null = null
  let bridge: EngineBridge | null = null

  /** Sends one message; throws (before sending anything) when it is larger than the host accepts. */
  const send = (message: ClientMessage) => {
    const frame = encodeMessage(message)
    if (frame.byteLength > MAX_FRAME_BYTES) {
      throw new Error(`the message is too large for the browser host (${Math.ceil(frame.byteLength / 2 ** 20)} MB; at most ${Math.floor(MAX_FRAME_BYTES / 2 ** 20)} MB)`)
    }
    if (socket.readyState === socket.OPEN) socket.send(frame)
    else if (socket.readyState === socket.CONNECTING) outbox.push(frame)
  }
  const emit = (event: HostEvent) => listeners.forEach((listener) => listener(event))

  function call<T>(method: string, args: unknown[]): Promise<T> {
    if (socket.readyState > socket.OPEN) return Promise.reject(new Error('the browser host is not connected'))
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      const ms = env.callTimeoutMs ?? CALL_TIMEOUT_MS
      const timer = setTimeout(() => {
        if (pending.delete(id)) reject(new Error(`the browser host did not answer ${method} within ${Math.round(ms / 1000)} s`))
      }, ms)
      pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      })
      try {
        send({ kind: 'call', id, method, args })
      } catch (error) {
        pending.delete(id)
        clearTimeout(timer)
        reject(error as Error)
      }
    })
  }
  /** For the fire-and-forget methods of StudioApi: failures are logged, not thrown. */
  const notify = (method: string, args: unknown[]) => void call(method, args).catch((error: Error) => env.log(`${method} failed: ${error.message}`))

  function openEnginePort(epoch: number): void {
    if (nonce === null) return
    bridge?.channel.port1.close()
    const channel = new MessageChannel()
    const current: EngineBridge = { epoch, channel }
    bridge = current
    channel.port1.addEventListener('message', (event) => {
      try {
        send({ kind: 'engine', epoch: current.epoch, message: event.data })
      } catch (error) {
        env.log(`an engine request was not sent: ${(error as Error).message}`)
      }
    })
    channel.port1.start()
    env.postPort(nonce, channel.port2)
  }

  /** `frame`: the socket frame's buffer, which an engine message's byte arrays are views into (wire-codec): moved to the port, not copied. */
  function received(message: ServerMessage, frame: ArrayBuffer): void {
    switch (message.kind) {
      case 'result': {
        const waiting = pending.get(message.id)
        pending.delete(message.id)
        if (message.ok) waiting?.resolve(message.value)
        else waiting?.reject(new Error(message.error))
        return
      }
      case 'host-event':
        return emit(message.event)
      case 'engine-port':
        return openEnginePort(message.epoch)
      case 'engine':
        // Transferred: a 6 MB project file in a reply is not cloned twice on this thread.
        if (bridge && bridge.epoch === message.epoch) bridge.channel.port1.postMessage(message.message, [frame])
    }
  }

  socket.addEventListener('open', () => outbox.splice(0).forEach((text) => socket.send(text)))
  socket.addEventListener('message', (event: MessageEvent) => {
    let message: ServerMessage | null = null
    try {
      if (!(event.data instanceof ArrayBuffer)) throw new Error('a text frame (the host sends binary frames)')
      message = parseServerMessage(decodeMessage(new Uint8Array(event.data)))
    } catch (error) {
      env.log(`dropped a malformed message from the browser host: ${(error as Error).message}`)
    }
    if (message) received(message, event.data as ArrayBuffer)
  })
  socket.addEventListener('close', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('the browser host closed the connection'))
    pending.clear()
    bridge?.channel.port1.close()
    bridge = null
    emit({ type: 'engine-unavailable', reason: 'The browser host closed the connection (was it stopped?). Restart it and reload the page.' })
  })

  const api: StudioApi = {
    hostInfo: () => call('hostInfo', []),
    connectEngine(engineNonce) {
      nonce = engineNonce
      notify('connectEngine', [engineNonce])
    },
    onHostEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    openProject: (request) => call('openProject', [request]),
    saveProject: (request) => call('saveProject', [request]),
    importCsv: (request) => call('importCsv', [request]),
    readDataFile: (request) => call('readDataFile', [request]),
    exportFile: (request) => call('exportFile', [request]),
    recentFiles: () => call('recentFiles', []),
    autosave: (text) => call('autosave', [text]),
    takeAutosave: () => call('takeAutosave', []),
    setDocumentState(state) {
      env.setLeaveGuard(state.dirty)
      notify('setDocumentState', [state])
    },
    closeWindow() {
      env.setLeaveGuard(false)
      notify('closeWindow', [])
      env.closeWindow()
    },
    readRuns: (request) => call('readRuns', [request]),
    appendRuns: (request) => call('appendRuns', [request]),
    moveRuns: (request) => call('moveRuns', [request]),
    restartEngine: () => call('restartEngine', []),
    listFolder: (request) => call('listFolder', [request]),
  }
  return api
}

/** The real page environment. */
function browserEnvironment(win: Window): WebStudioEnvironment {
  let guarded = false
  win.addEventListener('beforeunload', (event) => {
    if (guarded) event.preventDefault()
  })
  return {
    WebSocket,
    postPort: (nonce, port) => win.postMessage({ type: ENGINE_PORT_MESSAGE, nonce }, '*', [port]),
    setLeaveGuard: (active) => (guarded = active),
    closeWindow: () => win.close(),
    log: (message) => console.warn(`[studio] ${message}`),
  }
}

/** The socket URL for a page served by the browser host, or null when this is not one. */
export function studioSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'hash'>): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token')
  if (!token || !/^https?:$/.test(location.protocol)) return null
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}${STUDIO_SOCKET_PATH}?token=${encodeURIComponent(token)}`
}

/**
 * Installs `window.studio` for the browser host. Does nothing under Electron (the preload has
 * set it) or without a token. Returns whether it installed.
 */
export function installWebStudio(win: Window = window): boolean {
  if (win.studio !== undefined) return false
  const url = studioSocketUrl(win.location)
  if (!url) return false
  const api = Object.freeze(createWebStudio(url, browserEnvironment(win)))
  // Read-only, like the preload's contextBridge object: page code cannot swap it.
  Object.defineProperty(win, 'studio', { value: api, enumerable: true, writable: false, configurable: false })
  return true
}
