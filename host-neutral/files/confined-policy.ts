// The browser host's PathPolicy: no dialogs; every path is typed by the user (or a test), relative
// to the root folder given at start, and confined to it.
import { dirname, resolve } from 'node:path'
import { displayRelative, PathRefusedError, resolveConfined } from './confine'
import type { PathPolicy } from './file-actions'

export function confinedPathPolicy(root: string): PathPolicy {
  const absoluteRoot = resolve(root)
  const required = async (requested: string | undefined): Promise<string> => {
    if (!requested) {
      throw new PathRefusedError(`Type a file path relative to ${absoluteRoot}: the browser host has no file dialogs.`)
    }
    return resolveConfined(absoluteRoot, requested)
  }
  return {
    chooseOpen: (_kind, requested) => required(requested),
    chooseSave: (_kind, requested) => required(requested),
    async resolveData(projectPath, path) {
      // resolve() normalizes `data/../x.csv`; what still climbs out of the root is refused.
      const base = projectPath ? dirname(await resolveConfined(absoluteRoot, projectPath)) : absoluteRoot
      return resolveConfined(absoluteRoot, displayRelative(absoluteRoot, resolve(base, path)) || '.')
    },
    display: (absolutePath) => displayRelative(absoluteRoot, absolutePath),
    acceptsRecent: (absolutePath) => {
      const rel = displayRelative(absoluteRoot, absolutePath)
      return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/')
    },
    remember: () => {},
    resolveProject: (projectPath) => resolveConfined(absoluteRoot, projectPath),
    dialogAsksToReplace: false,
  }
}
