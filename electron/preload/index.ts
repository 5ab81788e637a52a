import { contextBridge } from 'electron'
import type { StudioApi } from '../../engine/protocol'

// Placeholder until the shell lands: only hostInfo answers. The full API is in engine/protocol.ts.
const studio: Pick<StudioApi, 'hostInfo'> = {
  hostInfo: async () => ({ kind: 'electron', nativeDialogs: true, rootFolder: null, version: '0.1.0' }),
}

contextBridge.exposeInMainWorld('studio', studio)
