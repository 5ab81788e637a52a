import { describe, expect, it } from 'vitest'
import { divergingColor } from './colors'
import { largestMagnitude, paintPixels } from './pixel-image'

describe('paintPixels', () => {
  it('draws intensities as grey, 0 black and 1 white, clamped', () => {
    const pixels = new Uint8ClampedArray(4 * 3)
    paintPixels(pixels, [0, 0.5, 7], 'grey', 'light')
    expect(Array.from(pixels)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255])
  })

  it('draws signed values on the diverging map, scaled by the largest magnitude of the slice', () => {
    const values = [100, -2, 1, 0]
    const pixels = new Uint8ClampedArray(4 * 3)
    paintPixels(pixels, values, 'diverging', 'dark', { from: 1, count: 3 })
    // Through the map's 511-step table: within one level of the exact colour.
    const near = (got: Uint8ClampedArray, want: readonly number[]) => want.forEach((w, c) => expect(Math.abs(got[c] - w)).toBeLessThanOrEqual(1))
    near(pixels.subarray(0, 3), divergingColor(-1, 'dark'))
    near(pixels.subarray(4, 7), divergingColor(0.5, 'dark'))
    near(pixels.subarray(8, 11), divergingColor(0, 'dark'))
    expect(largestMagnitude(values, 1, 3)).toBe(2)
  })
})
