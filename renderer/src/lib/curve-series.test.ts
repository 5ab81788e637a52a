import { describe, expect, it } from 'vitest'
import { MinMaxSeries, smoothPoints } from './curve-series'

describe('MinMaxSeries', () => {
  it('keeps every point while there are few', () => {
    const s = new MinMaxSeries(100)
    for (let i = 0; i < 50; i++) s.add(i, Math.sin(i))
    expect(s.points.map((p) => p.x)).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })

  it('stays bounded over a million points and keeps every extreme, in step order', () => {
    const s = new MinMaxSeries(500)
    let min = { x: -1, y: Infinity }
    let max = { x: -1, y: -Infinity }
    const spikes = [123_457, 654_321, 999_998]
    for (let i = 0; i < 1_000_000; i++) {
      const y = spikes.includes(i) ? 50 + i / 1e6 : 1 / (1 + i / 1000) + 0.01 * Math.sin(i)
      s.add(i, y)
      if (y < min.y) min = { x: i, y }
      if (y > max.y) max = { x: i, y }
    }
    expect(s.points.length).toBeLessThanOrEqual(1000)
    expect(s.points.length).toBeGreaterThan(400)
    expect(s.count).toBe(1_000_000)
    for (const spike of spikes) expect(s.points.some((p) => p.x === spike)).toBe(true)
    expect(s.points).toContainEqual(min)
    expect(s.points).toContainEqual(max)
    for (let i = 1; i < s.points.length; i++) expect(s.points[i].x).toBeGreaterThan(s.points[i - 1].x)
  })

  it('keeps both the low and the high point of a merged bucket', () => {
    const s = new MinMaxSeries(2)
    ;[5, 1, 9, 3, 7, 2].forEach((y, x) => s.add(x, y))
    const ys = s.points.map((p) => p.y)
    expect(ys).toContain(1)
    expect(ys).toContain(9)
    expect(s.points.length).toBeLessThanOrEqual(4)
  })

  it('ignores non-finite values and counts versions', () => {
    const s = new MinMaxSeries(10)
    s.add(0, NaN)
    s.add(1, Infinity)
    expect(s.points).toEqual([])
    const v = s.version
    s.add(2, 1)
    expect(s.version).toBeGreaterThan(v)
    s.clear()
    expect(s.points).toEqual([])
    expect(s.count).toBe(0)
  })
})

describe('smoothPoints', () => {
  it('is the identity at weight 0 and debiased (no pull toward 0) otherwise', () => {
    const points = [1, 1, 1, 1].map((y, x) => ({ x, y }))
    expect(smoothPoints(points, 0)).toEqual(points)
    expect(smoothPoints(points, 0.9).map((p) => p.y)).toEqual([1, 1, 1, 1].map(() => expect.closeTo(1, 12)))
    const step = [0, 0, 10, 10].map((y, x) => ({ x, y }))
    const smooth = smoothPoints(step, 0.5).map((p) => p.y)
    expect(smooth[2]).toBeGreaterThan(0)
    expect(smooth[2]).toBeLessThan(10)
  })
})

describe('MinMaxSeries.truncateAfter', () => {
  it('forgets the points beyond a step, keeping the rest and the extremes before it', () => {
    const series = new MinMaxSeries(4)
    for (let x = 0; x < 40; x++) series.add(x, x % 7 === 3 ? 100 : x)
    series.truncateAfter(20)
    expect(series.points.every((p) => p.x <= 20)).toBe(true)
    expect(Math.max(...series.points.map((p) => p.y))).toBe(100)
    series.add(21, -5)
    expect(series.last).toEqual({ x: 21, y: -5 })
  })
})

