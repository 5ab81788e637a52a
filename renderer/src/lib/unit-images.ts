/**
 * The small heatmap of every unit of the diagram: each unit's output over the 2-D input plane
 * (from the engine's prediction grid with neurons), and each input feature's value (computed
 * here). Canvases are pooled: a refresh repaints them, it does not create new ones.
 */
import { featureValue } from '../../../engine/data/features'
import type { ActivationName } from '../../../engine/nn/activations'
import type { PredictionGrid } from '../../../engine/protocol'
import type { FeatureName } from '../../../engine/project/types'
import type { Scheme } from './colors'
import type { UnitImages } from './diagram-draw'
import { paintHeatmap, type HeatmapMode } from './heatmap'

/** Values of each feature over a res × res grid of the bounds (rows from the top, x2 descending). */
export function featureGrids(features: readonly FeatureName[], bounds: readonly [number, number, number, number], res: number): Float64Array[] {
  const [x1min, x1max, x2min, x2max] = bounds
  return features.map((feature) => {
    const values = new Float64Array(res * res)
    for (let cell = 0; cell < res * res; cell++) {
      const x1 = x1min + ((cell % res) + 0.5) * ((x1max - x1min) / res)
      const x2 = x2max - (Math.floor(cell / res) + 0.5) * ((x2max - x2min) / res)
      values[cell] = featureValue(feature, x1, x2)
    }
    return values
  })
}

/** A unit under the pointer in the diagram: which one, and where its square's top right corner is on screen. */
export interface HoveredUnit {
  /** −1 for inputs, else the layer (0 = first hidden layer). */
  layer: number
  unit: number
  name: string
  x: number
  y: number
}

/** How a layer's outputs are coloured: probabilities around 0.5, the others signed around 0. */
export function modeOf(activation: ActivationName): { mode: HeatmapMode; scale?: number } {
  if (activation === 'sigmoid' || activation === 'softmax') return { mode: 'probability' }
  if (activation === 'tanh' || activation === 'sine') return { mode: 'signed', scale: 1 }
  return { mode: 'signed' }
}

/**
 * All unit heatmaps in one atlas canvas (res × res tiles side by side, painted with one
 * putImageData): the diagram draws tiles from one source canvas, not from hundreds (each source
 * canvas costs the compositor a snapshot).
 */
export class UnitImagePool {
  private readonly canvas: HTMLCanvasElement = document.createElement('canvas')

  /**
   * Tiles for the inputs (column 0) and every layer's units, or null where the grid does not
   * fit the network drawn (a load in flight).
   */
  build(grid: PredictionGrid | null, inputs: Float64Array[] | null, activations: ActivationName[], units: number[], scheme: Scheme): UnitImages | null {
    if (!grid?.neurons || grid.neurons.length !== units.length) return null
    const res = grid.resolution
    const cells = res * res
    if (grid.neurons.some((values, l) => values.length !== cells * units[l])) return null
    const count = (inputs?.length ?? 0) + units.reduce((a, b) => a + b, 0)
    const columnsPerRow = Math.max(1, Math.min(count, Math.floor(4096 / res)))
    const rows = Math.ceil(count / columnsPerRow)
    if (this.canvas.width !== columnsPerRow * res) this.canvas.width = columnsPerRow * res
    if (this.canvas.height !== rows * res) this.canvas.height = rows * res
    const ctx = this.canvas.getContext('2d')
    if (!ctx) return null
    const atlas = ctx.createImageData(this.canvas.width, this.canvas.height)
    const tile = new Uint8ClampedArray(cells * 4)
    let index = 0
    const place = (values: Float64Array, width: number, channel: number, mode: HeatmapMode, scale?: number) => {
      paintHeatmap(tile, { values, width, channel, cells, mode, discretize: false, scheme, scale })
      const x0 = (index % columnsPerRow) * res
      const y0 = Math.floor(index / columnsPerRow) * res
      for (let y = 0; y < res; y++) atlas.data.set(tile.subarray(y * res * 4, (y + 1) * res * 4), ((y0 + y) * atlas.width + x0) * 4)
      return { source: this.canvas, x: x0, y: y0, size: res, index: index++ }
    }
    const columns: UnitImages = [inputs ? inputs.map((values) => place(values, 1, 0, 'signed')) : []]
    grid.neurons.forEach((values, l) => {
      const { mode, scale } = modeOf(activations[l])
      columns.push(Array.from({ length: units[l] }, (_, j) => place(values, units[l], j, mode, scale)))
    })
    ctx.putImageData(atlas, 0, 0)
    return columns
  }
}
