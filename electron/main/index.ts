import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { createStudioWindow } from './window'

const outDir = join(import.meta.dirname, '..')
let mainWindow: BrowserWindow | null = null

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(() => {
    serveRenderer(join(outDir, 'renderer'))
    mainWindow = createStudioWindow({
      preloadPath: join(outDir, 'preload', 'index.cjs'),
      devServerUrl: process.env.ELECTRON_RENDERER_URL ?? null,
    })
    mainWindow.on('closed', () => (mainWindow = null))
  })
}
