// Entry of the browser host (`npm run web`): parses the command line, starts the server, prints
// the URL with its per-launch token and runs until interrupted.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import packageJson from '../package.json'
import { logLine } from '../host-neutral/log-line'
import { parseHostOptions, USAGE } from './host-options'
import { startWebHost } from './server'

function fail(message: string): never {
  process.stderr.write(`web host: ${message}\n${USAGE}\n`)
  process.exit(2)
}

let options: ReturnType<typeof parseHostOptions>
try {
  options = parseHostOptions(process.argv.slice(2))
} catch (error) {
  fail((error as Error).message)
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}
if (!(await stat(options.rootFolder).catch(() => null))?.isDirectory()) fail(`--root ${options.rootFolder} is not a folder`)

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${logLine(line)}\n`)
const host = await startWebHost({
  ...options,
  rendererDir: join(import.meta.dirname, '..', 'renderer'),
  enginePath: join(import.meta.dirname, 'engine-process.js'),
  version: packageJson.version,
  log,
})
process.stdout.write(
  `Backprop Studio (browser host) is running at:\n  ${host.url}\n` +
    `File paths you type are relative to ${options.rootFolder}\n`,
)
let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    void host.close().then(() => process.exit(0))
  })
}
