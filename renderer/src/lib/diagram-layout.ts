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

export interface DiagramLayout {
  width: number
  height: number
  nodeSize: number
  columns: DiagramNode[][]
  linkCount: number
}

export interface Segment {
  x1: number
  y1: number
  x2: number
  y2: number
}

const PAD_X = 34
const PAD_Y = 16

export function layoutDiagram(naming: NetworkNaming, width: number, maxHeight: number): DiagramLayout {
  const counts = [naming.inputNames.length, ...naming.units]
  const most = Math.max(...counts)
  const spacing = (width - 2 * PAD_X) / Math.max(1, counts.length - 1)
  const fit = Math.floor((maxHeight - 2 * PAD_Y) / (most * 1.3))
  const nodeSize = Math.max(8, Math.min(36, fit, Math.floor(spacing * 0.38)))
  const gap = Math.max(2, Math.round(nodeSize * 0.3))
  const height = most * nodeSize + (most - 1) * gap + 2 * PAD_Y
  const columns = counts.map((count, c) => {
    const columnHeight = count * nodeSize + (count - 1) * gap
    const top = (height - columnHeight) / 2 + nodeSize / 2
    const x = counts.length === 1 ? width / 2 : PAD_X + c * spacing
    return Array.from({ length: count }, (_, unit) => ({ layer: c - 1, unit, x, y: top + unit * (nodeSize + gap), name: unitName(naming, c - 1, unit) }))
  })
  let linkCount = 0
  for (let c = 1; c < counts.length; c++) linkCount += counts[c - 1] * counts[c]
  return { width, height, nodeSize, columns, linkCount }
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
