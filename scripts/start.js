// `npm start`: build, then launch the desktop studio. Where the Electron binary cannot be had
// (offline), stop within seconds with a clear message and the alternative, not a stack trace.
import { spawnSync, spawn } from 'node:child_process'
import { findElectronBinary, electronInstallScript, repoRoot } from './electron-binary.js'

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`\nBackprop Studio cannot start the desktop app: ${message}\n` +
    'Use the browser host instead, which runs the same studio in your browser:\n\n    npm run web\n\n')
  process.exit(1)
}

let binary = findElectronBinary()
if (!binary.path) {
  process.stdout.write(`Electron: ${binary.reason}; trying to download it (needs network)…\n`)
  const download = spawnSync(process.execPath, [electronInstallScript()], { stdio: 'pipe', timeout: 120_000, encoding: 'utf8' })
  binary = findElectronBinary()
  if (download.status !== 0 || !binary.path) {
    const why = (download.stderr || '').split('\n').find((line) => /error/i.test(line))?.trim()
    fail(`the Electron binary is not installed and could not be downloaded${why ? ` (${why})` : ''}.`)
  }
}

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const child = spawn(/** @type {string} */ (binary.path), ['.'], { cwd: repoRoot, stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
