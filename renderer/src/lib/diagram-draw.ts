/**
 * Draws the network diagram on a canvas: links coloured by sign and sized by magnitude (batched
 * into a few paths, so thousands of links cost a few strokes), bias markers, and each unit as a
 * small heatmap of its output over the input plane.
 */
import type { WeightRef } from '../../../engine/protocol'
import { css, divergingColor, INK, NEGATIVE, POSITIVE, type Scheme } from './colors'
import { biasBox, linkSegment, type DiagramLayout } from './diagram-layout'

/** Per layer: the link values (rows × cols, W[i][j] at i·cols + j) and the bias values. */
export interface LinkValues {
  W: Float64Array[]
  b: Float64Array[]
}

const WIDTH_LEVELS = 6
/**
 * Links drawn per pair of columns at most: beyond it only the strongest are drawn (the rest
 * would be near-transparent hairlines that cost the rasterizer without showing anything).
 */
export const MAX_DRAWN_LINKS = 1200

/** The |value| at or above which the `keep` largest of `values` lie (0 when all are kept). */
export function magnitudeCutoff(values: Float64Array, keep: number): number {
  if (values.length <= keep) return 0
  const magnitudes = Float64Array.from(values, Math.abs).sort()
  return magnitudes[magnitudes.length - keep]
}

function scaleOf(values: LinkValues): number {
  let max = 0
  for (const layer of [...values.W, ...values.b]) for (const v of layer) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v)
  return max || 1
}

export function drawLinks(ctx: CanvasRenderingContext2D, layout: DiagramLayout, values: LinkValues | null, scheme: Scheme): void {
  drawBands(ctx, layout, scheme)
  const paths = new Map<string, Path2D>()
  const scale = values ? scaleOf(values) : 1
  const dense = layout.linkCount > 400
  for (let c = 1; c < layout.columns.length; c++) {
    const layer = c - 1
    const rows = layout.columns[c - 1].length
    const cols = layout.columns[c].length
    const W = values?.W[layer]
    const usable = W && W.length === rows * cols
    const cutoff = usable ? magnitudeCutoff(W, MAX_DRAWN_LINKS) : 0
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = usable ? W[i * cols + j] : 0
        if (cutoff > 0 && !(Math.abs(v) >= cutoff)) continue
        const level = usable ? Math.min(WIDTH_LEVELS - 1, Math.floor((Math.abs(v) / scale) * WIDTH_LEVELS)) : 0
        const key = `${v < 0 ? 'n' : usable ? 'p' : 'z'}${level}`
        let path = paths.get(key)
        if (!path) paths.set(key, (path = new Path2D()))
        const s = linkSegment(layout, layer, i, j)
        path.moveTo(s.x1, s.y1)
        path.lineTo(s.x2, s.y2)
      }
    }
  }
  // Dense diagrams draw 1-pixel lines (cheap to rasterize) and show magnitude by opacity alone.
  ctx.lineCap = dense ? 'butt' : 'round'
  for (const [key, path] of paths) {
    const level = Number(key.slice(1))
    const t = (level + 0.5) / WIDTH_LEVELS
    const color = key[0] === 'n' ? NEGATIVE : key[0] === 'p' ? POSITIVE : divergingColor(0, scheme)
    ctx.strokeStyle = css(color, key[0] === 'z' ? 0.8 : dense ? 0.08 + 0.7 * t * t : 0.35 + 0.65 * t)
    ctx.lineWidth = key[0] === 'z' || dense ? 1 : 0.8 + 5 * t
    ctx.stroke(path)
  }
}

/** The vertical extent of a column at its edge: its block, or its first to last unit. */
function columnSpan(layout: DiagramLayout, c: number): { x: number; top: number; bottom: number; half: number } | null {
  const block = layout.blocks[c]
  if (block) return { x: block.x + block.width / 2, top: block.y, bottom: block.y + block.height, half: block.width / 2 }
  const nodes = layout.columns[c]
  if (!nodes?.length) return null
  const half = layout.nodeSize / 2
  return { x: nodes[0].x, top: nodes[0].y, bottom: nodes[nodes.length - 1].y, half }
}

/**
 * The links into or out of a summary block, as one translucent band (counting them is the
 * block's job; drawing millions of hairlines would show nothing and cost seconds).
 */
export function drawBands(ctx: CanvasRenderingContext2D, layout: DiagramLayout, scheme: Scheme): void {
  ctx.fillStyle = css(divergingColor(0.25, scheme), scheme === 'dark' ? 0.35 : 0.45)
  for (let c = 1; c < layout.columns.length; c++) {
    if (!layout.blocks[c] && !layout.blocks[c - 1]) continue
    const from = columnSpan(layout, c - 1)
    const to = columnSpan(layout, c)
    if (!from || !to) continue
    ctx.beginPath()
    ctx.moveTo(from.x + from.half, from.top)
    ctx.lineTo(to.x - to.half, to.top)
    ctx.lineTo(to.x - to.half, to.bottom)
    ctx.lineTo(from.x + from.half, from.bottom)
    ctx.closePath()
    ctx.fill()
  }
}

