import { describe, expect, it, vi } from 'vitest'
import { STUDIO_API_KEYS, type HostEvent } from '../../../engine/protocol'
import { createWebStudio, installWebStudio, studioSocketUrl, type WebStudioEnvironment } from './web-studio'
import { decodeMessage, encodeMessage } from '../../../engine/wire/wire-codec'

/** Just enough of a WebSocket: records what is sent, lets the test open, answer and close it. */
class FakeSocket extends EventTarget {
  static last: FakeSocket
  readonly CONNECTING = 0
  readonly OPEN = 1
  readyState = 0
  readonly sent: unknown[] = []
  constructor(readonly url: string) {
    super()
    FakeSocket.last = this
  }
  binaryType = 'blob'
  send(frame: Uint8Array) {
    if (!(frame instanceof Uint8Array)) throw new Error('the page must send binary frames')
    this.sent.push(decodeMessage(frame))
  }
  open() {
    this.readyState = 1
    this.dispatchEvent(new Event('open'))
  }
  receive(message: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: encodeMessage(message).buffer }))
  }
  drop() {
    this.readyState = 3
    this.dispatchEvent(new Event('close'))
  }
}

function setup(callTimeoutMs?: number) {
  const ports: { nonce: string; port: MessagePort }[] = []
  const env: WebStudioEnvironment = {
    WebSocket: FakeSocket as unknown as WebStudioEnvironment['WebSocket'],
    postPort: (nonce, port) => ports.push({ nonce, port }),
    setLeaveGuard: vi.fn(),
    closeWindow: vi.fn(),
    log: vi.fn(),
    callTimeoutMs,
  }
  const studio = createWebStudio('ws://127.0.0.1:1/studio?token=t', env)
  return { studio, socket: FakeSocket.last, ports, env }
}

const nextMessage = (port: MessagePort) => new Promise<unknown>((resolve) => port.addEventListener('message', (e) => resolve(e.data), { once: true }))

