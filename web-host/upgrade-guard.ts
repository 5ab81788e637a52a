// Who may open the browser host's WebSocket: only the page this host served, in this launch.
// Decided from the HTTP upgrade request, before any WebSocket exists: a wrong path is 404, a
// foreign Host (DNS rebinding) or Origin (another site in the same browser) is 403, a missing or
// wrong token is 401.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { STUDIO_SOCKET_PATH } from '../engine/wire/web-protocol'

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string }

export interface UpgradeExpectation {
  /** The host's own origin, e.g. http://127.0.0.1:4321. */
  origin: string
  token: string
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function checkUpgrade(request: { url?: string; headers: IncomingHttpHeaders }, expected: UpgradeExpectation): UpgradeVerdict {
  const url = new URL(request.url ?? '/', expected.origin)
  if (url.pathname !== STUDIO_SOCKET_PATH) return { ok: false, status: 404, reason: 'no such endpoint' }
  if (request.headers.host !== new URL(expected.origin).host) return { ok: false, status: 403, reason: `unexpected Host ${request.headers.host}` }
  if (request.headers.origin !== expected.origin) return { ok: false, status: 403, reason: `unexpected Origin ${request.headers.origin ?? '(none)'}` }
  const token = url.searchParams.get('token')
  if (!token) return { ok: false, status: 401, reason: 'no token' }
  if (!sameSecret(token, expected.token)) return { ok: false, status: 401, reason: 'wrong token' }
  return { ok: true }
}

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const

/** The raw HTTP response that ends a refused upgrade. */
export function refusalResponse(verdict: Extract<UpgradeVerdict, { ok: false }>): string {
  const body = `${verdict.reason}\n`
  return [
    `HTTP/1.1 ${verdict.status} ${STATUS_TEXT[verdict.status]}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n')
}