export function drawBiases(ctx: CanvasRenderingContext2D, layout: DiagramLayout, values: LinkValues | null, scheme: Scheme): void {
  const scale = values ? scaleOf(values) : 1
  for (let c = 1; c < layout.columns.length; c++) {
    const b = values?.b[c - 1]
    for (let j = 0; j < layout.columns[c].length; j++) {
      const box = biasBox(layout, c - 1, j)
      const v = b && b.length === layout.columns[c].length ? b[j] : 0
      ctx.fillStyle = css(divergingColor(v / scale, scheme))
      ctx.fillRect(box.x, box.y, box.size, box.size)
      ctx.strokeStyle = INK[scheme].muted
      ctx.lineWidth = 0.6
      ctx.strokeRect(box.x, box.y, box.size, box.size)
    }
  }
}

/** Where each unit's heatmap is: a tile of a shared source canvas. */
export interface UnitTile {
  source: CanvasImageSource
  x: number
  y: number
  size: number
}

/** Per column (inputs first), the tile of each unit, or null for plain boxes. */
export type UnitImages = (UnitTile | null)[][]

export function drawUnits(ctx: CanvasRenderingContext2D, layout: DiagramLayout, images: UnitImages | null, scheme: Scheme): void {
  const s = layout.nodeSize
  ctx.imageSmoothingEnabled = true
  for (let c = 0; c < layout.columns.length; c++) {
    for (const node of layout.columns[c]) {
      const image = images?.[c]?.[node.unit]
      const x = node.x - s / 2
      const y = node.y - s / 2
      if (image) ctx.drawImage(image.source, image.x, image.y, image.size, image.size, x, y, s, s)
      else {
        ctx.fillStyle = css(divergingColor(0, scheme))
        ctx.fillRect(x, y, s, s)
      }
      ctx.strokeStyle = INK[scheme].muted
      ctx.lineWidth = 1
      ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1)
    }
  }
}

export function drawSelection(ctx: CanvasRenderingContext2D, layout: DiagramLayout, ref: WeightRef | null, accent: string): void {
  if (!ref || !layout.columns[ref.layer + 1]?.[ref.j]) return
  ctx.strokeStyle = accent
  ctx.lineWidth = 3
  if (ref.i === 'bias') {
    const box = biasBox(layout, ref.layer, ref.j)
    ctx.strokeRect(box.x - 2, box.y - 2, box.size + 4, box.size + 4)
    return
  }
  if (!layout.columns[ref.layer]?.[ref.i]) return
  const s = linkSegment(layout, ref.layer, ref.i, ref.j)
  ctx.beginPath()
  ctx.moveTo(s.x1, s.y1)
  ctx.lineTo(s.x2, s.y2)
  ctx.stroke()
}

/**
 * What the step-through or a divergence report points at: a layer's units (or one unit), or the
 * links into a layer, with the values shown beside each unit.
 */
export interface DiagramHighlight {
  /** −1 for the inputs, else the layer index (0 = first hidden layer). */
  layer: number
  /** One unit only, or all units of the layer when absent. */
  unit?: number
  /** The links into the layer (its dW) instead of its units. */
  links?: boolean
  /** A value per unit of the layer, written beside it. */
  values?: readonly number[]
  tone: 'step' | 'error'
}

const shortNumber = (v: number): string => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : v.toFixed(3))

export function drawHighlight(ctx: CanvasRenderingContext2D, layout: DiagramLayout, highlight: DiagramHighlight | null, scheme: Scheme): void {
  const column = highlight ? layout.columns[highlight.layer + 1] : undefined
  if (!highlight || !column) return
  const color = highlight.tone === 'error' ? '#d32f2f' : scheme === 'dark' ? '#ffd54a' : '#6a1b9a'
  const s = layout.nodeSize
  ctx.strokeStyle = color
  ctx.fillStyle = color
  ctx.lineWidth = 3
  if (highlight.links && layout.columns[highlight.layer]) {
    ctx.globalAlpha = 0.55
    for (const to of column) {
      for (let i = 0; i < layout.columns[highlight.layer].length; i++) {
        const seg = linkSegment(layout, highlight.layer, i, to.unit)
        ctx.beginPath()
        ctx.moveTo(seg.x1, seg.y1)
        ctx.lineTo(seg.x2, seg.y2)
        ctx.stroke()
      }
    }
    ctx.globalAlpha = 1
  }
  ctx.font = `${Math.max(9, Math.min(12, s * 0.45))}px system-ui, sans-serif`
  ctx.textBaseline = 'middle'
  for (const node of column) {
    if (highlight.unit !== undefined && node.unit !== highlight.unit) continue
    ctx.strokeRect(node.x - s / 2 - 3, node.y - s / 2 - 3, s + 6, s + 6)
    const value = highlight.values?.[node.unit]
    if (value === undefined) continue
    const text = shortNumber(value)
    const textWidth = ctx.measureText(text).width
    // Beside the unit on its right, or on its left where the right would run off the canvas (the output column).
    const right = node.x + s / 2 + 5
    const x = right + textWidth + 2 > layout.width ? node.x - s / 2 - 5 - textWidth : right
    const y = node.y - s / 2 + 2
    // A plate under the number keeps it readable over the links.
    ctx.fillStyle = scheme === 'dark' ? 'rgba(36, 37, 40, 0.9)' : 'rgba(255, 255, 255, 0.9)'
    ctx.fillRect(x - 2, y - 7, textWidth + 4, 14)
    ctx.fillStyle = color
    ctx.fillText(text, x, y)
  }
}
