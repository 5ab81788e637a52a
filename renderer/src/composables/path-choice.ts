/** The path for a file the user opens or writes: a native dialog where the host has one, else typed. */
import { useEngineStore } from '../stores/engine'
import { useUiStore } from '../stores/ui'

export type PathPurpose = 'open' | 'save' | 'import' | 'export'

/** Returns choosePath(purpose, title, initial, error?): undefined lets a native dialog ask; null means canceled. */
export function useChoosePath() {
  const engine = useEngineStore()
  const ui = useUiStore()
  const where = () => (engine.hostInfo?.rootFolder ? ` (relative to ${engine.hostInfo.rootFolder})` : '')
  return async function choosePath(purpose: PathPurpose, title: string, initial: string, error?: string): Promise<string | undefined | null> {
    if (engine.hostInfo?.nativeDialogs === true) return undefined
    const path = await ui.askPath(purpose, `${title}${where()}`, initial, error)
    return path && path.trim() ? path.trim() : null
  }
}
