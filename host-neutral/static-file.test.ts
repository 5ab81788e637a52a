import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { readServableFile } from './static-file'

let root: string
let outside: string
beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'studio-static-'))
  root = join(base, 'renderer')
  outside = join(base, 'secret.txt')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html>')
  await writeFile(outside, 'secret')
})

describe('serving the renderer folder', () => {
  it('serves regular files under the folder, and links that stay inside it', async () => {
    await symlink(join(root, 'index.html'), join(root, 'assets', 'again.html'))
    expect(String(await readServableFile(root, join(root, 'index.html')))).toBe('<!doctype html>')
    expect(String(await readServableFile(root, join(root, 'assets', 'again.html')))).toBe('<!doctype html>')
  })

  it('refuses a symbolic link out of the folder (file or folder), a folder and a missing file', async () => {
    await symlink(outside, join(root, 'leak.txt'))
    await symlink(join(outside, '..'), join(root, 'up'))
    expect(await readServableFile(root, join(root, 'leak.txt'))).toBeNull()
    expect(await readServableFile(root, join(root, 'up', 'secret.txt'))).toBeNull()
    expect(await readServableFile(root, join(root, 'assets'))).toBeNull()
    expect(await readServableFile(root, join(root, 'missing.js'))).toBeNull()
  })

  it('answers a FIFO at once instead of blocking on it', async () => {
    execFileSync('mkfifo', [join(root, 'pipe.js')])
    expect(await readServableFile(root, join(root, 'pipe.js'))).toBeNull()
  }, 5_000)
})
