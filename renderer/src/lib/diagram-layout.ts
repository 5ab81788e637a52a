/**
 * Where the network diagram puts things: a column of units per layer (inputs first), links
 * between neighbouring columns, a bias marker per unit. Pure geometry, so the canvas drawing,
 * the accessible overlay and click hit-testing agree.
 */
import type { WeightRef } from '../../../engine/protocol'
import { parameterName, unitName, type NetworkNaming } from './names'

export interface DiagramNode {
  /** −1 for inputs, else the layer index (0 = first hidden layer). */
  layer: number
  unit: number
  x: number
  y: number
  name: string
}

/**
 * A column drawn as one block instead of a unit per element: an input image (784 pixels as one
 * 28 × 28 tile) or a layer with more units than are legible (a box with the count).
 */
export interface DiagramBlock {
  column: number
  x: number
  y: number
  width: number
  height: number
  count: number
  /** The input image's shape, when the block is the input layer of image data. */
  image?: { width: number; height: number }
}

export interface DiagramLayout {
  width: number
  height: number
  nodeSize: number
  /** Units drawn one by one, per column (inputs first); empty for a column drawn as a block. */
  columns: DiagramNode[][]
  /** Per column, its block when it is summarized, else null. */
  blocks: (DiagramBlock | null)[]
  linkCount: number
}

/** The input layer's shape, when the inputs are an image (pixels, drawn as one tile). */
export interface InputImage {
  width: number
  height: number
}

export interface Segment {
  x1: number
  y1: number
  x2: number
  y2: number
}

const PAD_X = 34
const PAD_Y = 16
/** The smallest unit drawn on its own, and the narrowest column gap: below it, a summary or a scroll. */
export const MIN_NODE = 10
export const MIN_SPACING = 42
const MAX_NAME_PAD = 130
const MIN_HEIGHT = 120

/** How many units a column may draw one by one in `maxHeight` pixels (more: a summary block). */
export function legibleUnits(maxHeight: number): number {
  return Math.max(1, Math.floor((maxHeight - 2 * PAD_Y) / (MIN_NODE * 1.3)))
}

function blockSize(count: number, spacing: number, image: InputImage | undefined, contentHeight: number, maxHeight: number): { width: number; height: number } {
  const width = Math.max(44, Math.min(96, Math.floor(spacing * 0.62)))
  if (image) return { width, height: Math.round((width * image.height) / image.width) }
  return { width: Math.min(width, 60), height: Math.min(maxHeight - 2 * PAD_Y, Math.max(120, contentHeight)) }
}

/**
 * Columns of units at most `maxHeight` tall; a column with more units than are legible, or image
 * inputs, becomes one block (so a 100,000-unit layer is one box, never 100,000 nodes). Columns
 * closer than MIN_SPACING widen the diagram past `width` (its host scrolls) rather than shrinking
 * the units to a strip.
 */
export function layoutDiagram(naming: NetworkNaming, width: number, maxHeight: number, image?: InputImage): DiagramLayout {
  const counts = [naming.inputNames.length, ...naming.units]
  const legible = legibleUnits(maxHeight)
  const summarized = counts.map((count, c) => count > legible || (c === 0 && !!image))
  const drawnInputs = summarized[0] ? [] : naming.inputNames.slice(0, counts[0])
  const longestName = drawnInputs.reduce((m, name) => Math.max(m, name.length), 0)
  const left = Math.max(PAD_X, Math.min(MAX_NAME_PAD, 6.5 * longestName + 14), summarized[0] ? 52 : 0)
  const right = Math.max(PAD_X, summarized.at(-1) ? 40 : 0)
  const gaps = Math.max(1, counts.length - 1)
  const diagramWidth = Math.max(width, left + right + gaps * MIN_SPACING)
  const spacing = (diagramWidth - left - right) / gaps
  const most = Math.max(1, ...counts.filter((_, c) => !summarized[c]))
  const fit = Math.floor((maxHeight - 2 * PAD_Y) / (most * 1.3))
  const nodeSize = Math.max(MIN_NODE, Math.min(36, fit, Math.floor(spacing * 0.48)))
  const gap = Math.max(2, Math.round(nodeSize * 0.3))
  const unitsHeight = counts.some((_, c) => !summarized[c]) ? most * nodeSize + (most - 1) * gap : 0
  const sizes = counts.map((count, c) => (summarized[c] ? blockSize(count, spacing, c === 0 ? image : undefined, unitsHeight, maxHeight) : null))
  const contentHeight = Math.max(unitsHeight, ...sizes.map((size) => (size ? size.height + 18 : 0)))
  // A short network still gets a diagram, not a strip.
  const height = Math.max(MIN_HEIGHT, contentHeight + 2 * PAD_Y)
  const xOf = (c: number) => (counts.length === 1 ? diagramWidth / 2 : left + c * spacing)
  const columns = counts.map((count, c) => {
    if (summarized[c]) return []
    const columnHeight = count * nodeSize + (count - 1) * gap
    const top = (height - columnHeight) / 2 + nodeSize / 2
    return Array.from({ length: count }, (_, unit) => ({ layer: c - 1, unit, x: xOf(c), y: top + unit * (nodeSize + gap), name: unitName(naming, c - 1, unit) }))
  })
  const blocks = sizes.map((size, c): DiagramBlock | null =>
    size ? { column: c, x: xOf(c) - size.width / 2, y: (height - size.height) / 2 - 8, ...size, count: counts[c], ...(c === 0 && image ? { image } : {}) } : null,
  )
  let linkCount = 0
  for (let c = 1; c < counts.length; c++) linkCount += counts[c - 1] * counts[c]
  return { width: diagramWidth, height, nodeSize, columns, blocks, linkCount }
}

