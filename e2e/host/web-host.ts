// Entry of the browser host (`npm run web`): parses the command line, starts the server,
// prints the URL with its per-launch token and runs until interrupted.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startWebHost } from './server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`web host: --port must be an integer from 0 to 65535, got '${values.port}'\n`)
  process.exit(2)
}

const host = await startWebHost({ rendererDir: join(import.meta.dirname, '..', 'renderer'), port })
process.stdout.write(`Backprop Studio (browser host) is running at:\n  ${host.url}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void host.close().then(() => process.exit(0)))
}
