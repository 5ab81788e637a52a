/**
 * The contract between the renderer and its host (Electron preload or the browser host).
 * Preload, browser host and renderer are all type-checked against `StudioApi`.
 */

export type HostKind = 'electron' | 'browser'

export interface HostInfo {
  kind: HostKind
  /** Electron shows native file dialogs; the browser host takes typed paths instead. */
  nativeDialogs: boolean
}

export interface StudioApi {
  hostInfo(): Promise<HostInfo>
}

/** The exact keys `window.studio` exposes; e2e checks the page sees nothing more. */
export const STUDIO_API_KEYS = ['hostInfo'] as const satisfies readonly (keyof StudioApi)[]
