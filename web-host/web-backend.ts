// The browser host's StudioBackend for one page: the shared file actions (typed paths confined
// to the root), the engine bridge, and the document state (so a clean shutdown can clear the
// crash-recovery copy, and a dirty one keeps it).
import type { HostInfo } from '../engine/protocol'
import { passThroughFileCalls, type FileActions } from '../host-neutral/files/file-actions'
import type { StudioBackend } from '../host-neutral/studio-calls'
import { listConfinedFolder } from '../host-neutral/files/folder-listing'
import type { EngineBridge, PageLink } from './engine-bridge'

export interface WebHostState {
  rootFolder: string
  version: string
  files: FileActions
  bridge: EngineBridge
  /** The document state the studio's page reported last (only that page may report it). */
  document: { title: string; dirty: boolean }
  /** The page that holds the studio (one per host); null until one connects, and after it closed. */
  studio: PageLink | null
}

export function createWebBackend(state: WebHostState, page: PageLink): StudioBackend {
  const { files } = state
  return {
    hostInfo: (): HostInfo => ({ kind: 'browser', nativeDialogs: false, rootFolder: state.rootFolder, version: state.version }),
    connectEngine: () => state.bridge.connect(page),
    openProject: files.openProject,
    saveProject: files.saveProject,
    ...passThroughFileCalls(files),
    restartEngine: () => state.bridge.restartNow(),
    listFolder: (request) => listConfinedFolder(state.rootFolder, request),
    setDocumentState: (document) => void (state.document = document),
    // The page closes its own tab; the host keeps running for the next one.
    closeWindow: () => {},
  }
}
