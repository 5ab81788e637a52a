// Builds with electron-vite when out/ is missing or older than any source file.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { repoRoot } from './electron-binary.js'

const SOURCES = ['electron', 'engine', 'renderer', 'web-host', 'host-neutral', 'electron.vite.config.ts', 'package.json']

/** @param {string} path @returns {number} newest modification time under path */
function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}

export function buildIfNeeded() {
  const marker = join(repoRoot, 'out', 'main', 'web-host.js')
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  const source = Math.max(...SOURCES.map((s) => join(repoRoot, s)).filter(existsSync).map(newest))
  if (built >= source) return
  // Build output goes to stderr so commands that print JSON keep a clean stdout.
  const wasm = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-wasm.js')], { cwd: repoRoot, stdio: ['ignore', 2, 2] })
  if (wasm.status !== 0) process.exit(wasm.status ?? 1)
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: ['ignore', 2, 2] })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
