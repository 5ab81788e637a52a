import { describe, expect, it } from 'vitest'
import { checkUpgrade, refusalResponse } from './upgrade-guard'

const expected = { origin: 'http://127.0.0.1:4321', token: 'secret-token' }
const request = (url: string, headers: Record<string, string | undefined> = {}) => ({
  url,
  headers: { host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', ...headers },
})

describe('checkUpgrade', () => {
  it('accepts the page of this launch', () => {
    expect(checkUpgrade(request('/studio?token=secret-token'), expected)).toEqual({ ok: true })
  })

  it.each([
    ['no token', request('/studio'), 401],
    ['an empty token', request('/studio?token='), 401],
    ['a wrong token', request('/studio?token=secret-tokeN'), 401],
    ['a longer token', request('/studio?token=secret-token-and-more'), 401],
    ['another origin', request('/studio?token=secret-token', { origin: 'https://evil.example' }), 403],
    ['no origin', request('/studio?token=secret-token', { origin: undefined }), 403],
    ['a look-alike origin', request('/studio?token=secret-token', { origin: 'http://127.0.0.1:43210' }), 403],
    ['a rebound Host name', request('/studio?token=secret-token', { host: 'evil.example:4321' }), 403],
    ['another path', request('/other?token=secret-token'), 404],
  ])('refuses %s', (_what, req, status) => {
    expect(checkUpgrade(req, expected)).toMatchObject({ ok: false, status })
  })

  it('writes a complete HTTP refusal', () => {
    expect(refusalResponse({ ok: false, status: 401, reason: 'no token' })).toBe(
      'HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 9\r\n\r\nno token\n',
    )
  })
})
