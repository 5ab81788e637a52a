import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { listConfinedFolder } from './folder-listing'

let root: string
let outside: string
beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'studio-list-'))
  root = join(base, 'root')
  outside = join(base, 'outside')
  await mkdir(join(root, 'nets', 'old'), { recursive: true })
  await mkdir(join(root, 'data'))
  await mkdir(join(root, '.host-data'))
  await mkdir(outside)
  for (const name of ['b.json', 'a.json', 'notes.md', 'points.CSV', '.hidden.json']) await writeFile(join(root, name), '{}')
  await writeFile(join(root, 'nets', 'xor.json'), '{}')
  await writeFile(join(outside, 'secret.json'), '{}')
  await symlink(outside, join(root, 'escape'))
  await symlink(join(outside, 'secret.json'), join(root, 'leak.json'))
  await symlink(join(root, 'nets'), join(root, 'shortcut'))
})

describe('listing a folder of the root for the path dialog', () => {
  it('lists folders first, then the files of the kind asked for, by name; hidden ones and links out left out', async () => {
    expect(await listConfinedFolder(root, { path: '', kind: 'project' })).toEqual({
      ok: true,
      value: {
        path: '',
        truncated: false,
        entries: [
          { name: 'data', folder: true },
          { name: 'nets', folder: true },
          { name: 'shortcut', folder: true },
          { name: 'a.json', folder: false },
          { name: 'b.json', folder: false },
        ],
      },
    })
    expect(await listConfinedFolder(root, { path: '', kind: 'csv' })).toMatchObject({ value: { entries: expect.arrayContaining([{ name: 'points.CSV', folder: false }]) } })
    expect(await listConfinedFolder(root, { path: 'nets', kind: 'weights' })).toEqual({
      ok: true,
      value: { path: 'nets', truncated: false, entries: [{ name: 'old', folder: true }, { name: 'xor.json', folder: false }] },
    })
  })

  it('refuses folders outside the root, and names a missing one', async () => {
    expect(await listConfinedFolder(root, { path: '..', kind: 'project' })).toMatchObject({ ok: false, error: expect.stringMatching(/may not contain/) })
    expect(await listConfinedFolder(root, { path: 'escape', kind: 'project' })).toMatchObject({ ok: false, error: expect.stringMatching(/symbolic link/) })
    expect(await listConfinedFolder(root, { path: outside, kind: 'project' })).toMatchObject({ ok: false, error: expect.stringMatching(/outside the folder/) })
    expect(await listConfinedFolder(root, { path: 'missing', kind: 'project' })).toMatchObject({ ok: false, error: 'Could not open "missing": the file or its folder does not exist.' })
  })
})
