/** A StudioApi double for unit tests: files in a map, host events on demand. */
import { vi } from 'vitest'
import type { FileContents, HostEvent, HostInfo, StudioApi } from '../../engine/protocol'

/** What a host would write, as text (bytes are UTF-8, as the file store reads them back). */
export const contentsText = (contents: FileContents): string => (typeof contents === 'string' ? contents : new TextDecoder('utf-8', { fatal: true }).decode(contents))

export interface FakeStudio {
  api: StudioApi
  files: Map<string, string>
  /** contents: as the page handed it over (the engine's bytes untouched, or the page's text). */
  saved: { path: string; text: string; contents: FileContents }[]
  emit(event: HostEvent): void
  documentState: { title: string; dirty: boolean } | null
}

export function fakeStudio(info: Partial<HostInfo> = {}): FakeStudio {
  const files = new Map<string, string>()
  const listeners = new Set<(event: HostEvent) => void>()
  const fake: FakeStudio = { files, saved: [], emit: (event) => listeners.forEach((l) => l(event)), documentState: null, api: null as unknown as StudioApi }
  const read = async ({ path }: { path?: string }) => {
    if (!path) return { ok: false as const, canceled: false as const, error: 'no path' }
    const text = files.get(path)
    return text === undefined ? { ok: false as const, canceled: false as const, error: `${path} does not exist` } : { ok: true as const, value: { path, text } }
  }
  fake.api = {
    hostInfo: async () => ({ kind: 'browser', nativeDialogs: false, rootFolder: '/root', version: 'test', ...info }),
    connectEngine: vi.fn(),
    onHostEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    openProject: read,
    importCsv: read,
    readDataFile: async ({ path }) => read({ path }),
    saveProject: async ({ text, path }) => {
      if (!path) return { ok: false, canceled: true }
      files.set(path, contentsText(text))
      fake.saved.push({ path, text: contentsText(text), contents: text })
      return { ok: true, value: { path } }
    },
    exportFile: async ({ text, bytes, beside, path }) => {
      files.set(path ?? 'export', text ?? `<${bytes?.length ?? 0} bytes>`)
      for (const file of beside ?? []) files.set(file.name, file.text)
      return { ok: true, value: { path: path ?? 'export' } }
    },
    recentFiles: async () => [],
    autosave: vi.fn(async () => undefined),
    takeAutosave: async () => null,
    setDocumentState: (state) => (fake.documentState = state),
    // Runs logs live in the same map, under 'runs:' and the project path ('runs:' alone: untitled).
    readRuns: async ({ projectPath }) => ({ ok: true, value: { path: `runs:${projectPath ?? ''}`, text: files.get(`runs:${projectPath ?? ''}`) ?? '' } }),
    appendRuns: async ({ projectPath, lines }) => {
      const key = `runs:${projectPath ?? ''}`
      files.set(key, (files.get(key) ?? '') + lines.map((l) => l + '\n').join(''))
      return { ok: true, value: { path: key } }
    },
    restartEngine: async () => true,
    listFolder: async ({ path }) => ({ ok: true, value: { path, entries: [], truncated: false } }),
    moveRuns: async ({ to }) => {
      const text = files.get('runs:') ?? ''
      if (to !== null) files.set(`runs:${to}`, (files.get(`runs:${to}`) ?? '') + text)
      files.delete('runs:')
      return { ok: true, value: { path: `runs:${to ?? ''}` } }
    },
    closeWindow: vi.fn(),
  }
  return fake
}
