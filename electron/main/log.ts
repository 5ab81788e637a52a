// Main's log: one line per event, with a timestamp, to a file in the app's log folder and to
// stderr. The engine's stdout/stderr are piped here too.
import { createWriteStream, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { logLine } from '../../host-neutral/log-line'

export type Log = (line: string) => void

export function createLog(file: string): Log {
  mkdirSync(dirname(file), { recursive: true })
  const stream = createWriteStream(file, { flags: 'a' })
  stream.on('error', () => {}) // a full disk must not take the app down with it
  return (line) => {
    const stamped = `${new Date().toISOString()} ${logLine(line)}\n`
    stream.write(stamped)
    process.stderr.write(stamped)
  }
}
