// Crash recovery: the renderer keeps a copy of the open project here while it is edited. A clean
// exit clears it, so finding one at start means the last session ended in a crash or a kill.
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../../engine/node/atomic-write'

export class AutosaveStore {
  readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'autosave.json')
  }

  /** Keeps `text` (null clears the copy). */
  async write(text: string | null): Promise<void> {
    if (text === null) await this.clear()
    else await writeFileAtomic(this.file, text)
  }

  /** The copy left by a crash, once: it is removed as it is handed out. */
  async take(): Promise<string | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch {
      return null
    }
    await this.clear()
    return text
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true })
  }
}
