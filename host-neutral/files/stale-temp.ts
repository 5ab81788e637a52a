// Removes the temp files a killed writer left (writeFileAtomic names them `.<file>.<pid>-<hex>.tmp`).
// Only ours, and only when the pid in the name is no longer a running process, so a save in
// progress in another studio or CLI is never touched. Run at start on the folders we write in.
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { TEMP_FILE_NAME } from '../../engine/node/atomic-write'

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface SweepOptions {
  /** How many folder levels below `folder` to look into (0: the folder only). */
  depth?: number
  /** Stop after looking at this many entries in all (a huge root must not stall the start). */
  maxEntries?: number
  isRunning?: (pid: number) => boolean
}

/** Returns the paths removed. Unreadable folders are skipped, never fatal. */
export async function removeStaleTempFiles(folder: string, options: SweepOptions = {}): Promise<string[]> {
  const { depth = 0, maxEntries = 20_000, isRunning: running = isRunning } = options
  const removed: string[] = []
  let budget = maxEntries
  async function sweep(dir: string, levelsLeft: number): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (--budget < 0) return
      const path = join(dir, entry.name)
      const match = entry.isFile() ? TEMP_FILE_NAME.exec(entry.name) : null
      if (match && !running(Number(match[1]))) {
        await rm(path, { force: true })
        removed.push(path)
      } else if (entry.isDirectory() && levelsLeft > 0 && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
        await sweep(path, levelsLeft - 1)
      }
    }
  }
  await sweep(folder, depth)
  return removed
}
