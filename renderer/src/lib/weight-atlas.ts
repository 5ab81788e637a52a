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

/** Writes the atlas for W (rows × cols, W[i][j] at i·cols + j) into `pixels` (atlasSize × 4 bytes). */
export function paintWeightAtlas(pixels: Uint8ClampedArray, W: ArrayLike<number>, cols: number, shape: AtlasShape, scheme: Scheme): void {
  const size = atlasSize(shape)
  const count = shape.width * shape.height
  const lut = divergingLut(scheme)
  for (let j = 0; j < shape.tiles; j++) {
    let max = 0
    for (let p = 0; p < count; p++) {
      const v = Math.abs(W[p * cols + j])
      if (v > max && Number.isFinite(v)) max = v
    }
    const inverse = 1 / (max || 1)
    const x0 = (j % shape.perRow) * (shape.width + shape.gap)
    const y0 = Math.floor(j / shape.perRow) * (shape.height + shape.gap)
    for (let p = 0; p < count; p++) {
      const k = lutIndex(W[p * cols + j] * inverse)
      const o = ((y0 + Math.floor(p / shape.width)) * size.width + x0 + (p % shape.width)) * 4
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
