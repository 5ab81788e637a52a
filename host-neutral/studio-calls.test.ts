import { describe, expect, it, vi } from 'vitest'
import { STUDIO_API_KEYS } from '../engine/protocol'
import { CALL_CHANNELS, STUDIO_CALLS } from './ipc-channels'
import { CallRefusedError, dispatchCall, MAX_TEXT_CHARS, parseCall, type StudioBackend } from './studio-calls'

function fakeBackend(): StudioBackend {
  const ok = { ok: true, value: { path: 'p.json' } } as const
  return {
    hostInfo: () => ({ kind: 'browser', nativeDialogs: false, rootFolder: '/r', version: '0' }),
    connectEngine: vi.fn(),
    openProject: vi.fn(async () => ({ ok: true, value: { path: 'p.json', text: '{}' } }) as const),
    saveProject: vi.fn(async () => ok),
    importCsv: vi.fn(async () => ({ ok: false, canceled: true }) as const),
    readDataFile: vi.fn(async () => ({ ok: false, canceled: true }) as const),
    exportFile: vi.fn(async () => ok),
    recentFiles: async () => [],
    autosave: vi.fn(async () => {}),
    takeAutosave: async () => null,
    setDocumentState: vi.fn(),
    closeWindow: vi.fn(),
    readRuns: vi.fn(async () => ({ ok: true, value: { path: 'p.runs.jsonl', text: '' } }) as const),
    appendRuns: vi.fn(async () => ok),
    moveRuns: vi.fn(async () => ok),
    restartEngine: vi.fn(async () => true),
    listFolder: vi.fn(async () => ({ ok: true as const, value: { path: '', entries: [], truncated: false } })),
  }
}

describe('the call table', () => {
  it('has one channel for every StudioApi method except the event subscription', () => {
    expect([...STUDIO_CALLS].sort()).toEqual(STUDIO_API_KEYS.filter((key) => key !== 'onHostEvent').sort())
    expect(new Set(Object.values(CALL_CHANNELS)).size).toBe(STUDIO_CALLS.length)
  })
})

describe('parseCall', () => {
  it('accepts well-formed calls', () => {
    expect(parseCall('saveProject', [{ text: '{}', path: 'a.json', saveAs: true }]).args).toEqual([{ text: '{}', path: 'a.json', saveAs: true }])
    expect(parseCall('autosave', [null]).args).toEqual([null])
    // The engine's UTF-8 bytes, passed through the page unchanged.
    const bytes = new TextEncoder().encode('{"n":1}')
    expect(parseCall('autosave', [bytes]).args[0]).toBe(bytes)
    expect(parseCall('saveProject', [{ text: bytes, path: 'a.json' }]).args).toEqual([{ text: bytes, path: 'a.json' }])
    expect(parseCall('connectEngine', ['0f8e6a7c-1b2d-4e5f-8a9b-0c1d2e3f4a5b']).method).toBe('connectEngine')
  })

  it.each([
    ['unknown method', 'deleteEverything', []],
    ['inherited name', 'toString', []],
    ['non-string method', 42, []],
    ['missing argument', 'saveProject', []],
    ['extra argument', 'hostInfo', [1]],
    ['wrong type', 'saveProject', [{ text: 5 }]],
    ['unknown key', 'openProject', [{ path: 'a.json', shell: 'rm -rf /' }]],
    ['empty path', 'openProject', [{ path: '' }]],
    ['bad export kind', 'exportFile', [{ kind: 'model', text: '' }]],
    ['export beside with a folder', 'exportFile', [{ kind: 'pytorch', text: '', beside: [{ name: '../x.csv', text: '' }] }]],
    ['export bytes not bytes', 'exportFile', [{ kind: 'onnx', bytes: [1, 2] }]],
    ['autosave a number list, not bytes', 'autosave', [[123, 125]]],
    ['save bytes of another kind', 'saveProject', [{ text: new Float64Array(2), path: 'a.json' }]],
    ['short nonce', 'connectEngine', ['abc']],
    ['nonce with markup', 'connectEngine', ['<script>alert(1)</script>xxxx']],
    ['arguments not a list', 'hostInfo', 'nope'],
  ])('refuses a call with %s', (_what, method, args) => {
    expect(() => parseCall(method, args)).toThrow(CallRefusedError)
  })

  it('refuses project bytes over the size limit, saying so', () => {
    const huge = new Uint8Array(MAX_TEXT_CHARS + 1)
    expect(() => parseCall('autosave', [huge])).toThrow(new RegExp(`invalid arguments for autosave[^]*a project file of at most ${MAX_TEXT_CHARS} bytes`))
    expect(() => parseCall('saveProject', [{ text: huge, path: 'a.json' }])).toThrow(/a project file of at most/)
  })
})

describe('dispatchCall', () => {
  it('runs the backend only with validated arguments', async () => {
    const backend = fakeBackend()
    await expect(dispatchCall(backend, 'saveProject', [{ text: '{}', path: 'p.json' }])).resolves.toEqual({ ok: true, value: { path: 'p.json' } })
    expect(backend.saveProject).toHaveBeenCalledWith({ text: '{}', path: 'p.json' })
    await expect(dispatchCall(backend, 'saveProject', [{ text: 1 }])).rejects.toThrow(/invalid arguments for saveProject/)
    expect(backend.saveProject).toHaveBeenCalledTimes(1)
  })
})
