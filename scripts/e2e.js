// `npm run test:e2e`: gets a Chromium when there is none (browser.js), builds if needed, then
// runs Playwright. Where the Electron target is enabled on Linux without a display, the run goes
// under xvfb-run.
import { spawnSync } from 'node:child_process'
import { getBrowser, machineProbes } from './browser.js'
import { buildIfNeeded } from './build-if-needed.js'
import { findElectronBinary, repoRoot } from './electron-binary.js'

const browser = getBrowser(await machineProbes(), (line) => console.log(line))
if (!browser.ok) {
  console.error(`[e2e] ${browser.message}`)
  // The Electron target may still run; Playwright's config stops when no target is left.
  if (!findElectronBinary().path) process.exit(1)
} else if (browser.via !== 'found') console.log(`[e2e] Chromium installed (${browser.via}).`)
buildIfNeeded()
const args = ['playwright', 'test', ...process.argv.slice(2)]
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && findElectronBinary().path
const hasXvfb = needsDisplay && spawnSync('which', ['xvfb-run']).status === 0
if (needsDisplay && !hasXvfb) {
  console.log('[e2e] no DISPLAY and no xvfb-run: the electron target needs a display (sudo apt-get install -y xvfb)')
}
const [command, commandArgs] = hasXvfb ? ['xvfb-run', ['-a', 'npx', ...args]] : ['npx', args]
const result = spawnSync(command, commandArgs, { cwd: repoRoot, stdio: 'inherit' })
process.exit(result.status ?? 1)
