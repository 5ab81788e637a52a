import { describe, expect, it } from 'vitest'
import { Random } from './random'

describe('Random', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const a = new Random(42)
    const b = new Random(42)
    const c = new Random(43)
    const seqA = Array.from({ length: 8 }, () => a.next())
    expect(Array.from({ length: 8 }, () => b.next())).toEqual(seqA)
    expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(seqA)
  })

  it('resumes exactly from a saved state', () => {
    const a = new Random(7)
    a.normal()
    const saved = a.getState()
    const expected = [a.normal(), a.next(), a.normal()]
    const b = Random.fromState(saved)
    expect([b.normal(), b.next(), b.normal()]).toEqual(expected)
  })

  it('draws uniforms in [0, 1) and normals with mean 0 and variance 1', () => {
    const r = new Random(1)
    let sum = 0
    let sumSq = 0
    const n = 20000
    for (let i = 0; i < n; i++) {
      const u = r.next()
      expect(u).toBeGreaterThanOrEqual(0)
      expect(u).toBeLessThan(1)
      const z = r.normal()
      sum += z
      sumSq += z * z
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03)
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.03)
  })

  it('shuffles into a permutation', () => {
    const values = Uint32Array.from({ length: 50 }, (_, i) => i)
    new Random(3).shuffle(values)
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect([...values]).not.toEqual(Array.from({ length: 50 }, (_, i) => i))
  })
})
