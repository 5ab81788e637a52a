// Before a save replaces an existing file: refuse a read-only one, and ask before replacing a
// file the user may not mean to lose — one that is not the kind being written (a CSV under a
// project's name), or any existing file when the host has no native dialog that asked already.
import { open, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import type { SaveKind } from './file-actions'

export type ReplaceVerdict = { refuse: string } | { ask: string } | null

/** Enough of the start of a file to find the format marker serializeProject writes first. */
const SNIFF_BYTES = 4096
const PROJECT_MARKER = /"format"\s*:\s*"backprop-studio\/project"/

async function looksLikeProject(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0)
    return PROJECT_MARKER.test(buffer.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
}

const EXPORT_NOUNS: Record<Exclude<SaveKind, 'project'>, string> = { weights: 'weights', metrics: 'metrics', pytorch: 'PyTorch script', onnx: 'ONNX model' }

const KNOWN: Record<string, string> = { '.csv': 'CSV data', '.tsv': 'tab-separated data', '.txt': 'a text file' }

export interface ReplaceContext {
  kind: SaveKind
  /** The path as the user sees it. */
  shown: string
  /** The user picked this path just now (Save As, first save, export), rather than saving again. */
  chosen: boolean
  /** The host's own dialog already asked about replacing (Electron's native save dialog). */
  dialogAsked: boolean
  /** The user already agreed. */
  replace: boolean
}

export async function replaceVerdict(path: string, context: ReplaceContext): Promise<ReplaceVerdict> {
  const info = await stat(path).catch(() => null)
  // A folder is refused by the writer itself, with its own message.
  if (!info || info.isDirectory()) return null
  const { shown, kind } = context
  // Checked on the mode bits, not by trying: root may write anything, and would replace it silently.
  if ((info.mode & 0o222) === 0) return { refuse: `"${shown}" is read-only, so it was not replaced. Save under another name, or make the file writable first.` }
  if (context.replace) return null
  const isProject = await looksLikeProject(path).catch(() => false)
  const what = KNOWN[extname(path).toLowerCase()]
  if (kind === 'project' && !isProject) {
    return { ask: `"${shown}" is not a Backprop Studio project${what ? ` (it looks like ${what})` : ''}. Replacing it with the project loses what it holds now.` }
  }
  if (kind !== 'project' && isProject) return { ask: `"${shown}" is a Backprop Studio project. Replacing it with the ${EXPORT_NOUNS[kind]} loses the project.` }
  if (context.chosen && !context.dialogAsked) return { ask: `"${shown}" already exists. Replace it?` }
  return null
}
