/**
 * A sweep's grid: `--set <path>=<v1>,<v2>,…` options into runs. A path is dotted into the project
 * file (`training.optimizer.learningRate`, `network.layers.0.units`); values are JSON scalars
 * (strings need no quotes). The grid is the cartesian product of every set (the first varies
 * slowest) times the repeats, repeat k adding k to training.seed. Every value is checked against
 * the project schema, and every combination against the project rules, before anything runs.
 */
import { parseProject } from '../project/schema'
import { formatPath } from '../project/paths'
import { runDefinition, type SettingValue } from './record'
import type { ProjectFile } from '../project/types'

export class GridError extends Error {}

export interface SetSpec {
  path: string
  values: SettingValue[]
}

export interface GridPoint {
  /** Each swept path's value (training.seed too when repeats > 1). */
  settings: Record<string, SettingValue>
  project: ProjectFile
  /** The definition as canonical JSON: two points with the same key run the same numbers. */
  key: string
}

export interface GridOptions {
  repeats?: number
  /** Overrides training.epochs. */
  epochs?: number
}

export function parseValue(token: string): SettingValue {
  const text = token.trim()
  try {
    const value: unknown = JSON.parse(text)
    if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) return value as SettingValue
  } catch {
    // not JSON: a bare string
  }
  return text
}

/** `path=v1,v2,…` → a set. Throws GridError naming what is wrong. */
export function parseSetArgument(text: string): SetSpec {
  const at = text.indexOf('=')
  if (at <= 0) throw new GridError(`--set ${text}: expected <path>=<v1>,<v2>,… (for example training.batchSize=8,32)`)
  const path = text.slice(0, at).trim()
  const tokens = text.slice(at + 1).split(',')
  if (tokens.some((t) => t.trim() === '')) throw new GridError(`--set ${text}: a value is empty`)
  if (path.split('.').some((s) => s === '')) throw new GridError(`--set ${text}: bad path '${path}'`)
  return { path, values: tokens.map(parseValue) }
}

const segmentsOf = (path: string): (string | number)[] => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))

/** Paths beyond the file's own fields, as a sweep means them. */
const DERIVED: Record<string, (project: ProjectFile, value: SettingValue) => ProjectFile> = {
  /** The number of hidden layers: extra ones copy the last hidden layer, the output layer stays. */
  'network.hiddenLayers': (project, value) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new GridError(`network.hiddenLayers=${JSON.stringify(value)}: must be a whole number ≥ 0`)
    const layers = project.network.layers
    const hidden = layers.slice(0, -1)
    const template = hidden.at(-1) ?? { units: 8, activation: 'tanh' as const }
    const next = Array.from({ length: value }, (_, i) => ({ ...(hidden[i] ?? template) }))
    const copy = structuredClone(project)
    copy.network.layers = [...next, { ...(layers.at(-1) as (typeof layers)[number]) }]
    return copy
  },
  /** Another optimizer keeps the learning rate; the old one's own parameters do not carry over. */
  'training.optimizer.name': (project, value) => {
    const copy = structuredClone(project)
    const { learningRate } = copy.training.optimizer
    copy.training.optimizer = value === copy.training.optimizer.name ? copy.training.optimizer : ({ name: value, learningRate } as ProjectFile['training']['optimizer'])
    return copy
  },
  /** The initializer object is optional in the file: its name may be swept all the same. */
  'network.initializer.name': (project, value) => {
    const copy = structuredClone(project)
    copy.network.initializer = { ...copy.network.initializer, name: value as never }
    return copy
  },
}

/** Sets `path` in a copy of `project`; throws GridError when the path does not lead into the file. */
export function applySetting(project: ProjectFile, path: string, value: SettingValue): ProjectFile {
  const derived = DERIVED[path]
  if (derived) return derived(project, value)
  const copy = structuredClone(project) as unknown as Record<string | number, unknown>
  const segments = segmentsOf(path)
  let node: unknown = copy
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1
    const where = segments.slice(0, i).join('.') || 'the project'
    if (typeof node !== 'object' || node === null) throw new GridError(`bad path '${path}': ${where} is not an object or a list`)
    const container = node as Record<string | number, unknown>
    if (Array.isArray(node) && (typeof segment !== 'number' || segment >= node.length)) {
      throw new GridError(`bad path '${path}': ${where} has items 0 to ${node.length - 1}, not '${segment}'`)
    }
    if (!last && !(segment in container)) {
      throw new GridError(`bad path '${path}': ${where} has no '${segment}' (it has ${Object.keys(container).join(', ')})`)
    }
    if (last) container[segment] = value
    else node = container[segment]
  })
  return copy as unknown as ProjectFile
}

