import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, isAllowedExternalUrl, isAppUrl, studioWindowOptions } from './security'

describe('window security', () => {
  it('turns on isolation and sandbox and off node integration', () => {
    const prefs = studioWindowOptions({ preloadPath: '/x/preload.cjs', devServerOrigin: null }).webPreferences!
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    })
  })

  it('allows scripts only from the app and never eval in production', () => {
    const csp = contentSecurityPolicy(null)
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-eval|localhost/)
    expect(csp).toContain("default-src 'none'")
  })

  it('adds only the dev server in development', () => {
    const csp = contentSecurityPolicy('http://localhost:5173')
    expect(csp).toContain("script-src 'self' http://localhost:5173")
    expect(csp).toContain('ws://localhost:5173')
    expect(csp).not.toContain('unsafe-eval')
  })

  it('recognizes app URLs and refuses others', () => {
    expect(isAppUrl('app://studio/index.html', null)).toBe(true)
    expect(isAppUrl('https://evil.example/', null)).toBe(false)
    expect(isAppUrl('file:///etc/passwd', null)).toBe(false)
    expect(isAppUrl('not a url', null)).toBe(false)
  })

  it('opens only allowlisted https links', () => {
    expect(isAllowedExternalUrl('https://github.com/x')).toBe(true)
    expect(isAllowedExternalUrl('http://github.com/x')).toBe(false)
    expect(isAllowedExternalUrl('https://evil.example')).toBe(false)
  })
})
