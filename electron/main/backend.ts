// The desktop StudioBackend: the shared file actions behind native dialogs, the engine host, and
// the document window. Called only after ipc.ts has checked the sender and the arguments.
import type { HostInfo } from '../../engine/protocol'
import { passThroughFileCalls, type FileActions } from '../../host-neutral/files/file-actions'
import type { StudioBackend } from '../../host-neutral/studio-calls'
import type { DocumentWindow } from './document-window'
import type { EngineHost } from './engine-host'

export interface ElectronBackendDeps {
  version: string
  files: FileActions
  engine: EngineHost
  document(): DocumentWindow | null
  /** The recent files changed: rebuild Open Recent. */
  recentChanged(): void
}

export function createElectronBackend(deps: ElectronBackendDeps): StudioBackend {
  const { files } = deps
  /** Opening or saving a project moves it to the top of the recent list. */
  const thenRefreshRecent =
    <A extends unknown[], R>(action: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await action(...args)
      deps.recentChanged()
      return result
    }
  return {
    hostInfo: (): HostInfo => ({ kind: 'electron', nativeDialogs: true, rootFolder: null, version: deps.version }),
    connectEngine: (nonce) => deps.engine.connect(nonce),
    openProject: thenRefreshRecent(files.openProject),
    saveProject: thenRefreshRecent(files.saveProject),
    ...passThroughFileCalls(files),
    restartEngine: () => deps.engine.restartNow(),
    // The desktop chooses files in native dialogs; its renderer never lists folders.
    listFolder: () => ({ ok: false, canceled: false, error: 'The desktop app chooses files in its own dialogs.' }),
    setDocumentState: (state) => deps.document()?.setState(state),
    closeWindow: () => deps.document()?.close(),
  }
}
