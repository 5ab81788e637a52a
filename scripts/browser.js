// The e2e browser target's Chromium: where to find one, and how `npm test` gets one itself when
// there is none. Debian's `chromium` from apt comes first where apt is at hand and we may install
// (root, or sudo without a password): it brings the system libraries it needs. Playwright's own
// download comes next (it needs its CDN, and on a bare machine may lack those libraries). Only
// when neither works does the run stop, saying how to get one. The decision takes its probes as
// arguments, so its tests never install or download anything.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const DEBIAN_CHROMIUM = '/usr/bin/chromium'

export const BROWSER_HOWTO =
  "Install Debian's Chromium (sudo apt-get install -y chromium), set STUDIO_CHROMIUM to a Chromium binary, " +
  'or run npx playwright install chromium where a network allows it.'

/**
 * The Chromium to use: STUDIO_CHROMIUM, Debian's, or Playwright's own download (path undefined:
 * Playwright finds it itself).
 * @param {{ env?: Record<string, string | undefined>, exists?: (path: string) => boolean, bundledPath?: () => string | undefined }} [where]
 * @returns {{ found: true, path: string | undefined } | { found: false, reason: string }}
 */
export function findBrowser({ env = process.env, exists = existsSync, bundledPath = () => undefined } = {}) {
  if (env.STUDIO_CHROMIUM) {
    return exists(env.STUDIO_CHROMIUM) ? { found: true, path: env.STUDIO_CHROMIUM } : { found: false, reason: `STUDIO_CHROMIUM=${env.STUDIO_CHROMIUM} does not exist` }
  }
  if (exists(DEBIAN_CHROMIUM)) return { found: true, path: DEBIAN_CHROMIUM }
  const bundled = bundledPath()
  if (bundled && exists(bundled)) return { found: true, path: undefined }
  return { found: false, reason: `no Chromium found. ${BROWSER_HOWTO}` }
}

/**
 * @typedef {object} BrowserProbes
 * @property {() => ReturnType<typeof findBrowser>} find
 * @property {() => boolean} hasApt            apt-get is on PATH
 * @property {() => string[] | null} installPrefix  [] as root, ['sudo', '-n'] with passwordless sudo, else null
 * @property {(prefix: string[]) => boolean} aptInstall   apt-get update + install chromium
 * @property {() => boolean} playwrightInstall  npx playwright install chromium
 */

/**
 * Finds a Chromium, or installs one: apt where allowed, then Playwright's download.
 * @param {BrowserProbes} probes
 * @param {(line: string) => void} log
 * @returns {{ ok: true, via: 'found' | 'apt' | 'playwright', path: string | undefined } | { ok: false, message: string }}
 */
export function getBrowser(probes, log = () => {}) {
  const first = probes.find()
  if (first.found) return { ok: true, via: 'found', path: first.path }
  /** @type {string[]} */
  const tried = []
  /**
   * @param {'apt' | 'playwright'} via
   * @returns {{ ok: true, via: 'apt' | 'playwright', path: string | undefined } | null}
   */
  const after = (via) => {
    const next = probes.find()
    return next.found ? { ok: true, via, path: next.path } : null
  }
  if (!probes.hasApt()) tried.push('apt-get is not on this machine')
  else {
    const prefix = probes.installPrefix()
    if (prefix === null) tried.push("installing Debian's chromium needs root or sudo without a password")
    else {
      log(`[e2e] no Chromium: installing Debian's (${[...prefix, 'apt-get', 'install', 'chromium'].join(' ')})…`)
      const installed = probes.aptInstall(prefix) && after('apt')
      if (installed) return installed
      tried.push('apt-get install chromium failed')
    }
  }
  log("[e2e] no Chromium: trying Playwright's download (npx playwright install chromium)…")
  const downloaded = probes.playwrightInstall() && after('playwright')
  if (downloaded) return downloaded
  tried.push("Playwright's download failed (no network to its servers?)")
  return { ok: false, message: `No Chromium for the e2e tests, and none could be installed:\n  - ${tried.join('\n  - ')}\n${BROWSER_HOWTO}` }
}

/** @param {string} command @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [options] */
const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options }).status === 0

/**
 * The probes of this machine (they really install).
 * @returns {Promise<BrowserProbes>}
 */
export async function machineProbes() {
  const { chromium } = await import('@playwright/test')
  return {
    find: () => findBrowser({ bundledPath: () => chromium.executablePath() }),
    hasApt: () => spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0,
    installPrefix: () => (process.getuid?.() === 0 ? [] : spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null),
    aptInstall: (/** @type {string[]} */ prefix) => {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
      const [command, ...rest] = [...prefix, 'apt-get']
      return run(command, [...rest, 'update', '-qq'], { env }) && run(command, [...rest, 'install', '-y', '-qq', 'chromium'], { env })
    },
    // A short connection timeout: where the CDN is unreachable this fails in seconds, not minutes.
    playwrightInstall: () =>
      run('npx', ['playwright', 'install', 'chromium'], { env: { ...process.env, PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: '15000' }, timeout: 15 * 60_000 }),
  }
}
