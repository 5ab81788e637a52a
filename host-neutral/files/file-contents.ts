// A project file's contents as the renderer sends them: text, or the engine's UTF-8 bytes passed
// through the page unchanged. The bytes are written as they are; checking them needs their text.
import type { FileContents } from '../../engine/protocol'

const strict = new TextDecoder('utf-8', { fatal: true })

export class ContentsRefusedError extends Error {
  override readonly name = 'ContentsRefusedError'
}

/** The contents as text; bytes that are not UTF-8 are refused (a file read back would not be what was sent). */
export function contentsText(contents: FileContents): string {
  if (typeof contents === 'string') return contents
  try {
    return strict.decode(contents)
  } catch {
    throw new ContentsRefusedError('it is not valid UTF-8 text')
  }
}
