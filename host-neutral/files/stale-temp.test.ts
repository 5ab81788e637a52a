import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { removeStaleTempFiles } from './stale-temp'

it('removes stale temp files of ours down to the given depth, skipping hidden folders', async () => {
  const root = await mkdtemp(join(tmpdir(), 'studio-stale-'))
  await mkdir(join(root, 'a', 'b'), { recursive: true })
  await mkdir(join(root, '.git'))
  const stale = (folder: string) => join(folder, '.p.json.99999999-abcdefabcdef.tmp')
  for (const folder of [root, join(root, 'a'), join(root, 'a', 'b'), join(root, '.git')]) await writeFile(stale(folder), 'x')
  const dead = () => false
  expect((await removeStaleTempFiles(root, { depth: 1, isRunning: dead })).sort()).toEqual([stale(join(root, 'a')), stale(root)].sort())
  expect(await readdir(join(root, 'a', 'b'))).toHaveLength(1)
  expect(await readdir(join(root, '.git'))).toHaveLength(1)
  expect(await removeStaleTempFiles(join(root, 'missing'))).toEqual([])
})
