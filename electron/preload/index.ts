import { contextBridge } from 'electron'
import type { StudioApi } from '../../engine/protocol'

// Exactly one object reaches the page; no ipcRenderer or event objects leak through.
const studio: StudioApi = {
  hostInfo: async () => ({ kind: 'electron', nativeDialogs: true }),
}

contextBridge.exposeInMainWorld('studio', studio)
