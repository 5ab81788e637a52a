// The preload: exposes exactly one object, `window.studio` (StudioApi), and nothing else. Every
// call goes through a channel of the single table in common/ipc-channels.ts; no ipcRenderer and
// no Electron event object reaches the page, only plain data. The engine port cannot cross the
// context bridge, so it is posted into the page as a window message carrying the nonce the page
// chose (Electron's documented pattern for MessagePorts with context isolation).
import { contextBridge, ipcRenderer } from 'electron'
import { ENGINE_PORT_MESSAGE, type HostEvent, type StudioApi } from '../../engine/protocol'
import { isHostEvent } from '../../engine/host-event-schema'
import { CALL_CHANNELS, PUSH_CHANNELS, type StudioCall } from '../../host-neutral/ipc-channels'

const invoke = <T>(method: StudioCall, ...args: unknown[]): Promise<T> => ipcRenderer.invoke(CALL_CHANNELS[method], ...args) as Promise<T>

/** The StudioApi methods that return nothing: a failure is logged, not thrown into the page. */
const notify = (method: StudioCall, ...args: unknown[]): void =>
  void invoke(method, ...args).catch((error: Error) => console.error(`[studio] ${method} failed: ${error.message}`))

let engineNonce: string | null = null
ipcRenderer.on(PUSH_CHANNELS.enginePort, (event, message: unknown) => {
  const nonce = (message as { nonce?: unknown } | null)?.nonce
  if (engineNonce === null || nonce !== engineNonce || event.ports.length !== 1) return
  window.postMessage({ type: ENGINE_PORT_MESSAGE, nonce: engineNonce }, '*', [event.ports[0]])
})

const hostListeners = new Set<(event: HostEvent) => void>()
ipcRenderer.on(PUSH_CHANNELS.hostEvent, (_event, hostEvent: unknown) => {
  if (!isHostEvent(hostEvent)) {
    console.error('[studio] dropped a malformed host event', hostEvent)
    return
  }
  for (const listener of hostListeners) {
    try {
      listener(hostEvent)
    } catch (error) {
      console.error('[studio] a host event listener failed', error)
    }
  }
})

const studio: StudioApi = {
  hostInfo: () => invoke('hostInfo'),
  connectEngine(nonce) {
    engineNonce = nonce
    notify('connectEngine', nonce)
  },
  onHostEvent(listener) {
    hostListeners.add(listener)
    return () => void hostListeners.delete(listener)
  },
  openProject: (request) => invoke('openProject', request),
  saveProject: (request) => invoke('saveProject', request),
  importCsv: (request) => invoke('importCsv', request),
  readDataFile: (request) => invoke('readDataFile', request),
  exportFile: (request) => invoke('exportFile', request),
  recentFiles: () => invoke('recentFiles'),
  autosave: (text) => invoke('autosave', text),
  takeAutosave: () => invoke('takeAutosave'),
  setDocumentState: (state) => notify('setDocumentState', state),
  closeWindow: () => notify('closeWindow'),
  readRuns: (request) => invoke('readRuns', request),
  appendRuns: (request) => invoke('appendRuns', request),
  moveRuns: (request) => invoke('moveRuns', request),
  restartEngine: () => invoke('restartEngine'),
  listFolder: (request) => invoke('listFolder', request),
}

contextBridge.exposeInMainWorld('studio', studio)
