/**
 * The rules of a project file that its types cannot say: which activation may sit where, which
 * loss goes with which output, weight and optimizer-state shapes that follow the network, a sane
 * progress record, column and feature lists without repeats. Runs on a project whose shape is
 * already valid; returns every problem found (callers cap the list).
 */
import { builtinInfo } from '../data/builtin-catalog'
import { formatProblem } from '../data/csv-format'
import { formatPath } from './paths'
import { lossPairProblem } from '../nn/loss-pairs'
import { LIMITS, UINT32_MAX } from './limits'
import type { LayerWeights, NetworkSpec, ProjectFile } from './types'

export interface ProjectError {
  /** Field path, for example `network.layers[2].units`, or '(root)'. */
  path: string
  message: string
}

export { LIMITS, UINT32_MAX } from './limits'

export function checkProject(project: ProjectFile): ProjectError[] {
  const errors: ProjectError[] = []
  checkLayers(project.network, errors)
  checkLoss(project.network, errors)
  const parameters = parameterCount(project.network)
  if (parameters > LIMITS.parameters) {
    errors.push({ path: 'network', message: `has ${parameters} parameters; at most ${LIMITS.parameters} are supported` })
  } else {
    if (project.weights) checkWeightList(project.weights, project.network, 'weights', errors)
    checkOptimizerState(project, errors)
  }
  checkProgress(project, errors)
  checkData(project, errors)
  return errors
}

/** Weights and biases of the network: Σ over layers of (fan-in + 1) × units. */
export function parameterCount(network: NetworkSpec): number {
  let total = 0
  network.layers.forEach((layer, l) => {
    total += (fanIn(network, l) + 1) * layer.units
  })
  return total
}

/** Inputs of layer l: the network's inputs for the first layer, else the previous layer's units. */
export function fanIn(network: NetworkSpec, l: number): number {
  return l === 0 ? network.inputs : network.layers[l - 1].units
}

function checkLayers(network: NetworkSpec, errors: ProjectError[]): void {
  const last = network.layers.length - 1
  network.layers.forEach((layer, l) => {
    if (layer.activation === 'softmax' && l !== last) {
      errors.push({ path: `network.layers[${l}].activation`, message: `softmax is only allowed on the output layer (network.layers[${last}])` })
    }
  })
  const output = network.layers[last]
  if (output.activation === 'softmax' && output.units < 2) {
    errors.push({ path: `network.layers[${last}].units`, message: `a softmax output layer needs at least 2 units, got ${output.units}` })
  }
}

/** Each loss has the output activation its error formula E_o = ŷ − y assumes. */
function checkLoss(network: NetworkSpec, errors: ProjectError[]): void {
  const last = network.layers.length - 1
  const problem = lossPairProblem(network.loss, network.layers[last].activation, `network.layers[${last}].activation`)
  if (problem) errors.push(problem)
}

/** One LayerWeights per layer: W is fan-in × units, b has units values, every number finite. */
function checkWeightList(list: LayerWeights[], network: NetworkSpec, path: string, errors: ProjectError[]): void {
  const layers = network.layers.length
  if (list.length !== layers) {
    errors.push({ path, message: `expected ${layers} layer${layers === 1 ? '' : 's'} (as network.layers), found ${list.length}` })
    return
  }
  list.forEach(({ W, b }, l) => {
    const rows = fanIn(network, l)
    const units = network.layers[l].units
    if (W.length !== rows) {
      errors.push({ path: `${path}[${l}].W`, message: `expected ${rows} rows (the layer's inputs), found ${W.length}` })
    } else {
      // One message per matrix is enough: a wrong row length is rarely alone.
      const bad = W.findIndex((row) => row.length !== units)
      if (bad !== -1) errors.push({ path: `${path}[${l}].W[${bad}]`, message: `expected ${units} columns (the layer's units), found ${W[bad].length}` })
    }
    if (b.length !== units) errors.push({ path: `${path}[${l}].b`, message: `expected ${units} values (the layer's units), found ${b.length}` })
  })
}

