/**
 * Reading a runs log: one JSON object a line. A torn or corrupt line (a crash mid-append, a hand
 * edit) is skipped with a notice naming its line number and every other run is kept; a later
 * line with an id seen before updates that record. A file that is not a runs log, or one a newer
 * version wrote, is refused as a whole (RunsLogError), so nothing appends to it.
 */
import { formatPath } from '../project/paths'
import { RUNS_FORMAT, RUNS_VERSION, runLineSchema, runRecordSchema, type RunLine, type RunRecord } from './record'

export class RunsLogError extends Error {}

/** How every line the writer writes begins (format is its first field). */
const LINE_START = `{"format":"${RUNS_FORMAT}"`

export interface RunsLog {
  /** In the order each id first appeared; a record's fields are the latest written. */
  records: RunRecord[]
  /** One line per skipped line: 'line 7: …'. */
  notices: string[]
}

type Verdict = { line: RunLine } | { skip: string } | { foreign: true }

function judgeLine(text: string): Verdict {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { skip: 'not valid JSON (torn or corrupt), skipped' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { foreign: true }
  const { format, version } = value as Record<string, unknown>
  if (format !== RUNS_FORMAT) return { foreign: true }
  if (typeof version === 'number' && version > RUNS_VERSION) {
    throw new RunsLogError(`written by a newer Backprop Studio (runs log version ${version}; this one reads ${RUNS_VERSION}): update to read it`)
  }
  const parsed = runLineSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { skip: `${formatPath(issue.path)}: ${issue.message}, skipped` }
  }
  return { line: parsed.data }
}

/** Parses a whole log. Throws RunsLogError (with `where` in the message) for a log that is not ours or is newer. */
export function parseRunsLog(text: string, where = 'the runs log'): RunsLog {
  const lines = text.split('\n')
  const byId = new Map<string, Partial<RunRecord>>()
  const notices: string[] = []
  // Lines that are ours: whole records, and torn ones that begin as our writer writes a line.
  let ours = 0
  let other = 0
  lines.forEach((raw, index) => {
    const content = raw.trim()
    if (content === '') return
    let verdict: Verdict
    try {
      verdict = judgeLine(content)
    } catch (error) {
      throw new RunsLogError(`${where}, line ${index + 1}: ${(error as Error).message}`)
    }
    if ('foreign' in verdict) {
      other++
      notices.push(`line ${index + 1}: not a Backprop Studio run record, skipped`)
    } else if ('skip' in verdict) {
      if (content.startsWith(LINE_START)) ours++
      else other++
      notices.push(`line ${index + 1}: ${verdict.skip}`)
    } else {
      ours++
      const { id } = verdict.line
      byId.set(id, { ...byId.get(id), ...verdict.line })
    }
  })
  if (ours === 0 && other > 0) throw new RunsLogError(`${where} is not a Backprop Studio runs log (no line has "format": "${RUNS_FORMAT}")`)
  const records: RunRecord[] = []
  for (const [id, merged] of byId) {
    const whole = runRecordSchema.safeParse(merged)
    if (whole.success) records.push(whole.data)
    else notices.push(`run ${id}: its lines never gave a whole record (${formatPath(whole.error.issues[0].path)}: ${whole.error.issues[0].message}), skipped`)
  }
  return { records, notices }
}

/** One line of the log (the writer adds the newline). */
export function runLineText(line: RunLine): string {
  return JSON.stringify(line)
}
