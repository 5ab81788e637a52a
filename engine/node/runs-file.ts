// Node edge of the runs log: read it from disk, and append lines flushed to disk (fsync) so a
// kill -9 right after a run ends still leaves that run in the log.
import { open, readFile } from 'node:fs/promises'
import { parseRunsLog, runLineText, type RunsLog } from '../runs/runs-log'
import type { RunLine } from '../runs/record'

/** `spiral.json` → `spiral.runs.jsonl` (any other name: the name plus `.runs.jsonl`). */
export function runsLogPathFor(projectPath: string): string {
  return projectPath.replace(/\.json$/i, '') + '.runs.jsonl'
}

/** The log at `path`, or an empty one if there is no file yet. Throws RunsLogError for a log it must not touch. */
export async function readRunsFile(path: string): Promise<RunsLog & { text: string }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], notices: [], text: '' }
    throw error
  }
  return { ...parseRunsLog(text, path), text }
}

/**
 * Appends lines to a log already read (and accepted) by readRunsFile. Appends are queued, one
 * at a time, each written in one call and synced before the next.
 */
export class RunsAppender {
  private queue: Promise<void> = Promise.resolve()
  /** A torn last line (no newline) gets one first, so the next record starts on a line of its own. */
  private needsNewline: boolean

  constructor(
    readonly path: string,
    existingText: string,
  ) {
    this.needsNewline = existingText.length > 0 && !existingText.endsWith('\n')
  }

  static async open(path: string): Promise<{ appender: RunsAppender; log: RunsLog }> {
    const log = await readRunsFile(path)
    return { appender: new RunsAppender(path, log.text), log }
  }

  append(line: RunLine): Promise<void> {
    const text = (this.needsNewline ? '\n' : '') + runLineText(line) + '\n'
    this.needsNewline = false
    const next = this.queue.then(() => appendSynced(this.path, text))
    // A failed append does not block the ones after it; the caller of this one sees the error.
    this.queue = next.catch(() => {})
    return next
  }

  /** Resolves when every queued append is on disk. */
  flushed(): Promise<void> {
    return this.queue
  }
}

async function appendSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a')
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
