import { describe, expect, it } from 'vitest'
import { confusionView, diagonal } from './confusion-view'
import { fitRange } from './fit-scatter'
import { galleryOrder, isMisclassified } from './gallery'
import { inputBars, strongestInput } from './input-bars'
import { atlasHit, atlasSize, paintWeightAtlas } from './weight-atlas'

describe('confusionView', () => {
  it('shades each count by its share of the true class and computes precision and recall by hand', () => {
    // Rows: true class. 8 of 10 A right, 2 called B; 5 of 5 B right.
    const view = confusionView([[8, 2], [0, 5]], ['A', 'B'])
    expect(view.rows.map((r) => r.cells.map((c) => c.share))).toEqual([[0.8, 0.2], [0, 1]])
    expect(view.rows.map((r) => r.recall)).toEqual(['80.0%', '100.0%'])
    // Precision of B: 5 of the 7 predicted B.
    expect(view.precision).toEqual(['100.0%', '71.4%'])
    expect(view.accuracy).toBe('86.7%')
    expect(view.rows[1].cells[0].background).toBe('transparent')
    expect(view.rows[0].cells[0].strong).toBe(true)
    expect(diagonal([[8, 2], [0, 5]])).toEqual([8, 5])
  })
})

describe('galleryOrder', () => {
  const evaluation = { task: 'classes' as const, target: Float64Array.from([0, 1, 2, 1]), predicted: Float64Array.from([0, 2, 2, 0]), loss: Float64Array.from([0.1, 2, 0.5, 3]) }
  it('sorts by loss, highest first, and filters the misclassified', () => {
    expect(galleryOrder(evaluation, false, 10)).toEqual({ indices: [3, 1, 2, 0], matching: 4 })
    expect(galleryOrder(evaluation, true, 10)).toEqual({ indices: [3, 1], matching: 2 })
    expect(galleryOrder(evaluation, false, 2).indices).toEqual([3, 1])
    expect(isMisclassified(evaluation, 2)).toBe(false)
  })
  it('puts NaN losses (a diverged network) first', () => {
    expect(galleryOrder({ ...evaluation, loss: Float64Array.from([0.1, NaN, 0.5, 3]) }, false, 10).indices[0]).toBe(1)
  })
})

describe('inputBars', () => {
  it('lists inputs by |dC/dx|, largest first, with shares of the largest', () => {
    const { bars, hidden } = inputBars([0.5, -2, 1], ['a', 'b', 'c'], 2)
    expect(bars.map((b) => [b.name, b.share])).toEqual([['b', 1], ['c', 0.5]])
    expect(hidden).toBe(1)
    expect(strongestInput([0.5, -2, 1])).toBe(1)
  })
})

describe('paintWeightAtlas', () => {
  it('draws unit j\'s incoming weights W[p][j] as its tile, each scaled by its own largest |w|', () => {
    // 2×1 images, 2 units: W rows = pixels, cols = units. Unit 0: [1, −1]; unit 1: [0, 4].
    const W = [1, 0, -1, 4]
    const shape = { width: 2, height: 1, tiles: 2, perRow: 2, gap: 1 }
    expect(atlasSize(shape)).toEqual({ width: 5, height: 1 })
    const pixels = new Uint8ClampedArray(5 * 4)
    paintWeightAtlas(pixels, W, 2, shape, 'light')
    const px = (x: number) => Array.from(pixels.subarray(x * 4, x * 4 + 3))
    expect(px(0)).toEqual([8, 119, 189]) // +1 of 1: full blue
    expect(px(1)).toEqual([245, 147, 34]) // −1: full orange
    expect(px(4)).toEqual([8, 119, 189]) // 4 of 4: full blue
    expect(pixels[2 * 4 + 3]).toBe(0) // the gap stays transparent
    expect(atlasHit(shape, 4.5, 0.5)).toEqual({ unit: 1, input: 1 })
    expect(atlasHit(shape, 2.5, 0.5)).toBeNull()
  })
})

describe('fitRange', () => {
  it('covers both true and predicted values, with a margin, ignoring non-finite ones', () => {
    const range = fitRange([0, 10], [5, NaN, 20])
    expect(range.min).toBeLessThan(0)
    expect(range.max).toBeGreaterThan(20)
    expect(range.max - range.min).toBeCloseTo(22)
  })
})
