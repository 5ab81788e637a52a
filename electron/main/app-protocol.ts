import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { README_PATH, readmeHtml } from './readme-page'
import { APP_SCHEME, contentSecurityPolicy } from './security'
import { servableFile } from '../../host-neutral/static-file'
import { staticPath } from '../../host-neutral/static-path'

/** Must run before `app` is ready: the scheme behaves like https (standard, secure, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** `base` headers plus the CSP and nosniff, which always win. */
const securityHeaders = (base: HeadersInit): Headers => {
  const headers = new Headers(base)
  headers.set('Content-Security-Policy', contentSecurityPolicy(null))
  headers.set('X-Content-Type-Options', 'nosniff')
  return headers
}

/**
 * Serves the built renderer from `root` with the strict CSP; nothing outside `root` is
 * reachable. `readmeFile` is shown, escaped, at README_PATH (Help › Read Me).
 */
export function serveRenderer(root: string, readmeFile: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url)
    if (pathname === README_PATH) {
      const text = await readFile(readmeFile, 'utf8').catch(() => 'The README is not available.')
      return new Response(readmeHtml(text), { headers: securityHeaders({ 'Content-Type': 'text/html; charset=utf-8' }) })
    }
    const path = staticPath(root, pathname)
    if ('error' in path) return new Response(path.error === 400 ? 'Bad request' : 'Not found', { status: path.error })
    // Regular files under the folder only: no link out of it, no FIFO to block on.
    const servable = await servableFile(root, path.file)
    if (!servable) return new Response('Not found', { status: 404 })
    const file = await net.fetch(pathToFileURL(servable).toString())
    return new Response(file.body, { status: file.status, headers: securityHeaders(file.headers) })
  })
}
