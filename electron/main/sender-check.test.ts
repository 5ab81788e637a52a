import { describe, expect, it } from 'vitest'
import { isTrustedSender } from './sender-check'

const main = { processId: 4, routingId: 1, url: 'app://studio/index.html' }

describe('isTrustedSender', () => {
  it('answers the studio window main frame on our page', () => {
    expect(isTrustedSender({ ...main }, main, null)).toBe(true)
    expect(isTrustedSender({ ...main, url: 'http://localhost:5173/' }, { ...main, url: 'http://localhost:5173/' }, 'http://localhost:5173')).toBe(true)
  })

  it.each([
    ['a subframe of the window', { ...main, routingId: 7 }],
    ['another window (Help)', { ...main, processId: 9 }],
    ['the window after navigating away', { ...main, url: 'https://evil.example/' }],
    ['a file:// page', { ...main, url: 'file:///tmp/x.html' }],
    ['the dev server in production', { ...main, url: 'http://localhost:5173/' }],
  ])('refuses %s', (_what, sender) => {
    expect(isTrustedSender(sender, main, null)).toBe(false)
  })

  it('refuses destroyed frames and a missing window', () => {
    expect(isTrustedSender(null, main, null)).toBe(false)
    expect(isTrustedSender(main, null, null)).toBe(false)
  })
})
