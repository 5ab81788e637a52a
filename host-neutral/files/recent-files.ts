// The recent files list (File › Open Recent): most recent first, no duplicates, at most 10,
// kept as JSON in the host's data folder. A damaged list is treated as empty, never fatal.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../../engine/node/atomic-write'

export const MAX_RECENT_FILES = 10

/** Puts `path` first and drops duplicates and the overflow. */
export function withRecent(list: readonly string[], path: string, max = MAX_RECENT_FILES): string[] {
  return [path, ...list.filter((entry) => entry !== path)].slice(0, max)
}

function parseList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text)
    if (!Array.isArray(value)) return []
    return value.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0).slice(0, MAX_RECENT_FILES)
  } catch {
    return []
  }
}

export class RecentFiles {
  private readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'recent-files.json')
  }

  async list(): Promise<string[]> {
    try {
      return parseList(await readFile(this.file, 'utf8'))
    } catch {
      return []
    }
  }

  async add(path: string): Promise<string[]> {
    const next = withRecent(await this.list(), path)
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2))
    return next
  }

  async clear(): Promise<void> {
    await writeFileAtomic(this.file, '[]')
  }

  async remove(path: string): Promise<string[]> {
    const next = (await this.list()).filter((entry) => entry !== path)
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2))
    return next
  }
}
