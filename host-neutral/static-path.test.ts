import { describe, expect, it } from 'vitest'
import { staticPath } from './static-path'

describe('static file paths', () => {
  it('names files inside the root only', () => {
    expect(staticPath('/srv/r', '/')).toEqual({ file: '/srv/r/index.html' })
    expect(staticPath('/srv/r', '/assets/a%20b.js')).toEqual({ file: '/srv/r/assets/a b.js' })
    expect(staticPath('/srv/r', '/../etc/passwd')).toEqual({ error: 404 })
    expect(staticPath('/srv/r', '/%2e%2e/%2e%2e/etc/passwd')).toEqual({ error: 404 })
  })

  it('calls a broken escape a bad request', () => {
    expect(staticPath('/srv/r', '/%E0%A4%A')).toEqual({ error: 400 })
  })
})
