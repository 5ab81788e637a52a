// Finds the Electron binary on disk without `require('electron')`, which would try to
// download it (and fail offline). Shared by `npm start` and the e2e target selection.
import { existsSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(repoRoot, 'node_modules', 'electron')

/** @returns {{ path: string, reason: null } | { path: null, reason: string }} */
export function findElectronBinary() {
  if (!existsSync(electronDir)) return { path: null, reason: 'node_modules/electron is missing (run npm install)' }
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' }
  }
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { path: null, reason: `the Electron binary is missing (${binary})` }
  return { path: binary, reason: null }
}

export function electronInstallScript() {
  return join(electronDir, 'install.js')
}
