import { createServer, type Server } from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serveStatic } from './static-files'

export interface WebHostOptions {
  /** Folder holding the built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port: number
}

export interface WebHost {
  url: string
  origin: string
  token: string
  server: Server
  close(): Promise<void>
}

/** Starts the browser host on the loopback address only. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url')
  let origin = ''
  const server = createServer((req, res) => {
    void serveStatic(options.rendererDir, origin, req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/index.html#token=${token}`,
    origin,
    token,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
