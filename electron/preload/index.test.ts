// The preload runs only inside Electron; here `electron` is replaced by a recording fake, so the
// test sees exactly what the preload exposes and what it sends.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ENGINE_PORT_MESSAGE, STUDIO_API_KEYS, type HostEvent, type StudioApi } from '../../engine/protocol'
import { CALL_CHANNELS, PUSH_CHANNELS } from '../../host-neutral/ipc-channels'

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  pushListeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
  postMessage: vi.fn(),
}))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
  ipcRenderer: {
    invoke: fake.invoke,
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => fake.pushListeners.set(channel, listener),
  },
}))

let studio: StudioApi
beforeAll(async () => {
  vi.stubGlobal('window', { postMessage: fake.postMessage })
  await import('./index')
  studio = fake.exposed.get('studio') as StudioApi
})

describe('the preload', () => {
  it('exposes one object, window.studio, with exactly the contract keys', () => {
    expect([...fake.exposed.keys()]).toEqual(['studio'])
    expect(Object.keys(studio)).toEqual([...STUDIO_API_KEYS])
  })

  it('sends each call on its own channel with plain arguments', async () => {
    fake.invoke.mockResolvedValueOnce({ ok: true, value: { path: '/p/a.json' } })
    await expect(studio.saveProject({ text: '{}', saveAs: true })).resolves.toEqual({ ok: true, value: { path: '/p/a.json' } })
    expect(fake.invoke).toHaveBeenLastCalledWith(CALL_CHANNELS.saveProject, { text: '{}', saveAs: true })
    // Project bytes go to main as they are (IPC clones a Uint8Array), never decoded here.
    const bytes = new TextEncoder().encode('{"n":1}')
    fake.invoke.mockResolvedValueOnce(undefined)
    await studio.autosave(bytes)
    expect(fake.invoke.mock.calls.at(-1)).toEqual([CALL_CHANNELS.autosave, bytes])
    expect(fake.invoke.mock.calls.at(-1)![1]).toBe(bytes)
    studio.setDocumentState({ title: 'a.json', dirty: true })
    expect(fake.invoke).toHaveBeenLastCalledWith(CALL_CHANNELS.setDocumentState, { title: 'a.json', dirty: true })
  })

  it('passes host events on as data only, never the Electron event', () => {
    const seen: unknown[][] = []
    const stop = studio.onHostEvent((...args) => seen.push(args))
    const electronEvent = { sender: 'ipcRenderer internals', ports: [] }
    const event: HostEvent = { type: 'menu', command: 'save' }
    fake.pushListeners.get(PUSH_CHANNELS.hostEvent)!(electronEvent, event)
    fake.pushListeners.get(PUSH_CHANNELS.hostEvent)!(electronEvent, 'not an event')
    fake.pushListeners.get(PUSH_CHANNELS.hostEvent)!(electronEvent, { type: 'menu', command: 'format-disk' })
    fake.pushListeners.get(PUSH_CHANNELS.hostEvent)!(electronEvent, { type: 'engine-restarted', reason: 'crash' }) // no attempt
    stop()
    fake.pushListeners.get(PUSH_CHANNELS.hostEvent)!(electronEvent, event)
    expect(seen).toEqual([[event]])
  })

  it('posts the engine port into the page only for the nonce the page chose', () => {
    const port = { name: 'port2' }
    const push = fake.pushListeners.get(PUSH_CHANNELS.enginePort)!
    push({ ports: [port] }, { nonce: 'too-early-0123456789' })
    expect(fake.postMessage).not.toHaveBeenCalled()

    studio.connectEngine('page-nonce-0123456789')
    expect(fake.invoke).toHaveBeenLastCalledWith(CALL_CHANNELS.connectEngine, 'page-nonce-0123456789')
    push({ ports: [port] }, { nonce: 'another-nonce-0123456' })
    push({ ports: [] }, { nonce: 'page-nonce-0123456789' })
    expect(fake.postMessage).not.toHaveBeenCalled()
    push({ ports: [port] }, { nonce: 'page-nonce-0123456789' })
    expect(fake.postMessage).toHaveBeenCalledWith({ type: ENGINE_PORT_MESSAGE, nonce: 'page-nonce-0123456789' }, '*', [port])
  })
})
