import type { BrowserWindowConstructorOptions } from 'electron'
import { socketOrigin, studioCsp } from '../../host-neutral/csp'

/** The custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://studio`

export interface SecurityInput {
  /** Absolute path of the built CommonJS preload. */
  preloadPath: string
  /** Vite dev server origin while developing (`electron-vite dev`), otherwise null. */
  devServerOrigin: string | null
}

/**
 * The Content-Security-Policy of every renderer document. Scripts only from the app itself,
 * no eval; in development the Vite server's origin and its HMR socket are added, nothing else.
 */
export function contentSecurityPolicy(devServerOrigin: string | null): string {
  return devServerOrigin ? studioCsp([devServerOrigin], [socketOrigin(devServerOrigin)]) : studioCsp()
}

/** Window options: every security switch set explicitly, so a default change cannot weaken them. */
export function studioWindowOptions(input: SecurityInput): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Backprop Studio',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.devServerOrigin !== null,
    },
  }
}

/** Whether a URL belongs to the app itself (navigation anywhere else is denied). */
export function isAppUrl(url: string, devServerOrigin: string | null): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true
  return devServerOrigin !== null && parsed.origin === devServerOrigin
}

/** Links the app may open in the user's browser: https only, allowlisted hosts only. */
const EXTERNAL_HOSTS = new Set(['github.com', 'www.electronjs.org', 'en.wikipedia.org'])
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname)
  } catch {
    return false
  }
}
