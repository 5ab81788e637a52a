import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PathGrants } from './path-grants'

describe('PathGrants', () => {
  it('knows only the paths it was given, normalized, for what they were given', () => {
    const grants = new PathGrants()
    grants.grant('/home/u/nets/xor.json', 'project')
    expect(grants.has('/home/u/nets/../nets/xor.json', 'project')).toBe(true)
    expect(grants.has('/home/u/nets/xor.json', 'metrics')).toBe(false)
    expect(grants.has('/home/u/nets/other.json', 'project')).toBe(false)
    expect(grants.has('nets/xor.json', 'project')).toBe(false)
    expect(grants.has(undefined, 'project')).toBe(false)
  })

  it('resolves data files inside a granted project folder only: no "..", no absolute path, no link out', async () => {
    const base = await mkdtemp(join(tmpdir(), 'studio-grants-'))
    const project = join(base, 'nets', 'xor.json')
    await mkdir(join(base, 'nets', 'data'), { recursive: true })
    await writeFile(join(base, 'secret.csv'), 'a\n1\n')
    await symlink(join(base, 'secret.csv'), join(base, 'nets', 'data', 'link.csv'))
    const grants = new PathGrants()
    grants.grant(project, 'project')
    expect(await grants.resolveData(project, 'data/points.csv')).toBe(join(base, 'nets', 'data', 'points.csv'))
    await expect(grants.resolveData(project, '../secret.csv')).rejects.toThrow(/may not contain ".."/)
    await expect(grants.resolveData(project, join(base, 'secret.csv'))).rejects.toThrow(/relative to its own folder/)
    await expect(grants.resolveData(project, '/etc/passwd.txt')).rejects.toThrow(/relative to its own folder/)
    await expect(grants.resolveData(project, 'data/link.csv')).rejects.toThrow(/symbolic link/)
    await expect(grants.resolveData(project, '../../../etc/shadow')).rejects.toThrow(/must end in/)
    await expect(grants.resolveData(join(base, 'other.json'), 'points.csv')).rejects.toThrow(/not opened/)
    // A CSV the user chose in this session may sit anywhere.
    grants.grant(join(base, 'secret.csv'), 'csv')
    expect(await grants.resolveData(project, '../secret.csv')).toBe(join(base, 'secret.csv'))
  })

  it('reads a data file without a project only when it was chosen as data', async () => {
    const grants = new PathGrants()
    grants.grant('/home/u/points.csv', 'metrics')
    await expect(grants.resolveData(null, '/home/u/points.csv')).rejects.toThrow(/Import CSV/)
    grants.grant('/home/u/points.csv', 'csv')
    expect(await grants.resolveData(null, '/home/u/points.csv')).toBe('/home/u/points.csv')
  })
})