/** The first problem the project rules find, or null. */
function firstError(project: ProjectFile): { path: string; message: string } | null {
  const parsed = parseProject(project)
  return parsed.ok ? null : parsed.errors[0]
}

/** Each value alone on the base: a wrong type or an unknown field is named with its path. */
function checkValues(base: ProjectFile, sets: SetSpec[]): void {
  for (const { path, values } of sets) {
    const shown = formatPath(segmentsOf(path))
    for (const value of values) {
      const error = firstError(applySetting(base, path, value))
      if (!error || error.path !== shown) continue
      if (error.message === 'unknown field') throw new GridError(`bad path '${path}': the project file has no such field`)
      throw new GridError(`${path}=${JSON.stringify(value)}: ${error.message}`)
    }
  }
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function cartesian(sets: SetSpec[]): Record<string, SettingValue>[] {
  let combos: Record<string, SettingValue>[] = [{}]
  for (const { path, values } of sets) combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [path]: value })))
  return combos
}

/** Every run of the sweep, in order. Throws GridError for a bad path, a wrong value or a refused combination. */
export function expandGrid(project: ProjectFile, sets: SetSpec[], options: GridOptions = {}): GridPoint[] {
  if (sets.length === 0) throw new GridError('a sweep needs at least one --set <path>=<v1>,<v2>,…')
  const paths = sets.map((s) => s.path)
  const duplicate = paths.find((p, i) => paths.indexOf(p) !== i)
  if (duplicate) throw new GridError(`--set ${duplicate} is given twice`)
  checkValues(sweepBase(project, options), sets)
  return expandCombinations(project, cartesian(sets), options)
}

/** A sweep point is a fresh start: weights, optimizer state and progress of the base are not carried over. */
function sweepBase(project: ProjectFile, options: GridOptions): ProjectFile {
  const base = runDefinition(project)
  return options.epochs !== undefined ? applySetting(base, 'training.epochs', options.epochs) : base
}

/** Given combinations (a grid, or random draws), each with its repeats. */
export function expandCombinations(project: ProjectFile, combos: Record<string, SettingValue>[], options: GridOptions = {}): GridPoint[] {
  const repeats = options.repeats ?? 1
  if (!Number.isInteger(repeats) || repeats < 1) throw new GridError(`--repeats must be a whole number ≥ 1, got ${repeats}`)
  const base = sweepBase(project, options)
  const points: GridPoint[] = []
  for (const combo of combos) {
    let point = base
    for (const [path, value] of Object.entries(combo)) point = applySetting(point, path, value)
    const error = firstError(point)
    if (error) throw new GridError(`the combination ${describeCombination(combo)} is refused: ${error.path}: ${error.message}`)
    for (let k = 0; k < repeats; k++) points.push(repeatOf(point, combo, k, repeats))
  }
  return points
}

/** Repeat k: training.seed + k; the data keeps the seed it had, so repeats differ only in initialization and shuffling. */
function repeatOf(point: ProjectFile, combo: Record<string, SettingValue>, k: number, repeats: number): GridPoint {
  if (repeats === 1) return { settings: combo, project: point, key: canonicalJson(point) }
  const seed = point.training.seed + k
  const project: ProjectFile = {
    ...point,
    data: { ...point.data, seed: point.data.seed ?? point.training.seed },
    training: { ...point.training, seed },
  }
  const error = firstError(project)
  if (error) throw new GridError(`repeat ${k} of ${describeCombination(combo)} is refused: ${error.path}: ${error.message}`)
  return { settings: { ...combo, 'training.seed': seed }, project, key: canonicalJson(project) }
}

export function describeCombination(combo: Record<string, SettingValue>): string {
  return Object.entries(combo)
    .map(([path, value]) => `${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
}
