// Entry of the desktop app: one instance only; everything else starts in studio-app.ts.
import { join } from 'node:path'
import { app } from 'electron'
import { registerAppScheme } from './app-protocol'
import { startStudio, type Studio } from './studio-app'

const outDir = join(import.meta.dirname, '..')

// Tests (and anyone who wants a separate profile) point the data folder elsewhere.
if (process.env.BACKPROP_STUDIO_USER_DATA) app.setPath('userData', process.env.BACKPROP_STUDIO_USER_DATA)
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let studio: Studio | null = null
  app.on('second-instance', () => studio?.focus())
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(() => {
    studio = startStudio({
      outDir,
      readmeFile: join(outDir, '..', 'README.md'),
      devServerUrl: process.env.ELECTRON_RENDERER_URL ?? null,
    })
  })
}
