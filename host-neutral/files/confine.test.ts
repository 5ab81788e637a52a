import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { displayRelative, PathRefusedError, resolveConfined } from './confine'

let root: string
let outside: string
beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'studio-confine-'))
  root = join(base, 'root')
  outside = join(base, 'outside')
  await mkdir(join(root, 'projects'), { recursive: true })
  await mkdir(outside)
  await writeFile(join(outside, 'secret.txt'), 'secret')
})

describe('resolveConfined', () => {
  it('resolves relative paths inside the root, existing or not', async () => {
    expect(await resolveConfined(root, 'projects/a.json')).toBe(join(root, 'projects', 'a.json'))
    expect(await resolveConfined(root, 'new-folder/b.json')).toBe(join(root, 'new-folder', 'b.json'))
  })

  it('accepts an absolute path inside the root', async () => {
    expect(await resolveConfined(root, join(root, 'projects', 'a.json'))).toBe(join(root, 'projects', 'a.json'))
  })

  it.each(['../outside/secret.txt', 'projects/../../outside/secret.txt', 'projects/..', '..'])('refuses %s', async (path) => {
    await expect(resolveConfined(root, path)).rejects.toThrow(/may not contain ".."/)
  })

  it('refuses absolute paths outside the root', async () => {
    await expect(resolveConfined(root, join(outside, 'secret.txt'))).rejects.toThrow(/outside the folder/)
    await expect(resolveConfined(root, '/etc/passwd')).rejects.toBeInstanceOf(PathRefusedError)
  })

  it('refuses a symbolic link that leads out of the root, and files below it', async () => {
    await symlink(outside, join(root, 'escape'))
    await symlink(join(outside, 'secret.txt'), join(root, 'secret-link.txt'))
    await expect(resolveConfined(root, 'escape/secret.txt')).rejects.toThrow(/symbolic link/)
    await expect(resolveConfined(root, 'escape/new.json')).rejects.toThrow(/symbolic link/)
    await expect(resolveConfined(root, 'secret-link.txt')).rejects.toThrow(/symbolic link/)
  })

  it('allows a symbolic link that stays inside the root', async () => {
    await symlink(join(root, 'projects'), join(root, 'shortcut'))
    expect(await resolveConfined(root, 'shortcut/a.json')).toBe(join(root, 'shortcut', 'a.json'))
  })

  it('refuses empty paths and NUL bytes', async () => {
    await expect(resolveConfined(root, '')).rejects.toThrow(/No file path/)
    await expect(resolveConfined(root, 'a\0b')).rejects.toThrow(/not a valid/)
  })
})

describe('displayRelative', () => {
  it('shows paths relative to the root with forward slashes', () => {
    expect(displayRelative(root, join(root, 'projects', 'a.json'))).toBe('projects/a.json')
  })
})