/**
 * Slots follow the weights' layout. A state naming another optimizer than training.optimizer
 * is allowed (the optimizer ignores it), so switching optimizers never makes a file unreadable.
 */
function checkOptimizerState(project: ProjectFile, errors: ProjectError[]): void {
  const state = project.optimizerState
  if (state === undefined) return
  if (project.weights === undefined) {
    errors.push({ path: 'optimizerState', message: 'needs the weights it was built for (weights is missing)' })
  }
  for (const [name, slot] of Object.entries(state.slots)) {
    checkWeightList(slot, project.network, formatPath(['optimizerState', 'slots', name]), errors)
  }
}

function checkProgress(project: ProjectFile, errors: ProjectError[]): void {
  const progress = project.progress
  if (progress === undefined) return
  if (progress.step > 0 && project.weights === undefined) {
    errors.push({ path: 'progress.step', message: `a run ${progress.step} steps in needs the weights it reached (weights is missing)` })
  }
  // Every finished epoch took a step, and so did reaching a row inside the current one.
  if (progress.epoch > progress.step) errors.push({ path: 'progress.epoch', message: `${progress.epoch} epochs cannot take fewer steps (progress.step is ${progress.step})` })
  if (progress.rowInEpoch > 0 && progress.step === 0) {
    errors.push({ path: 'progress.rowInEpoch', message: `rows visited (${progress.rowInEpoch}) need at least one step (progress.step is 0)` })
  }
  checkRngState(progress.rngState as (number | null)[], errors)
}

/** Four 32-bit words, then optionally the spare normal deviate (a finite number, or null / NaN for none). */
function checkRngState(state: (number | null)[], errors: ProjectError[]): void {
  if (state.length !== 4 && state.length !== 5) {
    errors.push({ path: 'progress.rngState', message: `expected 4 generator words and an optional spare normal value, found ${state.length} values` })
    return
  }
  for (let i = 0; i < 4; i++) {
    const word = state[i]
    if (word === null || !Number.isInteger(word) || word < 0 || word > UINT32_MAX) {
      errors.push({ path: `progress.rngState[${i}]`, message: `must be an integer from 0 to ${UINT32_MAX}, got ${word}` })
    }
  }

}

function checkData(project: ProjectFile, errors: ProjectError[]): void {
  const data = project.data
  if (data.features) {
    checkRepeats(data.features, 'data.features', 'feature', errors)
    const raw = data.source === 'csv' ? data.inputs.length : data.source === 'builtin' ? builtinInfo(data.name).inputs : 2
    const has = data.source === 'builtin' ? `the built-in set '${data.name}' has` : 'data.inputs has'
    if (raw !== 2) errors.push({ path: 'data.features', message: `features need exactly 2 raw inputs (x1, x2); ${has} ${raw}` })
  }
  if (data.source !== 'csv') return
  checkRepeats(data.inputs, 'data.inputs', 'column', errors)
  checkRepeats(data.targets, 'data.targets', 'column', errors)
  const inputs = new Set(data.inputs)
  data.targets.forEach((name, i) => {
    if (inputs.has(name)) errors.push({ path: `data.targets[${i}]`, message: `column '${name}' is also an input` })
  })
  if (data.targetEncoding === 'one-hot' && data.targets.length !== 1) {
    errors.push({ path: 'data.targets', message: `one-hot targets need exactly one label column, found ${data.targets.length}` })
  }
  const format = formatProblem(data)
  if (format) errors.push({ path: 'data.decimalComma', message: format })
}

function checkRepeats(names: readonly string[], path: string, what: string, errors: ProjectError[]): void {
  const seen = new Set<string>()
  names.forEach((name, i) => {
    if (seen.has(name)) errors.push({ path: `${path}[${i}]`, message: `${what} '${name}' is listed twice` })
    seen.add(name)
  })
}
