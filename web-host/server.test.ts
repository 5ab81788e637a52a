// The browser host, started for real (HTTP, WebSocket, an engine child process), talked to the
// way the page does. The engine here is a stand-in that echoes what it gets, so the test can
// check the whole hop page → host → child → host → page, typed arrays included.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { ServerMessage } from '../engine/wire/web-protocol'
import { decodeMessage, encodeMessage } from '../engine/wire/wire-codec'
import { startWebHost, type WebHost } from './server'

const STUB_ENGINE = join(import.meta.dirname, '..', 'host-neutral', 'test-fixtures', 'engine-stub.mjs')
const hosts: WebHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()))
})

async function startHost() {
  const base = await mkdtemp(join(tmpdir(), 'studio-web-host-'))
  const rendererDir = join(base, 'renderer')
  const rootFolder = join(base, 'root')
  const dataDir = join(base, 'data')
  await mkdir(rendererDir)
  await mkdir(rootFolder)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>')
  const log: string[] = []
  const host = await startWebHost({
    rendererDir,
    rootFolder,
    dataDir,
    port: 0,
    enginePath: STUB_ENGINE,
    version: '9.9.9',
    log: (line) => log.push(line),
    backoff: { initialDelayMs: 20, factor: 2, maxDelayMs: 100, maxQuickFailures: 3, slowRetryMs: 60_000, stableAfterMs: 60_000, readyTimeoutMs: 5_000 },
  })
  hosts.push(host)
  return { host, rootFolder, dataDir, log }
}

/** What a refused handshake got: the HTTP status, and whether the socket ever opened. */
function handshake(url: string, origin: string | undefined): Promise<{ status: number | null; opened: boolean }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {})
    ws.on('open', () => {
      ws.close()
      resolve({ status: null, opened: true })
    })
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? null, opened: false })
      ws.terminate()
    })
    ws.on('error', () => {})
  })
}

/** A page-like client: sends calls, collects everything the host sends. */
async function connectPage(host: WebHost) {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/studio?token=${host.token}`, { origin: host.origin })
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))
  const received: ServerMessage[] = []
  const waiters: (() => void)[] = []
  ws.on('message', (data) => {
    received.push(decodeMessage(data as Buffer) as ServerMessage)
    waiters.splice(0).forEach((wake) => wake())
  })
  let nextId = 1
  const next = async <K extends ServerMessage['kind']>(predicate: (m: ServerMessage) => m is Extract<ServerMessage, { kind: K }>, ms = 10_000) => {
    const deadline = Date.now() + ms
    for (;;) {
      const index = received.findIndex(predicate)
      if (index >= 0) return received.splice(index, 1)[0] as Extract<ServerMessage, { kind: K }>
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(received)}`)
      await new Promise<void>((wake) => (waiters.push(wake), setTimeout(wake, 50)))
    }
  }
  const call = async (method: string, ...args: unknown[]) => {
    const id = nextId++
    ws.send(encodeMessage({ kind: 'call', id, method, args }))
    return next((m): m is Extract<ServerMessage, { kind: 'result' }> => m.kind === 'result' && m.id === id)
  }
  const enginePort = () => next((m): m is Extract<ServerMessage, { kind: 'engine-port' }> => m.kind === 'engine-port')
  const engine = () => next((m): m is Extract<ServerMessage, { kind: 'engine' }> => m.kind === 'engine')
  const hostEvent = () => next((m): m is Extract<ServerMessage, { kind: 'host-event' }> => m.kind === 'host-event')
  const toEngine = (epoch: number, message: unknown) => ws.send(encodeMessage({ kind: 'engine', epoch, message }))
  return { ws, call, enginePort, engine, hostEvent, toEngine, received }
}

