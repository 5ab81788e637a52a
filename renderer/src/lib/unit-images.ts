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

function modeOf(activation: ActivationName): { mode: HeatmapMode; scale?: number } {
  if (activation === 'sigmoid' || activation === 'softmax') return { mode: 'probability' }
  if (activation === 'tanh' || activation === 'sine') return { mode: 'signed', scale: 1 }
  return { mode: 'signed' }
}

export class UnitImagePool {
  private canvases: HTMLCanvasElement[] = []
  private used = 0

  private next(res: number): HTMLCanvasElement | null {
    let canvas = this.canvases[this.used]
    if (!canvas) {
      canvas = document.createElement('canvas')
      this.canvases.push(canvas)
    }
    this.used++
    if (canvas.width !== res) canvas.width = res
    if (canvas.height !== res) canvas.height = res
    return canvas
  }

  private paint(values: Float64Array, width: number, channel: number, res: number, mode: HeatmapMode, scheme: Scheme, scale?: number): HTMLCanvasElement | null {
    const canvas = this.next(res)
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx) return null
    const image = ctx.createImageData(res, res)
    paintHeatmap(image.data, { values, width, channel, cells: res * res, mode, discretize: false, scheme, scale })
    ctx.putImageData(image, 0, 0)
    return canvas
  }

  /**
   * Images for the inputs (column 0) and every layer's units, or null where the grid does not
   * fit the network drawn (a load in flight).
   */
  build(grid: PredictionGrid | null, inputs: Float64Array[] | null, activations: ActivationName[], units: number[], scheme: Scheme): UnitImages | null {
    if (!grid?.neurons || grid.neurons.length !== units.length) return null
    const res = grid.resolution
    const cells = res * res
    if (grid.neurons.some((values, l) => values.length !== cells * units[l])) return null
    this.used = 0
    const columns: UnitImages = [inputs ? inputs.map((values) => this.paint(values, 1, 0, res, 'signed', scheme)) : []]
    grid.neurons.forEach((values, l) => {
      const { mode, scale } = modeOf(activations[l])
      columns.push(Array.from({ length: units[l] }, (_, j) => this.paint(values, units[l], j, res, mode, scheme, scale)))
    })
    return columns
  }
}
