// The writer lives in engine/node (the CLI writes atomically too); both hosts share it.
import { fork } from 'node:child_process'
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bundleForChild, removeChildBundle } from '../test-support/bundle-for-child'
import { TEMP_FILE_NAME, tempPathFor, writeFileAtomic } from '../../engine/node/atomic-write'
import { removeStaleTempFiles } from './stale-temp'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-atomic-'))
})

describe('writeFileAtomic', () => {
  it('creates a file and replaces it whole, leaving no temp file', async () => {
    const target = join(dir, 'project.json')
    await writeFileAtomic(target, '{"v":1}')
    await writeFileAtomic(target, '{"v":2}')
    expect(await readFile(target, 'utf8')).toBe('{"v":2}')
    expect(await readdir(dir)).toEqual(['project.json'])
  })

  it('keeps the permission bits of the file it replaces', async () => {
    const target = join(dir, 'private.json')
    await writeFile(target, 'old')
    await chmod(target, 0o600)
    await writeFileAtomic(target, 'new')
    expect((await stat(target)).mode & 0o777).toBe(0o600)
  })

  it('leaves the old file and no temp file when the write fails', async () => {
    const target = join(dir, 'project.json')
    await writeFile(target, 'old')
    await expect(
      writeFileAtomic(target, 'new', {
        beforeRename: async () => {
          throw new Error('disk vanished')
        },
      }),
    ).rejects.toThrow('disk vanished')
    expect(await readFile(target, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['project.json'])
  })

  it('refuses a folder as the target before creating anything, beside it or in it', async () => {
    await mkdir(join(dir, 'root'))
    await expect(writeFileAtomic(join(dir, 'root'), 'x')).rejects.toMatchObject({ code: 'EISDIR' })
    expect(await readdir(dir)).toEqual(['root'])
    expect(await readdir(join(dir, 'root'))).toEqual([])
  })

  it('writes through a symbolic link: the link stays, its target gets the content', async () => {
    await writeFile(join(dir, 'real.json'), 'old')
    await symlink(join(dir, 'real.json'), join(dir, 'link.json'))
    await writeFileAtomic(join(dir, 'link.json'), 'new')
    expect((await lstat(join(dir, 'link.json'))).isSymbolicLink()).toBe(true)
    expect(await readFile(join(dir, 'real.json'), 'utf8')).toBe('new')
    expect((await readdir(dir)).sort()).toEqual(['link.json', 'real.json'])
  })

  it('names its temp file after the writing process', () => {
    const name = tempPathFor(join(dir, 'p.json'), 4242).slice(dir.length + 1)
    expect(TEMP_FILE_NAME.exec(name)?.[1]).toBe('4242')
    expect(name.startsWith('.p.json.')).toBe(true)
  })

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('writeFileAtomic in a process killed between write and rename', () => {
  let childScript: string
  beforeAll(async () => {
    childScript = await bundleForChild(join(import.meta.dirname, 'atomic-write.child.ts'))
  }, 60_000)
  afterAll(() => removeChildBundle(childScript))

  function runChild(args: string[]) {
    const child = fork(childScript, args, { stdio: 'pipe' })
    const firstMessage = new Promise<{ paused?: string; done?: boolean }>((resolve, reject) => {
      child.once('message', (message) => resolve(message as { paused?: string; done?: boolean }))
      child.once('exit', (code) => reject(new Error(`child exited (${code}) without a message`)))
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    return { child, firstMessage, exited }
  }

  it('keeps the old content intact', async () => {
    const target = join(dir, 'project.json')
    await writeFile(target, '{"old":true}')
    const run = runChild([target, '{"new":true}', 'pause-before-rename'])
    const { paused } = await run.firstMessage
    // The new content is complete on disk, in the temp file, when the writer dies.
    expect(await readFile(paused!, 'utf8')).toBe('{"new":true}')
    run.child.kill('SIGKILL')
    expect(await run.exited).toBe('SIGKILL')
    expect(await readFile(target, 'utf8')).toBe('{"old":true}')
    // The next start removes what the killed writer left, and nothing else.
    await writeFile(join(dir, `.other.json.${process.pid}-0123456789ab.tmp`), 'a save in progress (this process)')
    await writeFile(join(dir, '.notes.tmp'), 'not ours')
    expect(await removeStaleTempFiles(dir)).toEqual([paused])
    expect((await readdir(dir)).sort()).toEqual(['.notes.tmp', `.other.json.${process.pid}-0123456789ab.tmp`, 'project.json'])
  })

  it('replaces the file when the writer is not interrupted', async () => {
    const target = join(dir, 'project.json')
    await writeFile(target, '{"old":true}')
    const run = runChild([target, '{"new":true}', 'no-pause'])
    expect(await run.firstMessage).toEqual({ done: true })
    await run.exited
    expect(await readFile(target, 'utf8')).toBe('{"new":true}')
  })
})
