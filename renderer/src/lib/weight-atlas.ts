/**
 * The first layer's incoming weights of each unit as an image (image data): unit j's weights
 * W[p][j] over the input pixels p, laid out as the image, each tile on the diverging map scaled
 * by its own largest |w|. All tiles go into one RGBA atlas (one canvas, one putImageData).
 */
import { divergingLut, lutIndex, type Scheme } from './colors'

export interface AtlasShape {
  /** Image width and height in pixels (rows of W = width · height). */
  width: number
  height: number
  /** Tiles drawn (units), and tiles per atlas row. */
  tiles: number
  perRow: number
  /** Pixels between tiles. */
  gap: number
}

export function atlasSize(shape: AtlasShape): { width: number; height: number } {
  const rows = Math.ceil(shape.tiles / shape.perRow)
  return { width: shape.perRow * (shape.width + shape.gap) - shape.gap, height: rows * (shape.height + shape.gap) - shape.gap }
}

/**
 * Writes the atlas for W (rows × cols, W[i][j] at i·cols + j) into `pixels` (atlasSize × 4 bytes).
 * W is read row by row (contiguous; a unit's column would stride through memory), so a
 * 784 × 128 layer paints in a few milliseconds.
 */
export function paintWeightAtlas(pixels: Uint8ClampedArray, W: ArrayLike<number>, cols: number, shape: AtlasShape, scheme: Scheme): void {
  const size = atlasSize(shape)
  const count = shape.width * shape.height
  const tiles = shape.tiles
  const lut = divergingLut(scheme)
  const max = new Float64Array(tiles)
  for (let p = 0; p < count; p++) {
    const row = p * cols
    for (let j = 0; j < tiles; j++) {
      const v = Math.abs(W[row + j])
      if (v > max[j] && v !== Infinity) max[j] = v
    }
  }
  const inverse = max.map((m) => 1 / (m || 1))
  // Where each tile's top-left pixel is in the atlas (as a byte offset).
  const origin = Int32Array.from({ length: tiles }, (_, j) => (Math.floor(j / shape.perRow) * (shape.height + shape.gap) * size.width + (j % shape.perRow) * (shape.width + shape.gap)) * 4)
  for (let p = 0; p < count; p++) {
    const row = p * cols
    const offset = (Math.floor(p / shape.width) * size.width + (p % shape.width)) * 4
    for (let j = 0; j < tiles; j++) {
      const k = lutIndex(W[row + j] * inverse[j])
      const o = origin[j] + offset
      pixels[o] = lut[k]
      pixels[o + 1] = lut[k + 1]
      pixels[o + 2] = lut[k + 2]
      pixels[o + 3] = 255
    }
  }
}

/** The unit and input pixel under atlas point (x, y) in atlas pixels, or null in a gap or past the tiles. */
export function atlasHit(shape: AtlasShape, x: number, y: number): { unit: number; input: number } | null {
  const tx = Math.floor(x / (shape.width + shape.gap))
  const ty = Math.floor(y / (shape.height + shape.gap))
  const px = Math.floor(x - tx * (shape.width + shape.gap))
  const py = Math.floor(y - ty * (shape.height + shape.gap))
  const unit = ty * shape.perRow + tx
  if (tx < 0 || ty < 0 || tx >= shape.perRow || px >= shape.width || py >= shape.height || unit >= shape.tiles) return null
  return { unit, input: py * shape.width + px }
}
