import { describe, expect, it } from 'vitest'
import { SYNTHETIC_NAMES, type SyntheticName } from '../project/types'
import type { Dataset } from './dataset'
import { generateSynthetic, syntheticKind, syntheticOutputs } from './synthetic'

const generate = (name: SyntheticName, seed = 1, samples = 400, noise = 0.2, classes?: number): Dataset =>
  generateSynthetic(name, { samples, noise, seed, classes })

/** Rows per class, from one-hot or 0/1 targets. */
function classCounts(data: Dataset): number[] {
  if (data.kind === 'binary') {
    const ones = data.Y.reduce((sum, y) => sum + y, 0)
    return [data.n - ones, ones]
  }
  const counts = new Array<number>(data.k).fill(0)
  for (let i = 0; i < data.n; i++) counts[data.Y.subarray(i * data.k, (i + 1) * data.k).indexOf(1)]++
  return counts
}

describe('synthetic data sets', () => {
  it.each(SYNTHETIC_NAMES)('%s is the same for a seed and differs across seeds', (name) => {
    const a = generate(name, 7)
    const b = generate(name, 7)
    const c = generate(name, 8)
    expect(b.X).toEqual(a.X)
    expect(b.Y).toEqual(a.Y)
    expect(c.X).not.toEqual(a.X)
  })

  it.each(SYNTHETIC_NAMES)('%s has the right shape, kind and names', (name) => {
    const data = generate(name, 3, 301)
    const k = syntheticOutputs(name)
    expect(data.kind).toBe(syntheticKind(name))
    expect([data.n, data.d, data.k]).toEqual([301, 2, k])
    expect(data.X.length).toBe(602)
    expect(data.Y.length).toBe(301 * k)
    expect(data.inputNames).toEqual(['x1', 'x2'])
    expect(data.points).toEqual(data.X)
    for (const v of data.X) {
      expect(Number.isFinite(v)).toBe(true)
      expect(Math.abs(v)).toBeLessThan(12)
    }
  })

  it.each(SYNTHETIC_NAMES)('%s points span roughly [-6, 6]', (name) => {
    const data = generate(name, 5, 2000, 0)
    const extent = data.X.reduce((max, v) => Math.max(max, Math.abs(v)), 0)
    expect(extent).toBeGreaterThan(3)
    expect(extent).toBeLessThanOrEqual(6.5)
  })

  it('gives binary sets 0/1 targets, classes 0 and 1, and balanced classes', () => {
    for (const name of ['circle', 'xor', 'gaussian', 'spiral'] as const) {
      const data = generate(name, 11, 1000, 0.3)
      expect(data.classes).toEqual(['0', '1'])
      expect(data.targetNames).toEqual(['y'])
      expect(data.Y.every((y) => y === 0 || y === 1)).toBe(true)
      const [zeros, ones] = classCounts(data)
      expect(Math.min(zeros, ones) / data.n).toBeGreaterThan(0.35)
    }
  })

  it('labels noiseless circle and xor by their geometry', () => {
    const circle = generate('circle', 2, 500, 0)
    const xor = generate('xor', 2, 500, 0)
    for (let i = 0; i < 500; i++) {
      expect(circle.Y[i]).toBe(Math.hypot(circle.X[2 * i], circle.X[2 * i + 1]) < 2.5 ? 1 : 0)
      expect(xor.Y[i]).toBe(xor.X[2 * i] * xor.X[2 * i + 1] >= 0 ? 1 : 0)
    }
  })

  it('flips some circle labels with noise', () => {
    const data = generate('circle', 2, 2000, 1)
    let flipped = 0
    for (let i = 0; i < data.n; i++) flipped += data.Y[i] !== (Math.hypot(data.X[2 * i], data.X[2 * i + 1]) < 2.5 ? 1 : 0) ? 1 : 0
    expect(flipped).toBeGreaterThan(50)
  })

  it.each(['k-class-spiral', 'k-class-gaussian'] as const)('%s makes k one-hot classes of equal size', (name) => {
    for (const k of [2, 3, 10]) {
      const data = generate(name, 4, 100 * k, 0.1, k)
      expect(data.kind).toBe('multiclass')
      expect(data.k).toBe(k)
      expect(data.classes).toEqual(Array.from({ length: k }, (_, c) => `class ${c}`))
      expect(data.targetNames).toEqual(data.classes)
      expect(classCounts(data)).toEqual(new Array(k).fill(100))
    }
  })

  it('defaults k-class sets to 3 classes and refuses other counts', () => {
    expect(generate('k-class-gaussian').k).toBe(3)
    expect(() => generate('k-class-spiral', 1, 10, 0, 11)).toThrow('classes must be an integer from 2 to 10, got 11')
    expect(() => generate('k-class-spiral', 1, 10, 0, 1)).toThrow('classes must be an integer from 2 to 10, got 1')
  })

  it('gives regression sets one varied target: the plane within 1.2 + 0.6·noise, the bumps within 1', () => {
    for (const [name, bound] of [['regression-plane', 1.2 + 0.6 * 0.5], ['regression-gaussian', 1]] as const) {
      const data = generate(name, 9, 1000, 0.5)
      expect(data.classes).toBeUndefined()
      expect(data.targetNames).toEqual(['y'])
      const values = [...data.Y]
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound)
      expect(new Set(values).size).toBeGreaterThan(100)
    }
  })

  it('makes the noiseless plane y = (x1 + x2) / 10', () => {
    const data = generate('regression-plane', 3, 50, 0)
    for (let i = 0; i < 50; i++) expect(data.Y[i]).toBeCloseTo((data.X[2 * i] + data.X[2 * i + 1]) / 10, 12)
  })

  it('spreads gaussian blobs more with more noise', () => {
    const spread = (noise: number) => {
      const data = generate('gaussian', 6, 2000, noise)
      let sum = 0
      for (let i = 0; i < data.n; i++) sum += Math.abs(data.X[2 * i] - (data.Y[i] === 1 ? 2 : -2))
      return sum / data.n
    }
    expect(spread(1)).toBeGreaterThan(2 * spread(0))
  })

  it('refuses bad sample counts and noise', () => {
    expect(() => generate('xor', 1, 0)).toThrow('samples must be a positive integer, got 0')
    expect(() => generate('xor', 1, 2.5)).toThrow('samples must be a positive integer, got 2.5')
    expect(() => generate('xor', 1, 10, 1.5)).toThrow('noise must be between 0 and 1, got 1.5')
  })
})
