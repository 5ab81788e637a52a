/**
 * The project file as text: stable, pretty JSON (2-space indent) with keys in the order the
 * types declare them, so saving the same project twice gives the same bytes and diffs stay
 * small. Arrays of plain values (a weight row, column names) stay on one line.
 */
import type {
  BuiltinDataSpec,
  CsvDataSpec,
  DataSpec,
  LayerSpec,
  LayerWeights,
  NetworkSpec,
  OptimizerSpec,
  OptimizerState,
  ProjectFile,
  SavedCurves,
  SavedEpoch,
  SyntheticDataSpec,
  TrainingProgress,
  TrainingSpec,
} from './types'
import { finish, type Steps } from '../train/steps'

/** Lists keys of T in order; fails to type-check when a key of T is left out. */
function keyOrder<T>() {
  return <const K extends readonly (keyof T)[]>(keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)): readonly (keyof T)[] => keys
}

/** Keys of every optimizer variant together (a union's keyof would give only the shared ones). */
type AllOptimizerKeys = OptimizerSpec extends infer O ? (O extends unknown ? keyof O : never) : never

const ORDER = Object.freeze({
  project: keyOrder<ProjectFile>()(['format', 'version', 'name', 'network', 'weights', 'data', 'training', 'optimizerState', 'progress', 'curves']),
  network: keyOrder<NetworkSpec>()(['inputs', 'layers', 'loss', 'initializer']),
  layer: keyOrder<LayerSpec>()(['units', 'activation', 'alpha']),
  initializer: keyOrder<NonNullable<NetworkSpec['initializer']>>()(['name', 'range']),
  weights: keyOrder<LayerWeights>()(['W', 'b']),
  // The discriminant first, then the source's own fields, then those all data specs share.
  csv: keyOrder<CsvDataSpec>()(['source', 'path', 'inputs', 'targets', 'targetEncoding', 'delimiter', 'decimalComma', 'header', 'skipBadRows', 'trainFraction', 'seed', 'features', 'standardize']),
  synthetic: keyOrder<SyntheticDataSpec>()(['source', 'name', 'samples', 'noise', 'classes', 'trainFraction', 'seed', 'features', 'standardize']),
  builtin: keyOrder<BuiltinDataSpec>()(['source', 'name', 'samples', 'trainFraction', 'seed', 'features', 'standardize']),
  training: keyOrder<TrainingSpec>()(['optimizer', 'batchSize', 'epochs', 'shuffle', 'seed', 'regularization', 'precision']),
  optimizer: keyOrder<Record<AllOptimizerKeys, unknown>>()(['name', 'learningRate', 'momentum', 'nesterov', 'rho', 'beta1', 'beta2', 'epsilon']),
  regularization: keyOrder<TrainingSpec['regularization']>()(['kind', 'rate']),
  optimizerState: keyOrder<OptimizerState>()(['name', 't', 'slots']),
  progress: keyOrder<TrainingProgress>()(['epoch', 'step', 'rowInEpoch', 'rngState', 'epochLossSum', 'epochBatches']),
  curves: keyOrder<SavedCurves>()(['train', 'trainEpoch', 'test', 'metric', 'last']),
  savedEpoch: keyOrder<SavedEpoch>()(['epoch', 'step', 'trainLoss', 'testLoss', 'accuracy', 'r2', 'evaluatedOn']),
})

export function serializeProject(project: ProjectFile): string {
  return finish(serializeSteps(project))
}

/**
 * The same text written in steps that yield after each row of plain values (a weight row): the
 * engine writes a big network's file in slices, answering Pause and other requests between them.
 */
export function* serializeSteps(project: ProjectFile): Steps<string> {
  return `${yield* write(canonicalProject(project), '')}\n`
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function canonicalProject(project: ProjectFile): Json {
  const { network, weights, data, training, optimizerState, progress, curves } = project
  return ordered(project, ORDER.project, {
    network: ordered(network, ORDER.network, {
      layers: network.layers.map((layer) => ordered(layer, ORDER.layer)),
      initializer: network.initializer && ordered(network.initializer, ORDER.initializer),
    }),
    weights: weights && weightList(weights),
    data: canonicalData(data),
    training: ordered(training, ORDER.training, {
      optimizer: ordered(training.optimizer as Record<AllOptimizerKeys, unknown>, ORDER.optimizer),
      regularization: ordered(training.regularization, ORDER.regularization),
    }),
    optimizerState:
      optimizerState &&
      ordered(optimizerState, ORDER.optimizerState, {
        slots: Object.fromEntries(Object.entries(optimizerState.slots).map(([name, slot]) => [name, weightList(slot)])),
      }),
    progress: progress && ordered(progress, ORDER.progress, { rngState: rngState(progress.rngState) }),
    curves: curves && ordered(curves, ORDER.curves, { last: curves.last && ordered(curves.last, ORDER.savedEpoch) }),
  })
}

function canonicalData(data: DataSpec): Json {
  if (data.source === 'builtin') return ordered(data, ORDER.builtin)
  return data.source === 'csv' ? ordered(data, ORDER.csv) : ordered(data, ORDER.synthetic)
}

function weightList(list: LayerWeights[]): Json {
  return list.map((layer) => ordered(layer, ORDER.weights))
}

/** A missing spare normal (NaN) is left out: JSON has no NaN, and Random.fromState reads 4 words as "none". */
function rngState(state: number[]): Json {
  return state.length === 5 && Number.isNaN(state[4]) ? state.slice(0, 4) : state
}

/** A copy of `value` with `keys` in order (absent ones skipped), `replaced` taking precedence. */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[], replaced: Partial<Record<keyof T, unknown>> = {}): Json {
  const out: { [key: string]: Json } = {}
  for (const key of keys) {
    const item = key in replaced ? replaced[key] : value[key]
    if (item !== undefined) out[key as string] = item as Json
  }
  return out
}

function* write(value: Json, indent: string): Steps<string> {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const row = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`
      yield
      return row
    }
    const items: string[] = []
    for (const item of value) items.push(inner + (yield* write(item, inner)))
    return `[\n${items.join(',\n')}\n${indent}]`
  }
  const keys = Object.keys(value)
  if (keys.length === 0) return '{}'
  const fields: string[] = []
  for (const key of keys) fields.push(`${inner}${JSON.stringify(key)}: ${yield* write(value[key], inner)}`)
  return `{\n${fields.join(',\n')}\n${indent}}`
}
