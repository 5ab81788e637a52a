// The browser host: an HTTP server on the loopback address that serves the built renderer, and
// a WebSocket (same port) that gives the page the StudioApi and the engine. The engine runs in
// a child process under the same supervisor logic Electron uses.
import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { WebSocketServer } from 'ws'
import { AutosaveStore } from '../host-neutral/files/autosave-store'
import { confinedPathPolicy } from '../host-neutral/files/confined-policy'
import { createFileActions } from '../host-neutral/files/file-actions'
import { RecentFiles } from '../host-neutral/files/recent-files'
import { removeStaleTempFiles } from '../host-neutral/files/stale-temp'
import type { BackoffPolicy } from '../host-neutral/engine-supervisor'
import { MAX_FRAME_BYTES } from '../engine/wire/size-limits'
import { EngineBridge } from './engine-bridge'
import { serveStatic } from './static-files'
import { serveStudioSocket } from './studio-socket'
import { checkUpgrade, refusalResponse } from './upgrade-guard'
import type { WebHostState } from './web-backend'

export interface WebHostOptions {
  /** Folder holding the built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port: number
  /** File paths typed in the page are relative to, and confined to, this folder. */
  rootFolder: string
  /** Recent files and the autosave copy live here. */
  dataDir: string
  /** The built engine entry (out/main/engine-process.js). */
  enginePath: string
  version: string
  log(line: string): void
  backoff?: BackoffPolicy
}

export interface WebHost {
  url: string
  origin: string
  token: string
  server: Server
  /** The engine child's pid while it runs. */
  readonly enginePid: number | undefined
  /** Stops everything; a clean document also clears its crash-recovery copy. */
  close(): Promise<void>
}

/** Starts the browser host on 127.0.0.1 only. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url')
  const rootFolder = resolve(options.rootFolder)
  await mkdir(options.dataDir, { recursive: true })
  // Leftovers of a host killed mid-save (ours only: the writer's pid is gone).
  for (const [folder, depth] of [[options.dataDir, 0], [rootFolder, 4]] as const) {
    for (const path of await removeStaleTempFiles(folder, { depth })) options.log(`removed a stale temp file: ${path}`)
  }
  const autosave = new AutosaveStore(options.dataDir)
  const bridge = new EngineBridge(options.enginePath, options.log, options.backoff)
  const state: WebHostState = {
    rootFolder,
    version: options.version,
    files: createFileActions(confinedPathPolicy(rootFolder), new RecentFiles(options.dataDir), autosave),
    bridge,
    document: { title: '', dirty: false },
    studio: null,
  }

  let origin = ''
  const server = createServer((req, res) =>
    serveStatic(options.rendererDir, origin, req, res).catch((error: unknown) => {
      // Whatever a request does, the host keeps serving the others.
      options.log(`static file request failed: ${error instanceof Error ? error.message : String(error)}`)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    }),
  )
  // What the largest allowed project needs, as binary; the call schemas bound the text fields again.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, { origin, token })
    if (!verdict.ok) {
      options.log(`refused a WebSocket (${verdict.status}): ${verdict.reason}`)
      socket.end(refusalResponse(verdict))
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveStudioSocket(ws, state, options.log))
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolveListen())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  bridge.start()

  return {
    url: `${origin}/index.html#token=${token}`,
    origin,
    token,
    server,
    get enginePid() {
      return bridge.pid
    },
    async close() {
      // Stop the engine first, so its exit is not taken for a crash and restarted.
      const engineStopped = bridge.stop()
      if (!state.document.dirty) await autosave.clear()
      await engineStopped
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}
