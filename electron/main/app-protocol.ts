import { join, normalize, relative, isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { APP_SCHEME, contentSecurityPolicy } from './security'

/** Must run before `app` is ready: the scheme behaves like https (standard, secure, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer from `root` with the strict CSP; nothing outside `root` is reachable. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url)
    const wanted = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)))
    const rel = relative(root, wanted)
    if (rel.startsWith('..') || isAbsolute(rel)) return new Response('Not found', { status: 404 })
    const file = await net.fetch(pathToFileURL(wanted).toString())
    const headers = new Headers(file.headers)
    headers.set('Content-Security-Policy', contentSecurityPolicy(null))
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(file.body, { status: file.status, headers })
  })
}
