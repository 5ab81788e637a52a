import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { AutosaveStore } from './autosave-store'
import { confinedPathPolicy } from './confined-policy'
import { createFileActions } from './file-actions'
import { RecentFiles } from './recent-files'

let root: string
let actions: ReturnType<typeof createFileActions>
beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'studio-files-'))
  root = join(base, 'root')
  await mkdir(join(root, 'data'), { recursive: true })
  await mkdir(join(base, 'data-dir'))
  actions = createFileActions(confinedPathPolicy(root), new RecentFiles(join(base, 'data-dir')), new AutosaveStore(join(base, 'data-dir')))
})

const project = '{"format":"backprop-studio/project","version":1}'

describe('file actions in the browser host (typed paths, confined)', () => {
  it('saves a project and opens it again, exactly, and lists it as recent', async () => {
    expect(await actions.saveProject({ text: project, path: 'p.json' })).toEqual({ ok: true, value: { path: 'p.json' } })
    expect(await actions.openProject({ path: 'p.json' })).toEqual({ ok: true, value: { path: 'p.json', text: project } })
    expect(await actions.recentFiles()).toEqual(['p.json'])
  })

  it("writes the engine's UTF-8 bytes unchanged, and refuses bytes that are not UTF-8 or not a JSON object", async () => {
    const text = '{"format":"backprop-studio/project","version":1,"name":"größer ✓ 🌀"}'
    const bytes = new TextEncoder().encode(text)
    expect(await actions.saveProject({ text: bytes, path: 'p.json' })).toEqual({ ok: true, value: { path: 'p.json' } })
    expect((await readFile(join(root, 'p.json'))).equals(Buffer.from(text, 'utf8'))).toBe(true)
    expect(await actions.openProject({ path: 'p.json' })).toEqual({ ok: true, value: { path: 'p.json', text } })
    const broken = await actions.saveProject({ text: Uint8Array.of(0x7b, 0xc3, 0x7d), path: 'p.json' })
    expect(broken).toEqual({ ok: false, canceled: false, error: 'Refusing to write the project: it is not valid UTF-8 text.' })
    expect(await actions.saveProject({ text: new TextEncoder().encode('[1]'), path: 'p.json' })).toMatchObject({ ok: false, error: expect.stringMatching(/not a JSON object/) })
    expect((await readFile(join(root, 'p.json'))).equals(Buffer.from(text, 'utf8'))).toBe(true)
  })

  it('asks for a path instead of a dialog', async () => {
    const result = await actions.openProject({})
    expect(result).toMatchObject({ ok: false, canceled: false, error: expect.stringMatching(/no file dialogs/) })
  })

  it('names the file when it does not exist', async () => {
    expect(await actions.openProject({ path: 'missing.json' })).toEqual({
      ok: false,
      canceled: false,
      error: 'Could not open "missing.json": the file or its folder does not exist.',
    })
  })

  it('refuses a malformed project and says why', async () => {
    await writeFile(join(root, 'broken.json'), '{"format": ')
    const result = await actions.openProject({ path: 'broken.json' })
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^"broken.json" is not a Backprop Studio project: it is not valid JSON/) })
    expect(await actions.recentFiles()).toEqual([])
  })

  it('never overwrites a good file with a broken document', async () => {
    await writeFile(join(root, 'p.json'), project)
    const result = await actions.saveProject({ text: 'oops', path: 'p.json' })
    expect(result).toMatchObject({ ok: false, canceled: false, error: expect.stringMatching(/not valid JSON/) })
    expect(await readFile(join(root, 'p.json'), 'utf8')).toBe(project)
  })

  it('reports permission denied, naming the file, and leaves it untouched', async ({ skip }) => {
    // Root ignores file permission bits, so EACCES cannot be produced for it; say so instead of passing.
    skip(process.getuid?.() === 0, 'running as root: permission bits do not apply, so permission denied cannot be produced')
    await mkdir(join(root, 'locked'))
    await writeFile(join(root, 'locked', 'p.json'), project)
    await chmod(join(root, 'locked'), 0o500)
    const result = await actions.saveProject({ text: '{"v":2}', path: 'locked/p.json' })
    expect(result).toEqual({ ok: false, canceled: false, error: 'Could not save "locked/p.json": permission denied.' })
    expect(await readFile(join(root, 'locked', 'p.json'), 'utf8')).toBe(project)
    await chmod(join(root, 'locked'), 0o700)
  })

  it('refuses paths outside the root', async () => {
    expect(await actions.saveProject({ text: project, path: '../evil.json' })).toMatchObject({ ok: false, error: expect.stringMatching(/\.\./) })
  })

  it('reads data files relative to the project and confined to the root', async () => {
    await writeFile(join(root, 'data', 'points.csv'), '\ufeffx,y\n1,2\n')
    await writeFile(join(root, 'data', 'p.json'), project)
    expect(await actions.readDataFile({ projectPath: 'data/p.json', path: 'points.csv' })).toEqual({
      ok: true,
      value: { path: 'data/points.csv', text: 'x,y\n1,2\n' },
    })
    expect(await actions.readDataFile({ projectPath: 'data/p.json', path: '../../../etc/passwd' })).toMatchObject({ ok: false })
    expect(await actions.readDataFile({ projectPath: null, path: '/etc/passwd' })).toMatchObject({ ok: false })
  })

  it('exports metrics as any text and weights only as a JSON array', async () => {
    expect(await actions.exportFile({ kind: 'metrics', text: 'epoch,loss\n1,0.5\n', path: 'm.csv' })).toEqual({ ok: true, value: { path: 'm.csv' } })
    expect(await actions.exportFile({ kind: 'weights', text: '{"W": []}', path: 'w.json' })).toMatchObject({ ok: false, error: expect.stringContaining('not a JSON array') })
    expect(await actions.recentFiles()).toEqual([])
  })

  it('imports a CSV', async () => {
    await writeFile(join(root, 'data', 'points.csv'), 'a,b\n')
    expect(await actions.importCsv({ path: 'data/points.csv' })).toEqual({ ok: true, value: { path: 'data/points.csv', text: 'a,b\n' } })
  })
})

describe('saving to a folder', () => {
  it('says it is a folder and creates nothing inside or beside the root', async () => {
    const before = await readdir(join(root, '..'))
    expect(await actions.saveProject({ text: project, path: '.' })).toMatchObject({ ok: false, error: expect.stringMatching(/it is a folder/) })
    expect(await actions.saveProject({ text: project, path: 'data' })).toMatchObject({ ok: false, error: expect.stringMatching(/it is a folder/) })
    expect(await readdir(join(root, '..'))).toEqual(before)
    expect(await readdir(root)).toEqual(['data'])
  })
})
