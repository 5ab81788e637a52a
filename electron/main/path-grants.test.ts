import { describe, expect, it } from 'vitest'
import { PathGrants } from './path-grants'

describe('PathGrants', () => {
  it('knows only the paths it was given, normalized', () => {
    const grants = new PathGrants()
    grants.grant('/home/u/nets/xor.json')
    expect(grants.has('/home/u/nets/../nets/xor.json')).toBe(true)
    expect(grants.has('/home/u/nets/other.json')).toBe(false)
    expect(grants.has('nets/xor.json')).toBe(false)
    expect(grants.has(undefined)).toBe(false)
  })

  it('resolves data files relative to a granted project, CSV-like only', () => {
    const grants = new PathGrants()
    grants.grant('/home/u/nets/xor.json')
    expect(grants.resolveData('/home/u/nets/xor.json', '../data/points.csv')).toBe('/home/u/data/points.csv')
    expect(() => grants.resolveData('/home/u/nets/xor.json', '../../../etc/shadow')).toThrow(/must end in/)
    expect(() => grants.resolveData('/home/u/other.json', 'points.csv')).toThrow(/not opened/)
  })

  it('reads a data file without a project only when it was chosen', () => {
    const grants = new PathGrants()
    expect(() => grants.resolveData(null, '/home/u/points.csv')).toThrow(/Import CSV/)
    grants.grant('/home/u/points.csv')
    expect(grants.resolveData(null, '/home/u/points.csv')).toBe('/home/u/points.csv')
  })
})
