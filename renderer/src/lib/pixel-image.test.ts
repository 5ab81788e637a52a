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
    expect(Array.from(pixels.subarray(0, 3))).toEqual(Array.from(Uint8ClampedArray.from(divergingColor(-1, 'dark'))))
    expect(Array.from(pixels.subarray(4, 7))).toEqual(Array.from(Uint8ClampedArray.from(divergingColor(0.5, 'dark'))))
    expect(largestMagnitude(values, 1, 3)).toBe(2)
  })
})