describe('the browser host refuses strangers before the WebSocket opens', () => {
  it('answers 401 without the token or with a wrong one, 403 from another origin', async () => {
    const { host } = await startHost()
    const ws = host.origin.replace('http', 'ws')
    expect(await handshake(`${ws}/studio`, host.origin)).toEqual({ status: 401, opened: false })
    expect(await handshake(`${ws}/studio?token=${host.token}x`, host.origin)).toEqual({ status: 401, opened: false })
    expect(await handshake(`${ws}/studio?token=${host.token}`, 'https://evil.example')).toEqual({ status: 403, opened: false })
    expect(await handshake(`${ws}/studio?token=${host.token}`, undefined)).toEqual({ status: 403, opened: false })
    expect(await handshake(`${ws}/studio?token=${host.token}`, host.origin)).toEqual({ status: null, opened: true })
  })

  it('listens on the loopback address only', async () => {
    const { host } = await startHost()
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' })
  })

  it('serves the renderer with its CSP', async () => {
    const { host } = await startHost()
    const response = await new Promise<{ status?: number; csp?: string | string[] }>((resolve, reject) =>
      request(`${host.origin}/index.html`, (res) => {
        res.resume()
        resolve({ status: res.statusCode, csp: res.headers['content-security-policy'] })
      })
        .on('error', reject)
        .end(),
    )
    expect(response.status).toBe(200)
    expect(response.csp).toContain("script-src 'self'")
    expect(response.csp).toContain(host.origin.replace('http', 'ws'))
  })

  it('answers a malformed URL with 400 and keeps serving', async () => {
    const { host } = await startHost()
    const status = (path: string) =>
      new Promise<number | undefined>((resolve, reject) =>
        request(`${host.origin}${path}`, (res) => {
          res.resume()
          resolve(res.statusCode)
        })
          .on('error', reject)
          .end(),
      )
    expect(await status('/%E0%A4%A')).toBe(400)
    expect(await status('/%')).toBe(400)
    expect(await status('/index.html')).toBe(200)
  })
})

