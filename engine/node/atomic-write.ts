// Atomic file replacement: the target either keeps its old content or gets all of the new
// content, never a torn mix, even if the process is killed or the machine loses power midway.
import { randomBytes } from 'node:crypto'
import { lstat, open, realpath, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteOptions {
  /**
   * Runs after the temp file is complete and synced, before it replaces the target. Only tests
   * use it, to kill the writer exactly there and prove the old file survives.
   */
  beforeRename?: (tempPath: string) => Promise<void>
}

/**
 * The temp file lives beside the target (rename is only atomic within one file system) and names
 * the writing process, so a later start can tell a leftover of a killed writer (stale-temp.ts)
 * from a save in progress.
 */
export function tempPathFor(target: string, pid = process.pid): string {
  return join(dirname(target), `.${basename(target)}.${pid}-${randomBytes(6).toString('hex')}.tmp`)
}

/** Matches the names tempPathFor makes; group 1 is the writer's pid. */
export const TEMP_FILE_NAME = /^\..+\.(\d+)-[0-9a-f]{12}\.tmp$/

/**
 * Where a write to `target` lands. A folder is refused before anything is created (saving to
 * "." once made its temp file beside the folder, outside it). A symbolic link is written
 * through: its target is replaced and the link stays, as editors do.
 */
async function writeTarget(target: string): Promise<string> {
  let info
  try {
    info = await lstat(target)
  } catch {
    return target
  }
  const real = info.isSymbolicLink() ? await realpath(target).catch(() => target) : target
  if ((await stat(real).catch(() => null))?.isDirectory()) {
    throw Object.assign(new Error(`${target} is a folder`), { code: 'EISDIR' })
  }
  return real
}

/** Keeps the permission bits of the file being replaced (a new file gets the default). */
async function existingMode(target: string): Promise<number> {
  try {
    return (await stat(target)).mode & 0o777
  } catch {
    return 0o666
  }
}

/** Syncs the folder entry so the rename itself survives a power loss (not possible on Windows). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Writes `data` to a temp file, fsyncs it, renames it over `target`, then fsyncs the folder. */
export async function writeFileAtomic(requested: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await writeTarget(requested)
  const temp = tempPathFor(target)
  const handle = await open(temp, 'wx', await existingMode(target))
  try {
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await options.beforeRename?.(temp)
    await rename(temp, target)
  } catch (error) {
    // Nothing is left behind on failure; the target was never touched.
    await rm(temp, { force: true })
    throw error
  }
  await syncFolder(dirname(target))
}
