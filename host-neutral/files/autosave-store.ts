// Crash recovery: the renderer keeps a copy of the open project here while it is edited. A clean
// exit clears it, so finding one at start means the last session ended in a crash or a kill.
import { isUtf8 } from 'node:buffer'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../../engine/node/atomic-write'
import type { FileContents } from '../../engine/protocol'
import { ContentsRefusedError } from './file-contents'

export class AutosaveStore {
  readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'autosave.json')
  }

  /** Keeps `text` (null clears the copy); bytes are written as sent, once they are known to be UTF-8. */
  async write(text: FileContents | null): Promise<void> {
    if (text === null) return this.clear()
    // Checked without building the 6 MB string (this process also forwards the training's frames).
    if (typeof text !== 'string' && !isUtf8(text)) throw new ContentsRefusedError('Refusing to keep the autosave copy: it is not valid UTF-8 text.')
    await writeFileAtomic(this.file, text)
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
