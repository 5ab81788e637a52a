// ipc.ts with a recording fake of ipcMain: every handler checks the sender, then the arguments.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CALL_CHANNELS, STUDIO_CALLS } from '../../host-neutral/ipc-channels'
import type { StudioBackend } from '../../host-neutral/studio-calls'

const handlers = vi.hoisted(() => new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>())
vi.mock('electron', () => ({ ipcMain: { handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, handler) } }))
const { registerStudioIpc } = await import('./ipc')

const mainFrame = { processId: 3, routingId: 1, url: 'app://studio/index.html' }
const window = { isDestroyed: () => false, webContents: { mainFrame } }
let backend: StudioBackend
let log: ReturnType<typeof vi.fn<(line: string) => void>>

beforeEach(() => {
  handlers.clear()
  log = vi.fn()
  backend = { saveProject: vi.fn(async () => ({ ok: true, value: { path: '/a.json' } })), recentFiles: vi.fn(async () => []) } as unknown as StudioBackend
  registerStudioIpc({ window: () => window as never, backend, devServerOrigin: null, log })
})

const call = (channel: string, senderFrame: unknown, ...args: unknown[]) => handlers.get(channel)!({ senderFrame }, ...args)

describe('the IPC handlers', () => {
  it('registers one handler per call channel', () => {
    expect([...handlers.keys()].sort()).toEqual(STUDIO_CALLS.map((m) => CALL_CHANNELS[m]).sort())
  })

  it('runs the backend for the studio window with valid arguments', async () => {
    await expect(call(CALL_CHANNELS.saveProject, { ...mainFrame }, { text: '{}', path: '/a.json' })).resolves.toEqual({ ok: true, value: { path: '/a.json' } })
    expect(backend.saveProject).toHaveBeenCalledWith({ text: '{}', path: '/a.json' })
    // The engine's UTF-8 bytes, as IPC's structured clone delivers them (a Uint8Array).
    const bytes = new TextEncoder().encode('{"n":1}')
    await call(CALL_CHANNELS.saveProject, { ...mainFrame }, { text: bytes, path: '/a.json' })
    expect(vi.mocked(backend.saveProject).mock.calls.at(-1)![0].text).toBe(bytes)
  })

  it('refuses other senders and logs it, before looking at the arguments', async () => {
    await expect(call(CALL_CHANNELS.recentFiles, { ...mainFrame, routingId: 9 })).rejects.toThrow(/only answered for the studio window/)
    await expect(call(CALL_CHANNELS.recentFiles, { ...mainFrame, url: 'https://evil.example/' })).rejects.toThrow(/only answered/)
    await expect(call(CALL_CHANNELS.recentFiles, null)).rejects.toThrow(/only answered/)
    expect(backend.recentFiles).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledTimes(3)
  })

  it('refuses malformed arguments and logs it', async () => {
    await expect(call(CALL_CHANNELS.saveProject, mainFrame, { text: 42 })).rejects.toThrow(/invalid arguments for saveProject/)
    expect(backend.saveProject).not.toHaveBeenCalled()
    expect(log.mock.calls[0][0]).toMatch(/^refused saveProject/)
  })
})
