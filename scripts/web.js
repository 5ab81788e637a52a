// `npm run web`: the browser host. Builds if needed, then serves the studio on 127.0.0.1.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildIfNeeded } from './build-if-needed.js'
import { repoRoot } from './electron-binary.js'

buildIfNeeded()
const child = spawn(process.execPath, [join(repoRoot, 'out', 'main', 'web-host.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
})
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
