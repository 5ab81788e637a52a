/**
 * The network's outputs (and, on request, every neuron's H) over a grid of the raw 2-D input
 * plane: the decision-boundary heatmap and the small per-neuron heatmaps of the diagram.
 */
import { forward } from '../nn/backprop'
import type { Trainer } from '../train/trainer'
import type { PredictionGrid } from '../protocol'
import { finish, type Steps } from '../train/steps'

export const MAX_GRID_RESOLUTION = 200

/** One grid workspace per trainer, reused while big enough: the grid is asked for several times a second. */
const gridWorkspace = (trainer: Trainer, rows: number) => trainer.scratchWorkspace('prediction-grid', rows)

/** Multiply-adds of one slice of grid cells: a big network's grid yields between slices. */
const SLICE_MACS = 16e6

export function predictionGrid(trainer: Trainer, resolution: number, neurons: boolean): PredictionGrid {
  return finish(predictionGridSteps(trainer, resolution, neurons))
}

/** The grid, yielding after each slice of cells (see steps.ts). */
export function* predictionGridSteps(trainer: Trainer, resolution: number, neurons: boolean): Steps<PredictionGrid> {
  const { data, network, kernel } = trainer
  if (!data.encodePoint || !data.bounds) throw new Error('the prediction grid needs data with exactly two raw inputs (x1, x2)')
  const res = Math.max(2, Math.min(MAX_GRID_RESOLUTION, Math.round(resolution)))
  const [x1min, x1max, x2min, x2max] = data.bounds
  const cells = res * res
  const macs = network.layers.reduce((sum, l) => sum + l.fanIn * l.units, 0)
  const ws = gridWorkspace(trainer, Math.min(cells, 4096))
  const slice = Math.max(1, Math.min(ws.capacity, Math.floor(SLICE_MACS / Math.max(1, macs))))
  const output = new Float64Array(cells * network.outputs)
  const perLayer = neurons ? network.layers.map((l) => new Float64Array(cells * l.units)) : undefined
  const row = new Float64Array(network.inputs)
  for (let from = 0; from < cells; from += slice) {
    if (from > 0) yield
    const count = Math.min(slice, cells - from)
    for (let c = 0; c < count; c++) {
      const cell = from + c
      const x1 = x1min + ((cell % res) + 0.5) * ((x1max - x1min) / res)
      const x2 = x2max - (Math.floor(cell / res) + 0.5) * ((x2max - x2min) / res)
      data.encodePoint(x1, x2, row)
      ws.X.set(row, c * network.inputs)
    }
    ws.rows = count
    forward(network, ws, kernel)
    const last = ws.layers[network.layers.length - 1].H
    output.set(last.subarray(0, count * network.outputs), from * network.outputs)
    perLayer?.forEach((target, l) => target.set(ws.layers[l].H.subarray(0, count * network.layers[l].units), from * network.layers[l].units))
  }
  return { resolution: res, bounds: data.bounds, output, outputs: network.outputs, neurons: perLayer }
}
