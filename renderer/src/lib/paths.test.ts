import { describe, expect, it } from 'vitest'
import { basename, dataLocation, dirname, rebaseDataPath, relativePath } from './paths'

describe('paths as hosts show them', () => {
  it('splits names and folders (relative, POSIX and Windows)', () => {
    expect(basename('runs/spiral.json')).toBe('spiral.json')
    expect(dirname('spiral.json')).toBe('.')
    expect(dirname('/home/a/b.json')).toBe('/home/a')
    expect(dirname('C:\\data\\p.json')).toBe('C:\\data')
  })

  it('finds a data file from its project and rebases it when the project moves', () => {
    expect(dataLocation('runs/p.json', '../data/x.csv')).toBe('data/x.csv')
    expect(dataLocation(null, 'data/x.csv')).toBe('data/x.csv')
    expect(relativePath('runs', 'data/x.csv')).toBe('../data/x.csv')
    expect(rebaseDataPath(null, 'runs/p.json', 'data/x.csv')).toBe('../data/x.csv')
    expect(rebaseDataPath('runs/p.json', 'p2.json', '../data/x.csv')).toBe('data/x.csv')
    expect(rebaseDataPath('/home/u/a/p.json', '/home/u/b/p.json', 'x.csv')).toBe('../a/x.csv')
  })
})
