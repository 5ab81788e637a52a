// The single table of IPC channel names, shared by main (handlers) and the preload (callers).
// Like Electron Fiddle's IpcEvents enum: a channel exists only if it is listed here. Imports
// nothing at run time, so the sandboxed preload bundle stays tiny.
import type { StudioApi } from '../engine/protocol'

/** The StudioApi methods that are calls into the host (everything but the event subscription). */
export type StudioCall = Exclude<keyof StudioApi, 'onHostEvent'>

export const CALL_CHANNELS = {
  hostInfo: 'studio:host-info',
  connectEngine: 'studio:connect-engine',
  openProject: 'studio:open-project',
  saveProject: 'studio:save-project',
  importCsv: 'studio:import-csv',
  readDataFile: 'studio:read-data-file',
  exportFile: 'studio:export-file',
  recentFiles: 'studio:recent-files',
  autosave: 'studio:autosave',
  takeAutosave: 'studio:take-autosave',
  setDocumentState: 'studio:set-document-state',
  closeWindow: 'studio:close-window',
  readRuns: 'studio:read-runs',
  appendRuns: 'studio:append-runs',
  moveRuns: 'studio:move-runs',
  restartEngine: 'studio:restart-engine',
  listFolder: 'studio:list-folder',
} as const satisfies Record<StudioCall, `studio:${string}`>

/** Main → preload messages. */
export const PUSH_CHANNELS = {
  /** A HostEvent. */
  hostEvent: 'studio:host-event',
  /** `{ nonce }` with one MessagePort: the renderer's end of the engine channel. */
  enginePort: 'studio:engine-port',
} as const

export const STUDIO_CALLS = Object.keys(CALL_CHANNELS) as StudioCall[]
