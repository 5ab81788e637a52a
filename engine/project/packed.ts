/**
 * A trained project with its big arrays flat: each layer's W (rows × cols, row-major) and b as
 * Float64Arrays, for the weights and every optimizer slot. Typed arrays cross a MessagePort or the
 * browser host's socket as bytes, with no per-number work on either side; nested number arrays
 * cost the page a long task to decode on MNIST. The studio keeps its crash-recovery checkpoint
 * in this form and unpacks it only when a restarted engine needs it back.
 */
import type { LayerWeights, OptimizerState, ProjectFile } from './types'

/** W[i][j] at W[i * cols + j]. */
export interface PackedWeights {
  rows: number
  cols: number
  W: Float64Array
  b: Float64Array
}

export interface PackedProject {
  /** The project without `weights` and `optimizerState` (those are below). */
  spec: ProjectFile
  weights?: PackedWeights[]
  optimizerState?: { name: OptimizerState['name']; t: number; slots: Record<string, PackedWeights[]> }
}

function packLayers(layers: LayerWeights[]): PackedWeights[] {
  return layers.map(({ W, b }, l) => {
    const rows = W.length
    const cols = rows > 0 ? W[0].length : 0
    const flat = new Float64Array(rows * cols)
    W.forEach((row, i) => {
      if (row.length !== cols) throw new Error(`weights[${l}].W: row ${i} has ${row.length} values, row 0 has ${cols}`)
      flat.set(row, i * cols)
    })
    return { rows, cols, W: flat, b: Float64Array.from(b) }
  })
}

function unpackLayers(layers: PackedWeights[]): LayerWeights[] {
  return layers.map(({ rows, cols, W, b }) => ({
    W: Array.from({ length: rows }, (_, i) => Array.from(W.subarray(i * cols, (i + 1) * cols))),
    b: Array.from(b),
  }))
}

export function packProject(file: ProjectFile): PackedProject {
  const { weights, optimizerState, ...spec } = file
  const packed: PackedProject = { spec }
  if (weights) packed.weights = packLayers(weights)
  if (optimizerState) {
    const slots = Object.fromEntries(Object.entries(optimizerState.slots).map(([name, slot]) => [name, packLayers(slot)]))
    packed.optimizerState = { name: optimizerState.name, t: optimizerState.t, slots }
  }
  return packed
}

/** The project file again, number for number (key order aside: the serializer orders keys). */
export function unpackProject(packed: PackedProject): ProjectFile {
  const file: ProjectFile = { ...packed.spec }
  if (packed.weights) file.weights = unpackLayers(packed.weights)
  const state = packed.optimizerState
  if (state) {
    file.optimizerState = { name: state.name, t: state.t, slots: Object.fromEntries(Object.entries(state.slots).map(([name, slot]) => [name, unpackLayers(slot)])) }
  }
  return file
}
