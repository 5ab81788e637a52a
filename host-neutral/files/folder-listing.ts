// The browser host's path dialog lists a folder of its root: the subfolders, and the files of
// the kind being chosen. Confined like every typed path: nothing outside the root is listed,
// including entries whose symbolic link leads out of it. Hidden entries (".name") are left out.
import { readdir, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import type { FileKind, FileResult, FolderEntry, FolderListing, FolderRequest } from '../../engine/protocol'
import { displayRelative, PathRefusedError, resolveConfined } from './confine'
import { describeFileError } from './fs-errors'

export const FILE_EXTENSIONS: Record<FileKind, readonly string[]> = {
  project: ['.json'],
  csv: ['.csv', '.tsv', '.txt'],
  weights: ['.json'],
  metrics: ['.csv'],
  pytorch: ['.py'],
  onnx: ['.onnx'],
}

/** A folder with more entries is listed in part (the dialog says so). */
export const MAX_LISTED = 2000

const isInside = (root: string, path: string) => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

const byName = (a: FolderEntry, b: FolderEntry) => (a.folder === b.folder ? a.name.localeCompare(b.name) : a.folder ? -1 : 1)

export async function listConfinedFolder(root: string, request: FolderRequest): Promise<FileResult<FolderListing>> {
  const shown = request.path || '.'
  try {
    const folder = await resolveConfined(root, shown)
    const realRoot = await realpath(resolve(root))
    const entries: FolderEntry[] = []
    let truncated = false
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const path = join(folder, entry.name)
      // The folder itself is confined; only a link can lead out of it.
      const real = entry.isSymbolicLink() ? await realpath(path).catch(() => null) : path
      if (!real || (entry.isSymbolicLink() && !isInside(realRoot, real))) continue
      const info = entry.isSymbolicLink() ? await stat(real).catch(() => null) : entry
      if (!info) continue
      const isFolder = info.isDirectory()
      if (!isFolder && !(info.isFile() && FILE_EXTENSIONS[request.kind].includes(extname(entry.name).toLowerCase()))) continue
      if (entries.length >= MAX_LISTED) {
        truncated = true
        break
      }
      entries.push({ name: entry.name, folder: isFolder })
    }
    return { ok: true, value: { path: displayRelative(root, folder), entries: entries.sort(byName), truncated } }
  } catch (error) {
    const message = error instanceof PathRefusedError ? error.message : describeFileError('open', shown, error)
    return { ok: false, canceled: false, error: message }
  }
}
