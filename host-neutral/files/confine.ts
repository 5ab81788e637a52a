// Paths typed by the user of the browser host stay inside one root folder: no `..`, no absolute
// path elsewhere, and no symbolic link that leads out of it.
import { realpath } from 'node:fs/promises'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'

export class PathRefusedError extends Error {
  override readonly name = 'PathRefusedError'
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * The real path of `path`, or, when it does not exist yet (a file about to be saved), the real
 * path of its nearest existing ancestor joined with the rest.
 */
async function realPathOfExistingPart(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const parent = dirname(path)
    if (parent === path) return path
    return resolve(await realPathOfExistingPart(parent), relative(parent, path))
  }
}

/**
 * Resolves `userPath` (relative to `root`, or absolute inside it) to an absolute path inside
 * `root`, following symbolic links to check where they really lead. Throws PathRefusedError.
 */
export async function resolveConfined(root: string, userPath: string): Promise<string> {
  if (userPath.trim() === '') throw new PathRefusedError('No file path was given.')
  if (userPath.includes('\0')) throw new PathRefusedError(`"${userPath}" is not a valid file path.`)
  if (userPath.split(/[\\/]/).includes('..')) {
    throw new PathRefusedError(`"${userPath}" is refused: paths may not contain "..".`)
  }
  const absoluteRoot = resolve(root)
  const wanted = resolve(absoluteRoot, userPath)
  if (!isInside(absoluteRoot, wanted)) {
    throw new PathRefusedError(`"${userPath}" is refused: it is outside the folder ${absoluteRoot}.`)
  }
  const realRoot = await realpath(absoluteRoot)
  const real = await realPathOfExistingPart(wanted)
  if (!isInside(realRoot, real)) {
    throw new PathRefusedError(`"${userPath}" is refused: a symbolic link leads outside the folder ${absoluteRoot}.`)
  }
  return wanted
}

/** How the browser host shows a path inside its root: relative, with forward slashes. */
export function displayRelative(root: string, absolutePath: string): string {
  return relative(resolve(root), absolutePath).split(sep).join('/')
}
