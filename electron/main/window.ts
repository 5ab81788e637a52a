import { app, BrowserWindow, session, shell, type WebContents } from 'electron'
import { README_PATH } from './readme-page'
import { APP_ORIGIN, isAllowedExternalUrl, isAppUrl, studioWindowOptions } from './security'

export interface WindowPaths {
  preloadPath: string
  devServerUrl: string | null
}

/**
 * Guards for every web contents the app ever creates (the studio window, Help, anything a bug
 * might open): no navigation away from the app, no new windows (allowlisted https links open in
 * the user's browser instead), no <webview>.
 */
export function hardenAllWebContents(devServerOrigin: string | null): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    const leave = (event: { preventDefault(): void }, url: string) => {
      if (isAppUrl(url, devServerOrigin)) return
      event.preventDefault()
      if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    }
    contents.on('will-navigate', leave)
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerOrigin)) event.preventDefault()
    })
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

/** The studio asks for no permission (camera, notifications, …): every request and check says no. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.setDevicePermissionHandler(() => false)
}

/** Creates the studio window. */
export function createStudioWindow(paths: WindowPaths): BrowserWindow {
  const devServerOrigin = paths.devServerUrl ? new URL(paths.devServerUrl).origin : null
  const win = new BrowserWindow(studioWindowOptions({ preloadPath: paths.preloadPath, devServerOrigin }))
  win.once('ready-to-show', () => win.show())
  // A crashed renderer comes back on its own; the page then offers the autosaved project.
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload()
  })
  void win.loadURL(paths.devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}

/** Help › Read Me: the README in a window of its own, without JavaScript or a preload. */
export function openReadmeWindow(parent: BrowserWindow | null): BrowserWindow {
  const win = new BrowserWindow({
    width: 860,
    height: 900,
    title: 'Backprop Studio — Read Me',
    parent: parent ?? undefined,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webviewTag: false, devTools: false },
  })
  void win.loadURL(`${APP_ORIGIN}${README_PATH}`)
  return win
}
