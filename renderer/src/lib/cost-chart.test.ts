import { describe, expect, it } from 'vitest'
import { flooredMin, xRange } from './cost-chart'

const pts = (...xs: number[]) => xs.map((x) => ({ x, y: 1 }))

describe('xRange', () => {
  it('spans the current run only: a previous run (optional overlay) never widens the axis', () => {
    const lines = [{}, { optional: true }]
    expect(xRange(lines, [pts(1, 50, 120), pts(1, 50_000, 100_000)])).toEqual({ min: 0, max: 120 })
  })

  it('shows no old range right after a Reset (only the overlay has points)', () => {
    expect(xRange([{}, { optional: true }], [[], pts(1, 100_000)])).toEqual({ min: 0, max: 1 })
  })

  it('covers every current line (train per step, test per epoch)', () => {
    expect(xRange([{}, {}], [pts(3, 10), pts(5, 40)])).toEqual({ min: 0, max: 40 })
    expect(xRange([{}], [pts(0)])).toEqual({ min: 0, max: 1 })
  })
})

describe('flooredMin', () => {
  it('clips an unbounded metric at its floor only when a value lies below it', () => {
    expect(flooredMin([[{ x: 1, y: -3.69e165 }, { x: 2, y: 0.5 }]], -1)).toBe(-1)
    expect(flooredMin([[{ x: 1, y: -0.3 }]], -1)).toBeUndefined()
    expect(flooredMin([[{ x: 1, y: -5 }]], undefined)).toBeUndefined()
  })
})
