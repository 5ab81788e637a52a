import { afterEach, describe, expect, it, vi } from 'vitest'
import { ENGINE_PORT_MESSAGE, type EngineEvent, type HostEvent } from '../../../engine/protocol'
import { EngineClient, EngineConnectionLostError, EngineRequestError, EngineTimeoutError, requestTimeout } from './engine-client'

const NONCE = 'test-nonce-0123456789'

/** A stand-in engine on the far end of a real MessageChannel: answers with `answer(request)`. */
function fakeEngine(answer: (request: { id: number; type: string }) => EngineEvent | null) {
  const channel = new MessageChannel()
  const seen: { id: number; type: string }[] = []
  channel.port2.addEventListener('message', (event) => {
    seen.push(event.data)
    const reply = answer(event.data)
    if (reply) channel.port2.postMessage(reply)
  })
  channel.port2.start()
  return { port: channel.port1, seen, send: (event: unknown) => channel.port2.postMessage(event), close: () => channel.port2.close() }
}

function setup(timeoutMs?: (type: string) => number) {
  const hostListeners = new Set<(event: HostEvent) => void>()
  const studio = {
    connectEngine: vi.fn(),
    onHostEvent: (listener: (event: HostEvent) => void) => (hostListeners.add(listener), () => void hostListeners.delete(listener)),
  }
  const log = vi.fn()
  const client = new EngineClient({ studio, target: window, source: window, nonce: NONCE, log, timeoutMs })
  clients.push(client)
  const deliverPort = (port: MessagePort, overrides: { source?: unknown; nonce?: string } = {}) =>
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { type: ENGINE_PORT_MESSAGE, nonce: overrides.nonce ?? NONCE },
        source: (overrides.source ?? window) as Window,
        ports: [port as never],
      }),
    )
  const hostEvent = (event: HostEvent) => hostListeners.forEach((listener) => listener(event))
  return { client, studio, log, deliverPort, hostEvent }
}

const clients: EngineClient[] = []
afterEach(() => clients.splice(0).forEach((client) => client.dispose()))

const status = { running: false, step: 0, epoch: 0, batchInEpoch: 0, batchesPerEpoch: 1, stepsPerSecond: 0, kernel: 'js' }
const okReply = (request: { id: number }): EngineEvent => ({ type: 'reply', id: request.id, ok: true, result: status })
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('EngineClient timeouts', () => {
  it('fails a request the engine never answers with a clear error, and ignores the late reply', async () => {
    const { client, deliverPort, log } = setup(() => 40)
    let answerLate: ((event: EngineEvent) => void) | null = null
    const engine = fakeEngine((request) => {
      answerLate = () => engine.send(okReply(request))
      return null
    })
    deliverPort(engine.port)
    const started = Date.now()
    await expect(client.request({ type: 'export-project' })).rejects.toThrow(EngineTimeoutError)
    expect(Date.now() - started).toBeGreaterThanOrEqual(35)
    await expect(client.request({ type: 'export-project' })).rejects.toThrow(/did not answer "export-project" within 0 s\. It may be stuck on a long task/)
    answerLate!(okReply({ id: 1 }))
    await tick()
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/reply to no pending request/), expect.anything())
  })

  it('an answered request is not failed later, and long requests get longer', async () => {
    const { client, deliverPort } = setup(() => 40)
    deliverPort(fakeEngine(okReply).port)
    await expect(client.request({ type: 'train', action: 'pause' })).resolves.toEqual(status)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(requestTimeout('load-project')).toBeGreaterThan(requestTimeout('export-project'))
    expect(requestTimeout('export-project')).toBe(60_000)
  })
})

