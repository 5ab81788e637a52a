/**
 * Paints grid values (row-major, x2 descending from the top, as the engine sends them) into
 * RGBA pixels: binary outputs around 0.5, regression values around 0 scaled by their range,
 * k classes as the colour of the winning class faded by its probability.
 */
import { divergingColor, fadedClassColor, type Rgb, type Scheme } from './colors'

export type HeatmapMode = 'probability' | 'signed' | 'classes'

export interface HeatmapInput {
  values: Float64Array
  /** Values per cell (outputs of the layer). */
  width: number
  /** Which of the `width` values (ignored for 'classes'). */
  channel: number
  cells: number
  mode: HeatmapMode
  discretize: boolean
  scheme: Scheme
  /** For 'signed': the value drawn at full colour (defaults to the largest |value|). */
  scale?: number
}

function put(pixels: Uint8ClampedArray, cell: number, [r, g, b]: Rgb): void {
  const o = cell * 4
  pixels[o] = r
  pixels[o + 1] = g
  pixels[o + 2] = b
  pixels[o + 3] = 255
}

export function maxAbs(values: Float64Array, width: number, channel: number, cells: number): number {
  let max = 0
  for (let c = 0; c < cells; c++) {
    const v = Math.abs(values[c * width + channel])
    if (v > max && Number.isFinite(v)) max = v
  }
  return max
}

export function paintHeatmap(pixels: Uint8ClampedArray, input: HeatmapInput): void {
  const { values, width, channel, cells, mode, discretize, scheme } = input
  if (mode === 'classes') {
    for (let c = 0; c < cells; c++) {
      let best = 0
      for (let k = 1; k < width; k++) if (values[c * width + k] > values[c * width + best]) best = k
      const p = values[c * width + best]
      put(pixels, c, fadedClassColor(best, discretize ? 0.7 : (0.85 * (p - 1 / width)) / (1 - 1 / width), scheme))
    }
    return
  }
  const scale = mode === 'signed' ? input.scale || maxAbs(values, width, channel, cells) || 1 : 1
  for (let c = 0; c < cells; c++) {
    const v = values[c * width + channel]
    let t = mode === 'probability' ? 2 * v - 1 : v / scale
    if (discretize) t = t >= 0 ? 1 : -1
    // A little short of full colour, so the data points stay visible on the background.
    put(pixels, c, divergingColor(t * (discretize ? 0.7 : 0.85), scheme))
  }
}
