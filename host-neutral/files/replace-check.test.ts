// Save As, Save and Export over existing files, through the shared file actions.
import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { AutosaveStore } from './autosave-store'
import { confinedPathPolicy } from './confined-policy'
import { createFileActions, type PathPolicy } from './file-actions'
import { RecentFiles } from './recent-files'

const project = '{\n  "format": "backprop-studio/project",\n  "version": 1\n}\n'
const newer = project.replace('1', '1, "name": "newer"')
let root: string
let dataDir: string
const actionsWith = (policy: PathPolicy) => createFileActions(policy, new RecentFiles(dataDir), new AutosaveStore(dataDir))
beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'studio-replace-'))
  root = join(base, 'root')
  dataDir = join(base, 'data')
  await mkdir(root)
  await mkdir(dataDir)
  await writeFile(join(root, 'iris.csv'), 'a,b\n1,2\n')
  await writeFile(join(root, 'p.json'), project)
})
const content = (name: string) => readFile(join(root, name), 'utf8')

describe('replacing files in the browser host (no native dialog)', () => {
  it('Save As over an existing project asks, writes nothing, and replaces once the user agrees', async () => {
    const actions = actionsWith(confinedPathPolicy(root))
    const asked = await actions.saveProject({ text: newer, path: 'p.json', saveAs: true })
    expect(asked).toEqual({ ok: false, canceled: false, confirm: 'replace', path: 'p.json', error: '"p.json" already exists. Replace it?' })
    expect(await content('p.json')).toBe(project)
    expect(await actions.saveProject({ text: newer, path: 'p.json', replace: true })).toEqual({ ok: true, value: { path: 'p.json' } })
    expect(await content('p.json')).toBe(newer)
  })

  it('saving again to the project it came from does not ask', async () => {
    expect(await actionsWith(confinedPathPolicy(root)).saveProject({ text: newer, path: 'p.json' })).toEqual({ ok: true, value: { path: 'p.json' } })
  })

  it('says plainly when the file is not a project, even on a plain Save', async () => {
    const actions = actionsWith(confinedPathPolicy(root))
    for (const saveAs of [true, false]) {
      expect(await actions.saveProject({ text: project, path: 'iris.csv', saveAs })).toMatchObject({
        confirm: 'replace',
        error: '"iris.csv" is not a Backprop Studio project (it looks like CSV data). Replacing it with the project loses what it holds now.',
      })
    }
    expect(await content('iris.csv')).toBe('a,b\n1,2\n')
    expect(await actions.exportFile({ kind: 'metrics', text: 'epoch\n1\n', path: 'p.json' })).toMatchObject({ confirm: 'replace', error: expect.stringMatching(/is a Backprop Studio project/) })
    expect(await actions.exportFile({ kind: 'metrics', text: 'epoch\n1\n', path: 'iris.csv' })).toMatchObject({ confirm: 'replace', error: expect.stringMatching(/already exists/) })
    expect(await actions.exportFile({ kind: 'metrics', text: 'epoch\n1\n', path: 'new.csv' })).toEqual({ ok: true, value: { path: 'new.csv' } })
  })

  it('refuses a read-only file (mode 0444) by its mode bits, also for root and after "Replace"', async () => {
    await chmod(join(root, 'p.json'), 0o444)
    const actions = actionsWith(confinedPathPolicy(root))
    for (const request of [{ path: 'p.json' }, { path: 'p.json', saveAs: true }, { path: 'p.json', replace: true }]) {
      expect(await actions.saveProject({ text: newer, ...request })).toEqual({
        ok: false,
        canceled: false,
        error: '"p.json" is read-only, so it was not replaced. Save under another name, or make the file writable first.',
      })
    }
    expect(await content('p.json')).toBe(project)
    expect((await stat(join(root, 'p.json'))).mode & 0o777).toBe(0o444)
  })
})

describe('replacing files on the desktop (the native dialog asked already)', () => {
  const nativeLike = (): PathPolicy => ({ ...confinedPathPolicy(root), dialogAsksToReplace: true })

  it('does not ask twice about a project, but still says when the file is not one', async () => {
    const actions = actionsWith(nativeLike())
    expect(await actions.saveProject({ text: newer, path: 'p.json', saveAs: true })).toEqual({ ok: true, value: { path: 'p.json' } })
    expect(await actions.exportFile({ kind: 'weights', text: '[]', path: 'p.json' })).toMatchObject({ confirm: 'replace', error: expect.stringMatching(/is a Backprop Studio project\. Replacing it with the weights loses the project/) })
  })
})
