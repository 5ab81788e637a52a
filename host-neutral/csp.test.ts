import { describe, expect, it } from 'vitest'
import { browserHostCsp } from '../web-host/static-files'
import { studioCsp } from './csp'
import { contentSecurityPolicy } from '../electron/main/security'

describe('one Content-Security-Policy for both hosts', () => {
  it('lets the browser host page open only its own WebSocket, with the same rules otherwise', () => {
    const csp = browserHostCsp('http://127.0.0.1:4321')
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4321")
    expect(csp.replace(" ws://127.0.0.1:4321", '')).toBe(contentSecurityPolicy(null))
    expect(csp).not.toMatch(/unsafe-eval/)
  })

  it('adds code origins to scripts, styles, images and fonts, and sockets to connect only', () => {
    const csp = studioCsp(['http://localhost:5173'], ['ws://localhost:5173'])
    expect(csp).toContain("script-src 'self' http://localhost:5173;")
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173;")
    expect(csp).toContain("default-src 'none'")
  })
})
