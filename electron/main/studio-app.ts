// Composes the desktop app once Electron is ready: security, the app:// protocol, the file
// store, the engine host, IPC, the menu and the window; and the clean-exit bookkeeping.
import { dirname, join } from 'node:path'
import { app, type BrowserWindow } from 'electron'
import type { HostEvent } from '../../engine/protocol'
import { PUSH_CHANNELS } from '../../host-neutral/ipc-channels'
import { AutosaveStore } from '../../host-neutral/files/autosave-store'
import { createFileActions } from '../../host-neutral/files/file-actions'
import { RecentFiles } from '../../host-neutral/files/recent-files'
import { removeStaleTempFiles } from '../../host-neutral/files/stale-temp'
import { installAppMenu } from './app-menu'
import { serveRenderer } from './app-protocol'
import { createElectronBackend } from './backend'
import { manageDocumentWindow, type DocumentWindow } from './document-window'
import { EngineHost } from './engine-host'
import { registerStudioIpc } from './ipc'
import { createLog } from './log'
import { nativePathPolicy } from './native-path-policy'
import { PathGrants } from './path-grants'
import { createStudioWindow, denyAllPermissions, hardenAllWebContents, openReadmeWindow } from './window'

export interface StudioPaths {
  /** The build output folder (out/), holding main/, preload/ and renderer/. */
  outDir: string
  readmeFile: string
  /** electron-vite's dev server while developing, else null. */
  devServerUrl: string | null
}

/** How long quitting waits for the engine to go. */
const ENGINE_STOP_TIMEOUT_MS = 3_000

export interface Studio {
  /** A second launch was attempted: bring this window forward. */
  focus(): void
}

export function startStudio(paths: StudioPaths): Studio {
  const devServerOrigin = paths.devServerUrl ? new URL(paths.devServerUrl).origin : null
  const log = createLog(join(app.getPath('logs'), 'main.log'))
  hardenAllWebContents(devServerOrigin)
  denyAllPermissions()
  serveRenderer(join(paths.outDir, 'renderer'), paths.readmeFile)

  let window: BrowserWindow | null = null
  let documentWindow: DocumentWindow | null = null
  const sendHostEvent = (event: HostEvent) => {
    if (window && !window.isDestroyed()) window.webContents.send(PUSH_CHANNELS.hostEvent, event)
  }

  const dataDir = app.getPath('userData')
  const recent = new RecentFiles(dataDir)
  const autosave = new AutosaveStore(dataDir)
  const grants = new PathGrants()
  const files = createFileActions(nativePathPolicy(() => window, grants), recent, autosave)
  // Leftovers of a writer killed mid-save, in the folders this app writes in.
  void recent.list().then((paths) =>
    Promise.all([dataDir, ...new Set(paths.map((path) => dirname(path)))].map((folder) => removeStaleTempFiles(folder))).then((removed) =>
      removed.flat().forEach((path) => log(`removed a stale temp file: ${path}`)),
    ),
  )
  const engine = new EngineHost({ enginePath: join(paths.outDir, 'main', 'engine-process.js'), log, contents: () => window?.webContents ?? null, sendHostEvent })

  const refreshMenu = installAppMenu({
    isDev: devServerOrigin !== null,
    // Picking a recent file in the native menu is the user's choice: that one file is granted.
    send: (command, path) => {
      if (path) grants.grant(path, 'project')
      sendHostEvent(path ? { type: 'menu', command, path } : { type: 'menu', command })
    },
    openReadme: () => openReadmeWindow(window),
    clearRecent: () => void recent.clear().then(() => refreshMenu([])),
  })
  const recentChanged = () => void files.recentFiles().then(refreshMenu)
  const backend = createElectronBackend({ version: app.getVersion(), files, engine, document: () => documentWindow, recentChanged })
  registerStudioIpc({ window: () => window, backend, devServerOrigin, log })

  engine.start()
  window = createStudioWindow({ preloadPath: join(paths.outDir, 'preload', 'index.cjs'), devServerUrl: paths.devServerUrl })
  documentWindow = manageDocumentWindow(window, sendHostEvent)
  recentChanged()

  // The window only closes once unsaved changes were saved or discarded: a clean exit, so the
  // crash-recovery copy goes. A crash or kill never gets here and leaves it for the next start.
  let closedCleanly = false
  window.on('closed', () => {
    closedCleanly = true
    window = null
    documentWindow = null
  })
  let cleanedUp = false
  app.on('will-quit', (event) => {
    if (cleanedUp) return
    event.preventDefault()
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, ENGINE_STOP_TIMEOUT_MS))
    void Promise.all([Promise.race([engine.stop(), timeout]), closedCleanly ? autosave.clear() : null]).finally(() => {
      cleanedUp = true
      app.quit()
    })
  })

  return {
    focus() {
      if (!window) return
      if (window.isMinimized()) window.restore()
      window.focus()
    },
  }
}