describe('the browser host StudioApi', () => {
  it('fails a call the host never answers, with a clear error, instead of waiting forever', async () => {
    const { studio, socket } = setup(30)
    socket.open()
    await expect(studio.saveProject({ text: '{}', path: 'a.json' })).rejects.toThrow('the browser host did not answer saveProject within 0 s')
    // A late answer finds nothing waiting, and is dropped quietly.
    socket.receive({ kind: 'result', id: 1, ok: true, value: { ok: true, value: { path: 'a.json' } } })
  })

  it('has exactly the keys of the contract', () => {
    expect(Object.keys(setup().studio)).toEqual([...STUDIO_API_KEYS])
  })

  it('sends calls once the socket opens and resolves them with the results', async () => {
    const { studio, socket } = setup()
    const saved = studio.saveProject({ text: '{}', path: 'a.json' })
    const recent = studio.recentFiles()
    expect(socket.sent).toEqual([])
    socket.open()
    expect(socket.sent).toEqual([
      { kind: 'call', id: 1, method: 'saveProject', args: [{ text: '{}', path: 'a.json' }] },
      { kind: 'call', id: 2, method: 'recentFiles', args: [] },
    ])
    socket.receive({ kind: 'result', id: 2, ok: false, error: 'refused: invalid arguments' })
    socket.receive({ kind: 'result', id: 1, ok: true, value: { ok: true, value: { path: 'a.json' } } })
    await expect(saved).resolves.toEqual({ ok: true, value: { path: 'a.json' } })
    await expect(recent).rejects.toThrow('refused: invalid arguments')
  })

  it('delivers host events until unsubscribed, and drops malformed frames', () => {
    const { studio, socket, env } = setup()
    const seen: HostEvent[] = []
    const stop = studio.onHostEvent((event) => seen.push(event))
    socket.receive({ kind: 'host-event', event: { type: 'engine-restarted', reason: 'killed', attempt: 1 } })
    socket.receive({ kind: 'host-event', event: { type: 'format-disk' } })
    socket.dispatchEvent(new MessageEvent('message', { data: '{broken' }))
    // Frames are binary only: even a well-formed message as text is refused.
    socket.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ kind: 'host-event', event: { type: 'engine-restarted', reason: 'text', attempt: 2 } }) }))
    expect(socket.binaryType).toBe('arraybuffer')
    stop()
    socket.receive({ kind: 'host-event', event: { type: 'engine-unavailable', reason: 'x' } })
    expect(seen).toEqual([{ type: 'engine-restarted', reason: 'killed', attempt: 1 }])
    expect(env.log).toHaveBeenCalledTimes(2)
  })

  it('bridges the engine: a port per epoch, typed arrays intact, stale traffic dropped', async () => {
    const { studio, socket, ports } = setup()
    socket.open()
    studio.connectEngine('nonce-0123456789abcdef')
    expect(socket.sent.at(-1)).toMatchObject({ kind: 'call', method: 'connectEngine', args: ['nonce-0123456789abcdef'] })

    socket.receive({ kind: 'engine-port', epoch: 1 })
    expect(ports).toHaveLength(1)
    expect(ports[0].nonce).toBe('nonce-0123456789abcdef')
    const first = ports[0].port
    first.start()

    first.postMessage({ id: 1, type: 'snapshot' })
    await vi.waitFor(() => expect(socket.sent.at(-1)).toEqual({ kind: 'engine', epoch: 1, message: { id: 1, type: 'snapshot' } }))

    const arrived = nextMessage(first)
    socket.receive({ kind: 'engine', epoch: 1, message: { type: 'reply', id: 1, ok: true, result: { W: new Float64Array([0.5, NaN]) } } })
    const reply = (await arrived) as { result: { W: Float64Array } }
    expect(reply.result.W).toBeInstanceOf(Float64Array)
    expect(Array.from(reply.result.W)).toEqual([0.5, NaN])

    // A project file's UTF-8 bytes (a 'project-text' reply): moved to the port with the frame, the same bytes.
    const file = new TextEncoder().encode(`{"name":"größer ✓","w":[${'0.25,'.repeat(400)}1]}`)
    const withBytes = nextMessage(first)
    socket.receive({ kind: 'engine', epoch: 1, message: { type: 'reply', id: 2, ok: true, result: { bytes: file } } })
    const bytesReply = (await withBytes) as { result: { bytes: Uint8Array } }
    expect(bytesReply.result.bytes).toBeInstanceOf(Uint8Array)
    expect(Array.from(bytesReply.result.bytes)).toEqual(Array.from(file))

    // The engine restarted: a new port; the old engine's late messages are not delivered.
    socket.receive({ kind: 'engine-port', epoch: 2 })
    expect(ports).toHaveLength(2)
    const second = ports[1].port
    second.start()
    const onSecond = vi.fn()
    second.addEventListener('message', onSecond)
    socket.receive({ kind: 'engine', epoch: 1, message: { type: 'error', message: 'late' } })
    const fresh = nextMessage(second)
    socket.receive({ kind: 'engine', epoch: 2, message: { type: 'ready' } })
    expect(await fresh).toEqual({ type: 'ready' })
    expect(onSecond).toHaveBeenCalledTimes(1)
  })

  it('rejects pending calls and reports the engine unavailable when the host goes away', async () => {
    const { studio, socket } = setup()
    socket.open()
    const events: HostEvent[] = []
    studio.onHostEvent((event) => events.push(event))
    const info = studio.hostInfo()
    socket.drop()
    await expect(info).rejects.toThrow(/closed the connection/)
    expect(events.map((e) => e.type)).toEqual(['engine-unavailable'])
    await expect(studio.takeAutosave()).rejects.toThrow(/not connected/)
  })

  it('guards leaving the page while the document is dirty', () => {
    const { studio, env } = setup()
    studio.setDocumentState({ title: 'a.json', dirty: true })
    expect(env.setLeaveGuard).toHaveBeenLastCalledWith(true)
    studio.closeWindow()
    expect(env.setLeaveGuard).toHaveBeenLastCalledWith(false)
    expect(env.closeWindow).toHaveBeenCalled()
  })
})

describe('installing the browser host API', () => {
  it('builds the socket URL from the page URL and its token', () => {
    expect(studioSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321', hash: '#token=a-b_c%2F' })).toBe('ws://127.0.0.1:4321/studio?token=a-b_c%2F')
    expect(studioSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321', hash: '' })).toBeNull()
    expect(studioSocketUrl({ protocol: 'app:', host: 'studio', hash: '#token=x' })).toBeNull()
  })

  it('does nothing without a token', () => {
    expect(installWebStudio(window)).toBe(false)
    expect(window.studio).toBeUndefined()
  })
})
