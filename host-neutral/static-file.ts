// Reads a file of the built renderer for either host: only a regular file whose real path (links
// followed) is inside the renderer folder. A symbolic link out of it, a folder, a FIFO or a
// device is "not found". The type is checked before opening, and the open never blocks
// (O_NONBLOCK: a FIFO swapped in after the check would otherwise hold a thread of the pool).
import { constants } from 'node:fs'
import { open, realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative } from 'node:path'

const inside = (root: string, path: string) => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** The real path of `file` when it may be served from `root`, else null. */
export async function servableFile(root: string, file: string): Promise<string | null> {
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => null), realpath(file).catch(() => null)])
  if (!realRoot || !real || !inside(realRoot, real)) return null
  return (await stat(real).catch(() => null))?.isFile() ? real : null
}

/** The bytes of a servable file, or null (not found, not regular, outside the root). */
export async function readServableFile(root: string, file: string): Promise<Buffer | null> {
  const real = await servableFile(root, file)
  if (!real) return null
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(() => null)
  if (!handle) return null
  try {
    return (await handle.stat()).isFile() ? await handle.readFile() : null
  } finally {
    await handle.close()
  }
}
