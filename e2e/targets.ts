// Which e2e targets this machine can run, and why a target is skipped.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { findElectronBinary } from '../scripts/electron-binary.js'

export interface Target {
  name: 'browser' | 'electron'
  executablePath: string | undefined
}
export interface Skipped {
  name: Target['name']
  reason: string
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

function browserTarget(): Target | Skipped {
  const fromEnv = process.env.STUDIO_CHROMIUM
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { name: 'browser', executablePath: fromEnv }
      : { name: 'browser', reason: `STUDIO_CHROMIUM=${fromEnv} does not exist` }
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { name: 'browser', executablePath: DEBIAN_CHROMIUM }
  const bundled = chromium.executablePath()
  if (bundled && existsSync(bundled)) return { name: 'browser', executablePath: undefined }
  return {
    name: 'browser',
    reason: `no Chromium found: install Debian's (sudo apt-get install -y chromium), set STUDIO_CHROMIUM to a Chromium binary, or run npx playwright install chromium where a network allows it`,
  }
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
