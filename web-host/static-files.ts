import { extname } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { socketOrigin, studioCsp } from '../host-neutral/csp'
import { readServableFile } from '../host-neutral/static-file'
import { staticPath } from '../host-neutral/static-path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
}

/** The browser host's CSP: the same rules as the desktop window, plus its own WebSocket. */
export function browserHostCsp(origin: string): string {
  return studioCsp([], [socketOrigin(origin)])
}

/** Serves GET requests for files under `root`; anything else is 404 or 405. */
export async function serveStatic(root: string, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end()
    return
  }
  // A malformed URL (say, a broken %-escape) is the client's error, never the host's crash.
  const path = staticPath(root, new URL(req.url ?? '/', origin).pathname)
  if ('error' in path) {
    res.writeHead(path.error).end()
    return
  }
  const wanted = path.file
  const body = await readServableFile(root, wanted)
  if (!body) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(wanted)] ?? 'application/octet-stream',
    'Content-Security-Policy': browserHostCsp(origin),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}
