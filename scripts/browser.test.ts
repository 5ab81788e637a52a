// The decision of how `npm test` gets a Chromium, with every probe injected: nothing here
// installs or downloads anything.
import { describe, expect, it, vi } from 'vitest'
import { BROWSER_HOWTO, DEBIAN_CHROMIUM, findBrowser, getBrowser } from './browser.js'

type Found = ReturnType<typeof findBrowser>
const none: Found = { found: false, reason: 'none' }
const debian: Found = { found: true, path: DEBIAN_CHROMIUM }

/** Probes of an imagined machine: `find` answers in turn (the last answer repeats). */
function machine(options: { finds: Found[]; apt?: boolean; prefix?: string[] | null; aptWorks?: boolean; downloadWorks?: boolean }) {
  const finds = [...options.finds]
  return {
    find: vi.fn(() => (finds.length > 1 ? finds.shift()! : finds[0])),
    hasApt: vi.fn(() => options.apt ?? false),
    installPrefix: vi.fn(() => (options.prefix === undefined ? null : options.prefix)),
    aptInstall: vi.fn(() => options.aptWorks ?? false),
    playwrightInstall: vi.fn(() => options.downloadWorks ?? false),
  }
}

describe('getting a Chromium for the e2e tests', () => {
  it('uses the one it finds and installs nothing', () => {
    const probes = machine({ finds: [debian], apt: true, prefix: [] })
    expect(getBrowser(probes)).toEqual({ ok: true, via: 'found', path: DEBIAN_CHROMIUM })
    expect(probes.aptInstall).not.toHaveBeenCalled()
    expect(probes.playwrightInstall).not.toHaveBeenCalled()
  })

  it("installs Debian's chromium with apt as root, before trying a download", () => {
    const probes = machine({ finds: [none, debian], apt: true, prefix: [], aptWorks: true })
    expect(getBrowser(probes)).toEqual({ ok: true, via: 'apt', path: DEBIAN_CHROMIUM })
    expect(probes.aptInstall).toHaveBeenCalledWith([])
    expect(probes.playwrightInstall).not.toHaveBeenCalled()
  })

  it('uses passwordless sudo when not root', () => {
    const probes = machine({ finds: [none, debian], apt: true, prefix: ['sudo', '-n'], aptWorks: true })
    expect(getBrowser(probes)).toMatchObject({ ok: true, via: 'apt' })
    expect(probes.aptInstall).toHaveBeenCalledWith(['sudo', '-n'])
  })

  it("falls back to Playwright's download without apt, without the right to install, or when apt fails", () => {
    for (const setup of [{ apt: false }, { apt: true, prefix: null }, { apt: true, prefix: [], aptWorks: false }]) {
      const probes = machine({ finds: [none, { found: true, path: undefined }], downloadWorks: true, ...setup })
      expect(getBrowser(probes), JSON.stringify(setup)).toEqual({ ok: true, via: 'playwright', path: undefined })
      expect(probes.playwrightInstall).toHaveBeenCalledTimes(1)
    }
  })

  it('fails with the how-to, saying what was tried, only when neither works', () => {
    const probes = machine({ finds: [none], apt: true, prefix: null, downloadWorks: false })
    const result = getBrowser(probes)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.message).toContain('needs root or sudo without a password')
      expect(result.message).toContain("Playwright's download failed")
      expect(result.message).toContain(BROWSER_HOWTO)
    }
  })

  it('an install that reports success but leaves no browser is not success', () => {
    const probes = machine({ finds: [none], apt: true, prefix: [], aptWorks: true, downloadWorks: true })
    expect(getBrowser(probes)).toMatchObject({ ok: false, message: expect.stringContaining('apt-get install chromium failed') })
  })
})

describe('finding a Chromium', () => {
  const exists = (paths: string[]) => (path: string) => paths.includes(path)
  it('prefers STUDIO_CHROMIUM, then Debian’s, then Playwright’s own', () => {
    expect(findBrowser({ env: { STUDIO_CHROMIUM: '/opt/c' }, exists: exists(['/opt/c', DEBIAN_CHROMIUM]) })).toEqual({ found: true, path: '/opt/c' })
    expect(findBrowser({ env: { STUDIO_CHROMIUM: '/opt/c' }, exists: exists([DEBIAN_CHROMIUM]) })).toMatchObject({ found: false, reason: expect.stringContaining('/opt/c') })
    expect(findBrowser({ env: {}, exists: exists([DEBIAN_CHROMIUM]) })).toEqual({ found: true, path: DEBIAN_CHROMIUM })
    expect(findBrowser({ env: {}, exists: exists(['/pw/chrome']), bundledPath: () => '/pw/chrome' })).toEqual({ found: true, path: undefined })
    expect(findBrowser({ env: {}, exists: exists([]), bundledPath: () => '/pw/chrome' })).toMatchObject({ found: false })
  })
})