describe('the StudioApi over the WebSocket', () => {
  it('answers calls, and refuses malformed ones with a reason', async () => {
    const { host, rootFolder } = await startHost()
    const page = await connectPage(host)
    expect(await page.call('hostInfo')).toMatchObject({ ok: true, value: { kind: 'browser', nativeDialogs: false, rootFolder, version: '9.9.9' } })
    expect(await page.call('deleteEverything')).toMatchObject({ ok: false, error: expect.stringMatching(/unknown call/) })
    expect(await page.call('openProject', { path: 'a.json', extra: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/invalid arguments/) })
  })

  it('takes binary frames only: a text frame, even a well-formed call, is dropped and logged', async () => {
    const { host, log } = await startHost()
    const page = await connectPage(host)
    page.ws.send(JSON.stringify({ kind: 'call', id: 99, method: 'hostInfo', args: [] }))
    expect(await page.call('recentFiles')).toMatchObject({ ok: true })
    expect(page.received.filter((m) => m.kind === 'result')).toEqual([])
    expect(log.some((line) => /dropped a malformed message from the page: a text frame/.test(line))).toBe(true)
  })

  it('saves and reopens a project inside the root, and refuses paths outside it', async () => {
    const { host, rootFolder } = await startHost()
    const page = await connectPage(host)
    const text = '{"format":"backprop-studio/project","weights":[0.1,-2.5e-7]}'
    expect(await page.call('saveProject', { text, path: 'nets/xor.json' })).toMatchObject({ ok: true, value: { ok: false } }) // folder missing
    await mkdir(join(rootFolder, 'nets'))
    expect(await page.call('saveProject', { text, path: 'nets/xor.json' })).toMatchObject({ ok: true, value: { ok: true, value: { path: 'nets/xor.json' } } })
    expect(await readFile(join(rootFolder, 'nets', 'xor.json'), 'utf8')).toBe(text)
    expect(await page.call('openProject', { path: 'nets/xor.json' })).toMatchObject({ ok: true, value: { ok: true, value: { text } } })
    expect(await page.call('recentFiles')).toMatchObject({ ok: true, value: ['nets/xor.json'] })
    expect(await page.call('saveProject', { text, path: '../escape.json' })).toMatchObject({ ok: true, value: { ok: false, canceled: false } })
  })

  it("writes the engine's UTF-8 bytes as they came over the wire, for a save and an autosave, and refuses bytes that are not UTF-8", async () => {
    const { host, rootFolder, dataDir } = await startHost()
    const page = await connectPage(host)
    // Long enough to travel as a binary part of the frame (not inside the JSON header).
    const text = `{"format":"backprop-studio/project","name":"größer ✓ 🌀","weights":[${Array.from({ length: 400 }, (_, i) => i / 7).join(',')}]}`
    const bytes = new TextEncoder().encode(text)
    expect(await page.call('saveProject', { text: bytes, path: 'b.json' })).toMatchObject({ ok: true, value: { ok: true, value: { path: 'b.json' } } })
    expect((await readFile(join(rootFolder, 'b.json'))).equals(Buffer.from(text, 'utf8'))).toBe(true)
    await page.call('autosave', bytes)
    expect((await readFile(join(dataDir, 'autosave.json'))).equals(Buffer.from(text, 'utf8'))).toBe(true)
    const broken = Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x7d)
    expect(await page.call('saveProject', { text: broken, path: 'b.json' })).toMatchObject({ ok: true, value: { ok: false, error: 'Refusing to write the project: it is not valid UTF-8 text.' } })
    expect(await page.call('autosave', broken)).toMatchObject({ ok: false, error: expect.stringMatching(/Refusing to keep the autosave copy: it is not valid UTF-8 text/) })
    expect((await readFile(join(rootFolder, 'b.json'))).equals(Buffer.from(text, 'utf8'))).toBe(true)
  })

  it('keeps the autosave copy when stopped dirty, and clears it when stopped clean', async () => {
    const dirty = await startHost()
    const page = await connectPage(dirty.host)
    await page.call('autosave', '{"n":1}')
    await page.call('setDocumentState', { title: 'x', dirty: true })
    await dirty.host.close()
    expect(await readFile(join(dirty.dataDir, 'autosave.json'), 'utf8')).toBe('{"n":1}')

    const clean = await startHost()
    const page2 = await connectPage(clean.host)
    await page2.call('autosave', '{"n":2}')
    await page2.call('setDocumentState', { title: 'x', dirty: false })
    await clean.host.close()
    await expect(readFile(join(clean.dataDir, 'autosave.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('hostile frames from a page holding the token', () => {
  it('a 150 MB frame of nested arrays is refused before anything parses it, and the host keeps answering', async () => {
    const { host, log } = await startHost()
    const page = await connectPage(host)
    const flood = Buffer.alloc(150 * 1024 * 1024, '[')
    // As text: not a studio frame, dropped unparsed.
    page.ws.send(flood.toString('latin1'))
    // As binary, claiming a 150 MB JSON header: refused by its length, never parsed.
    flood.set([0x42, 0x50, 0x53, 0x31], 0)
    flood.writeUInt32LE(flood.length - 8, 4)
    page.ws.send(flood)
    expect(await page.call('hostInfo')).toMatchObject({ ok: true })
    expect(log.filter((line) => /dropped a malformed message from the page: (a text frame|a header of \d+ bytes)/.test(line))).toHaveLength(2)
  }, 60_000)
})

describe('one studio per browser host', () => {
  it('a second tab gets a clear message, not the engine or the files, and cannot touch the first tab\'s recovery copy', async () => {
    const { host, dataDir } = await startHost()
    const first = await connectPage(host)
    await first.call('connectEngine', 'nonce-first-0123456789')
    await first.enginePort()
    await first.call('autosave', '{"unsaved":"work of tab A"}')
    await first.call('setDocumentState', { title: 'a', dirty: true })

    const second = await connectPage(host)
    expect(await second.call('hostInfo')).toMatchObject({ ok: true })
    expect(await second.call('connectEngine', 'nonce-second-0123456789')).toMatchObject({ ok: false, error: expect.stringMatching(/already open in another tab/) })
    expect(await second.hostEvent()).toMatchObject({ event: { type: 'studio-elsewhere', reason: expect.stringMatching(/close it and reload this one/) } })
    for (const [method, ...args] of [['takeAutosave'], ['autosave', null], ['setDocumentState', { title: 'b', dirty: false }], ['saveProject', { text: '{}', path: 'b.json' }]] as const) {
      expect(await second.call(method, ...args)).toMatchObject({ ok: false, error: expect.stringMatching(/another tab/) })
    }
    expect(second.received.filter((m) => m.kind === 'engine-port')).toEqual([])
    // The first tab still has the engine.
    const port = await first.call('connectEngine', 'nonce-first-0123456789').then(() => first.enginePort())
    first.toEngine(port.epoch, { id: 5, type: 'still-mine' })
    expect(await first.engine()).toMatchObject({ message: { message: { id: 5 } } })

    // Ctrl+C while tab A has unsaved work: its copy stays for the next start.
    await host.close()
    expect(await readFile(join(dataDir, 'autosave.json'), 'utf8')).toBe('{"unsaved":"work of tab A"}')
  })

  it('once the studio tab is closed, the next tab holds the studio', async () => {
    const { host } = await startHost()
    const first = await connectPage(host)
    const second = await connectPage(host)
    expect(await second.call('recentFiles')).toMatchObject({ ok: false })
    first.ws.close()
    await new Promise((wake) => setTimeout(wake, 100))
    const third = await connectPage(host)
    expect(await third.call('recentFiles')).toMatchObject({ ok: true })
    await third.call('connectEngine', 'nonce-third-0123456789')
    expect(await third.enginePort()).toMatchObject({ kind: 'engine-port' })
  })
})

describe('the engine through the browser host', () => {
  it('carries typed arrays both ways, and recovers a killed engine with a fresh epoch', async () => {
    const { host } = await startHost()
    const page = await connectPage(host)
    await page.call('connectEngine', 'nonce-0123456789abcdef')
    const first = await page.enginePort()

    const weights = new Float64Array([0.25, -1e-300, NaN, Infinity])
    page.toEngine(first.epoch, { id: 1, type: 'snapshot', weights })
    const echo = (await page.engine()) as { epoch: number; message: { type: string; message: { weights: Float64Array } } }
    expect(echo.epoch).toBe(first.epoch)
    expect(echo.message.message.weights).toBeInstanceOf(Float64Array)
    expect(Array.from(echo.message.message.weights)).toEqual([0.25, -1e-300, NaN, Infinity])

    const killed = host.enginePid!
    process.kill(killed, 'SIGKILL')
    const second = await page.enginePort()
    expect(second.epoch).toBeGreaterThan(first.epoch)
    expect(await page.hostEvent()).toMatchObject({ event: { type: 'engine-restarted', attempt: 1, reason: expect.stringMatching(/SIGKILL/) } })
    expect(host.enginePid).not.toBe(killed)

    page.toEngine(first.epoch, { id: 2, type: 'stale' }) // to the dead engine: dropped
    page.toEngine(second.epoch, { id: 3, type: 'fresh' })
    expect(await page.engine()).toMatchObject({ epoch: second.epoch, message: { message: { id: 3 } } })
    expect(page.received.filter((m) => m.kind === 'engine')).toEqual([])
  })

  it('tells the page when the engine cannot be kept alive', async () => {
    const { host } = await startHost()
    const page = await connectPage(host)
    await page.call('connectEngine', 'nonce-0123456789abcdef')
    await page.enginePort()
    // maxQuickFailures is 3: two kills are restarted, the third is given up.
    for (let kill = 1; kill <= 3; kill++) {
      process.kill(host.enginePid!, 'SIGKILL')
      if (kill < 3) await page.enginePort()
    }
    const events: string[] = []
    for (;;) {
      const { event } = await page.hostEvent()
      events.push(event.type)
      if (event.type === 'engine-unavailable') break
    }
    expect(events).toEqual(['engine-restarted', 'engine-restarted', 'engine-unavailable'])
    // "Restart engine": a new engine at once, handed to the page, and it answers.
    expect(await page.call('restartEngine')).toMatchObject({ ok: true, value: true })
    const port = await page.enginePort()
    expect(await page.hostEvent()).toMatchObject({ event: { type: 'engine-restarted' } })
    page.toEngine(port.epoch, { id: 7, type: 'after-restart' })
    expect(await page.engine()).toMatchObject({ epoch: port.epoch, message: { message: { id: 7 } } })
    expect(await page.call('restartEngine')).toMatchObject({ ok: true, value: false })
  })
})
