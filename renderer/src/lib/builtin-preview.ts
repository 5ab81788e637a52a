/** Draws a built-in data set's thumbnail (engine/data/builtin-files.ts): a grid of digits, or a scatter of two columns. */
import { BUILTIN_PREVIEWS } from '../../../engine/data/builtin-files'
import type { BuiltinName } from '../../../engine/data/builtin-catalog'
import { drawScatter } from './scatter'
import type { Scheme } from './colors'

const base64ToBytes = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** The thumbnail's images as grey pixels (white digits on black, as MNIST shows them). */
function drawImages(ctx: CanvasRenderingContext2D, preview: { width: number; height: number; count: number; pixels: string }, size: number): void {
  const bytes = base64ToBytes(preview.pixels)
  const columns = Math.ceil(Math.sqrt(preview.count))
  const rows = Math.ceil(preview.count / columns)
  const image = new ImageData(columns * preview.width, rows * preview.height)
  for (let s = 0; s < preview.count; s++) {
    const ox = (s % columns) * preview.width
    const oy = Math.floor(s / columns) * preview.height
    for (let p = 0; p < preview.width * preview.height; p++) {
      const v = bytes[s * preview.width * preview.height + p]
      const at = 4 * ((oy + Math.floor(p / preview.width)) * image.width + ox + (p % preview.width))
      image.data.set([v, v, v, 255], at)
    }
  }
  const tile = document.createElement('canvas')
  tile.width = image.width
  tile.height = image.height
  tile.getContext('2d')?.putImageData(image, 0, 0)
  ctx.fillStyle = '#000'
  ctx.fillRect(0, 0, size, size)
  ctx.imageSmoothingEnabled = false
  const scale = size / Math.max(image.width, image.height)
  ctx.drawImage(tile, (size - image.width * scale) / 2, (size - image.height * scale) / 2, image.width * scale, image.height * scale)
}

export function drawBuiltinPreview(ctx: CanvasRenderingContext2D, name: BuiltinName, size: number, scheme: Scheme): void {
  const preview = BUILTIN_PREVIEWS[name]
  if (preview.kind === 'images') return drawImages(ctx, preview, size)
  const bytes = base64ToBytes(preview.points)
  let k = 1
  for (let i = 0; i < preview.count; i++) k = Math.max(k, bytes[3 * i + 2] + 1)
  const points = new Float64Array(2 * preview.count)
  // Two classes: one 0/1 target; more: one-hot; one (the regression set, a column against its target): all class 0.
  const width = k > 2 ? k : 1
  const targets = new Float64Array(preview.count * width)
  for (let i = 0; i < preview.count; i++) {
    points[2 * i] = bytes[3 * i]
    points[2 * i + 1] = bytes[3 * i + 1]
    if (width > 1) targets[i * width + bytes[3 * i + 2]] = 1
    else targets[i] = bytes[3 * i + 2]
  }
  drawScatter(ctx, [{ points, targets, k: width, regression: false }], { bounds: [-12, 267, -12, 267], width: size, height: size, radius: 1.4, scheme })
}
