/**
 * Paints a row-major grid of values (an input image, a unit's incoming weights, an input
 * gradient) into RGBA pixels: grey for pixel intensities in [0, 1], or the diverging
 * orange–neutral–blue map for signed values scaled by their largest magnitude.
 */
import { divergingLut, lutIndex, type Scheme } from './colors'

export type PixelMode = 'grey' | 'diverging'

export function largestMagnitude(values: ArrayLike<number>, from = 0, count = values.length - from): number {
  let max = 0
  for (let i = from; i < from + count; i++) {
    const v = Math.abs(values[i])
    if (v > max && Number.isFinite(v)) max = v
  }
  return max
}

/**
 * Writes `count` values starting at `from` into `pixels` (4 bytes each). Grey: 0 black, 1 white
 * (as MNIST is drawn). Diverging: ±scale at full colour (scale defaults to the largest |value|).
 */
export function paintPixels(pixels: Uint8ClampedArray, values: ArrayLike<number>, mode: PixelMode, scheme: Scheme, options: { from?: number; count?: number; scale?: number } = {}): void {
  const from = options.from ?? 0
  const count = options.count ?? values.length - from
  const scale = mode === 'diverging' ? options.scale || largestMagnitude(values, from, count) || 1 : 1
  const lut = divergingLut(scheme)
  for (let i = 0; i < count; i++) {
    const v = values[from + i]
    const o = i * 4
    if (mode === 'grey') {
      const g = Math.round(255 * Math.max(0, Math.min(1, Number.isFinite(v) ? v : 0)))
      pixels[o] = pixels[o + 1] = pixels[o + 2] = g
    } else {
      const k = lutIndex(v / scale)
      pixels[o] = lut[k]
      pixels[o + 1] = lut[k + 1]
      pixels[o + 2] = lut[k + 2]
    }
    pixels[o + 3] = 255
  }
}