/** The x of a column's centre (−1 for the inputs, else the layer index), for scrolling it into view. */
export function columnX(layout: DiagramLayout, layer: number): number | null {
  const c = layer + 1
  const block = layout.blocks[c]
  if (block) return block.x + block.width / 2
  return layout.columns[c]?.[0]?.x ?? null
}

/** The line of weight W[i][j] of `layer`: from the right edge of its input unit to the left edge of its unit. */
export function linkSegment(layout: DiagramLayout, layer: number, i: number, j: number): Segment {
  const from = layout.columns[layer][i]
  const to = layout.columns[layer + 1][j]
  const half = layout.nodeSize / 2
  return { x1: from.x + half, y1: from.y, x2: to.x - half, y2: to.y }
}

/** The bias marker of unit j of `layer`: a small square at the unit's lower left. */
export function biasBox(layout: DiagramLayout, layer: number, j: number): { x: number; y: number; size: number } {
  const node = layout.columns[layer + 1][j]
  const size = Math.max(5, Math.round(layout.nodeSize * 0.28))
  const half = layout.nodeSize / 2
  return { x: node.x - half - size - 1, y: node.y + half - size, size }
}

function distanceToSegment(px: number, py: number, s: Segment): number {
  const dx = s.x2 - s.x1
  const dy = s.y2 - s.y1
  const length = dx * dx + dy * dy
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - s.x1) * dx + (py - s.y1) * dy) / length))
  return Math.hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy))
}

/** The weight or bias under (x, y), within `tolerance` pixels, or null. */
export function hitTest(layout: DiagramLayout, x: number, y: number, tolerance = 4): WeightRef | null {
  let best: WeightRef | null = null
  let bestDistance = tolerance
  for (let c = 1; c < layout.columns.length; c++) {
    const layer = c - 1
    for (let j = 0; j < layout.columns[c].length; j++) {
      const box = biasBox(layout, layer, j)
      if (x >= box.x - 2 && x <= box.x + box.size + 2 && y >= box.y - 2 && y <= box.y + box.size + 2) return { layer, i: 'bias', j }
      for (let i = 0; i < layout.columns[c - 1].length; i++) {
        const distance = distanceToSegment(x, y, linkSegment(layout, layer, i, j))
        if (distance < bestDistance) {
          bestDistance = distance
          best = { layer, i, j }
        }
      }
    }
  }
  return best
}

export interface DiagramItem {
  ref: WeightRef
  key: string
  label: string
}

/** Every weight and bias in reading order: per layer, per unit, its bias then its incoming weights. */
export function parameterItems(layout: DiagramLayout, naming: NetworkNaming): DiagramItem[] {
  const items: DiagramItem[] = []
  for (let c = 1; c < layout.columns.length; c++) {
    const layer = c - 1
    for (let j = 0; j < layout.columns[c].length; j++) {
      const bias: WeightRef = { layer, i: 'bias', j }
      items.push({ ref: bias, key: `${layer}:b:${j}`, label: parameterName(naming, bias) })
      for (let i = 0; i < layout.columns[c - 1].length; i++) {
        const ref: WeightRef = { layer, i, j }
        items.push({ ref, key: `${layer}:${i}:${j}`, label: parameterName(naming, ref) })
      }
    }
  }
  return items
}