describe('EngineClient', () => {
  it('asks the host for the port with its nonce', () => {
    const { studio } = setup()
    expect(studio.connectEngine).toHaveBeenCalledWith(NONCE)
  })

  it('queues requests until the port arrives, then resolves each with its reply', async () => {
    const { client, deliverPort } = setup()
    const engine = fakeEngine(okReply)
    const first = client.request({ type: 'train', action: 'start' })
    const second = client.request({ type: 'set-training', patch: { epochs: 3 } })
    expect(client.connected).toBe(false)
    deliverPort(engine.port)
    await expect(first).resolves.toEqual(status)
    await expect(second).resolves.toEqual(status)
    expect(engine.seen).toEqual([
      { type: 'train', action: 'start', id: 1 },
      { type: 'set-training', patch: { epochs: 3 }, id: 2 },
    ])
    expect(client.connected).toBe(true)
  })

  it('rejects a reply whose result does not fit its request, naming the field', async () => {
    const { client, deliverPort, log } = setup()
    // A training status is a well-formed reply to 'train', not to 'snapshot'.
    deliverPort(fakeEngine(okReply).port)
    const snapshot = client.request({ type: 'snapshot' })
    await expect(snapshot).rejects.toThrow(/malformed 'snapshot' reply: layers: /)
    await expect(snapshot).rejects.toBeInstanceOf(EngineRequestError)
    expect(log).toHaveBeenCalledWith(expect.stringContaining("'snapshot'"), status)
  })

  it('ignores port messages with another nonce or from another window', async () => {
    const { client, deliverPort } = setup()
    const stranger = fakeEngine(okReply)
    deliverPort(stranger.port, { nonce: 'someone-else-0123456' })
    deliverPort(stranger.port, { source: {} })
    await tick()
    expect(client.connected).toBe(false)
  })

  it('rejects with EngineRequestError when the engine answers ok: false', async () => {
    const { client, deliverPort } = setup()
    deliverPort(fakeEngine((r) => ({ type: 'reply', id: r.id, ok: false, error: 'no project is loaded' })).port)
    const failure = client.request({ type: 'snapshot' })
    await expect(failure).rejects.toBeInstanceOf(EngineRequestError)
    await expect(failure).rejects.toMatchObject({ message: 'no project is loaded', requestType: 'snapshot' })
  })

  it('dispatches stream events by type and drops malformed ones', async () => {
    const { client, deliverPort, log } = setup()
    const engine = fakeEngine(() => null)
    deliverPort(engine.port)
    const progress = vi.fn()
    const stopped = vi.fn()
    client.on('progress', progress)
    client.on('stopped', stopped)
    engine.send({ type: 'progress', status, losses: [{ step: 1, loss: 0.5 }], epochs: [], layerStats: [] })
    engine.send({ type: 'progress', status }) // missing arrays
    engine.send({ type: 'progress', status: { ...status, step: 'one' }, losses: [], epochs: [], layerStats: [] }) // a bad field deep inside
    engine.send({ type: 'stopped', status, reason: 'bored' })
    engine.send({ type: 'launch-missiles' })
    engine.send('nonsense')
    engine.send({ type: 'stopped', status, reason: 'max-epochs' })
    engine.send({ type: 'reply', id: 99, ok: true, result: 1 }) // nobody asked
    await tick()
    expect(progress).toHaveBeenCalledTimes(1)
    expect(progress.mock.calls[0][0].losses).toEqual([{ step: 1, loss: 0.5 }])
    expect(stopped).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledTimes(6)
  })

  it('on a new port: rejects requests in flight, tells onReconnect, and uses the new port', async () => {
    const { client, deliverPort } = setup()
    const crashed = fakeEngine(() => null) // never answers: it is about to die
    deliverPort(crashed.port)
    const lost = client.request({ type: 'gradient-check', scope: { kind: 'network' } })
    await tick()
    const reconnected = vi.fn()
    client.onReconnect(reconnected)
    const fresh = fakeEngine(okReply)
    deliverPort(fresh.port)
    await expect(lost).rejects.toBeInstanceOf(EngineConnectionLostError)
    expect(reconnected).toHaveBeenCalledTimes(1)
    await expect(client.request({ type: 'train', action: 'pause' })).resolves.toEqual(status)
    expect(fresh.seen.map((r) => r.id)).toEqual([2])
  })

  it('rejects everything once the host says the engine is unavailable, until a port arrives again', async () => {
    const { client, deliverPort, hostEvent } = setup()
    deliverPort(fakeEngine(() => null).port)
    const pending = client.request({ type: 'snapshot' })
    hostEvent({ type: 'engine-unavailable', reason: 'The engine failed 5 times in a row.' })
    await expect(pending).rejects.toThrow('The engine failed 5 times in a row.')
    await expect(client.request({ type: 'snapshot' })).rejects.toBeInstanceOf(EngineConnectionLostError)
    expect(client.connected).toBe(false)
  })
})
