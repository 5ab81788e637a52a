import { BrowserWindow, session, shell } from 'electron'
import { APP_ORIGIN, isAllowedExternalUrl, isAppUrl, studioWindowOptions } from './security'

export interface WindowPaths {
  preloadPath: string
  devServerUrl: string | null
}

/** Creates the studio window with its navigation, popup, permission and webview guards. */
export function createStudioWindow(paths: WindowPaths): BrowserWindow {
  const devServerOrigin = paths.devServerUrl ? new URL(paths.devServerUrl).origin : null
  const win = new BrowserWindow(studioWindowOptions({ preloadPath: paths.preloadPath, devServerOrigin }))
  const contents = win.webContents

  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerOrigin)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerOrigin)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  win.once('ready-to-show', () => win.show())
  void win.loadURL(paths.devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}
