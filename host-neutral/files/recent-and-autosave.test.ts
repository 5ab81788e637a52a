import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { AutosaveStore } from './autosave-store'
import { MAX_RECENT_FILES, RecentFiles, withRecent } from './recent-files'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'studio-data-'))
})

describe('recent files', () => {
  it('puts the newest first, without duplicates, at most 10', () => {
    expect(withRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c'])
    const many = Array.from({ length: 12 }, (_, i) => `f${i}`)
    expect(many.reduce<string[]>((list, path) => withRecent(list, path), [])).toEqual(many.slice(2).reverse())
  })

  it('persists the list in the data folder', async () => {
    const recent = new RecentFiles(dataDir)
    for (let i = 0; i < 12; i++) await recent.add(`/p/${i}.json`)
    const again = await new RecentFiles(dataDir).list()
    expect(again).toHaveLength(MAX_RECENT_FILES)
    expect(again[0]).toBe('/p/11.json')
    expect(await new RecentFiles(dataDir).remove('/p/11.json')).not.toContain('/p/11.json')
  })

  it('treats a damaged list as empty', async () => {
    await writeFile(join(dataDir, 'recent-files.json'), '{not json')
    expect(await new RecentFiles(dataDir).list()).toEqual([])
    await writeFile(join(dataDir, 'recent-files.json'), '[1, "/ok.json", null]')
    expect(await new RecentFiles(dataDir).list()).toEqual(['/ok.json'])
  })
})

describe('autosave', () => {
  it('offers the copy once, then nothing', async () => {
    const store = new AutosaveStore(dataDir)
    await store.write('{"n":1}')
    expect(await readFile(store.file, 'utf8')).toBe('{"n":1}')
    // A new start (a new store on the same folder) finds what the crashed one left.
    const next = new AutosaveStore(dataDir)
    expect(await next.take()).toBe('{"n":1}')
    expect(await next.take()).toBeNull()
  })

  it("keeps the engine's UTF-8 bytes as they are, and refuses bytes that are not UTF-8, keeping the last copy", async () => {
    const store = new AutosaveStore(dataDir)
    const text = '{"name":"größer ✓ 🌀"}'
    await store.write(new TextEncoder().encode(text))
    expect((await readFile(store.file)).equals(Buffer.from(text, 'utf8'))).toBe(true)
    await expect(store.write(Uint8Array.of(0xe2, 0x9c))).rejects.toThrow('Refusing to keep the autosave copy: it is not valid UTF-8 text.')
    expect(await store.take()).toBe(text)
  })

  it('is cleared by null and by a clean exit', async () => {
    const store = new AutosaveStore(dataDir)
    await store.write('x')
    await store.write(null)
    expect(await store.take()).toBeNull()
    await store.write('y')
    await store.clear()
    expect(await store.take()).toBeNull()
  })
})
