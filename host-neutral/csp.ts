/**
 * The Content-Security-Policy of every renderer document, in both hosts: scripts only from the app
 * itself and no eval; `extraOrigins` (the dev server while developing) may serve code, `connect`
 * lists the sockets the page may open (the dev server's HMR socket, the browser host's WebSocket).
 */
export function studioCsp(extraOrigins: readonly string[] = [], connect: readonly string[] = []): string {
  const self = ["'self'", ...extraOrigins].join(' ')
  return [
    "default-src 'none'",
    `script-src ${self}`,
    // Vue's scoped styles and KaTeX set inline style attributes.
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `connect-src ${[self, ...connect].join(' ')}`,
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The WebSocket origin of an http(s) origin. */
export const socketOrigin = (origin: string): string => origin.replace(/^http/, 'ws')
