// Which e2e targets this machine can run, and why a target is skipped.
import { chromium } from '@playwright/test'
import { findBrowser } from '../scripts/browser.js'
import { findElectronBinary } from '../scripts/electron-binary.js'

export interface Target {
  name: 'browser' | 'electron'
  executablePath: string | undefined
}
export interface Skipped {
  name: Target['name']
  reason: string
}

function browserTarget(): Target | Skipped {
  const found = findBrowser({ bundledPath: () => chromium.executablePath() })
  return found.found ? { name: 'browser', executablePath: found.path } : { name: 'browser', reason: found.reason }
}

function electronTarget(): Target | Skipped {
  const found = findElectronBinary()
  if (!found.path) return { name: 'electron', reason: `${found.reason}; it downloads on first npm start where a network allows it` }
  return { name: 'electron', executablePath: found.path }
}

export function findTargets(): { enabled: Target[]; skipped: Skipped[] } {
  const all = [browserTarget(), electronTarget()]
  return {
    enabled: all.filter((t): t is Target => 'executablePath' in t),
    skipped: all.filter((t): t is Skipped => 'reason' in t),
  }
}
