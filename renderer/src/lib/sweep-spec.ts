/**
 * The Sweep dialog's model: which settings it offers (from the project in the editor), each
 * setting's values as a list or a linear or log range with a count, and the request the engine
 * gets: a grid (sets) or random search (N combinations drawn from the ranges, seeded).
 */
import { parseValue } from '../../../engine/runs/grid'
import { Random } from '../../../engine/math/random'
import type { ProjectFile } from '../../../engine/project/types'
import type { SettingValue } from '../../../engine/runs/record'
import { pathLabel } from './run-columns'

export interface SettingChoice {
  path: string
  label: string
  integer: boolean
  /** What a new row starts with. */
  initial: Omit<SweepRow, 'path'>
}

export interface SweepRow {
  path: string
  mode: 'list' | 'linear' | 'log'
  list: string
  from: number
  to: number
  count: number
}

const list = (text: string): Omit<SweepRow, 'path'> => ({ mode: 'list', list: text, from: 1, to: 10, count: 3 })
const range = (mode: 'linear' | 'log', from: number, to: number, count: number): Omit<SweepRow, 'path'> => ({ mode, list: '', from, to, count })

/** Every setting the dialog can sweep, for this project. */
export function settingChoices(project: ProjectFile): SettingChoice[] {
  const lr = project.training.optimizer.learningRate
  const choice = (path: string, integer: boolean, initial: Omit<SweepRow, 'path'>): SettingChoice => ({ path, label: pathLabel(path), integer, initial })
  const hidden = project.network.layers.slice(0, -1)
  return [
    choice('training.optimizer.learningRate', false, range('log', lr / 10, lr * 10, 3)),
    choice('training.batchSize', true, list(`${Math.max(1, project.training.batchSize / 2)}, ${project.training.batchSize * 2}`)),
    choice('training.optimizer.name', false, list('sgd, adam')),
    choice('training.optimizer.momentum', false, list('0.5, 0.9')),
    choice('training.optimizer.beta1', false, list('0.8, 0.9')),
    choice('training.optimizer.beta2', false, list('0.99, 0.999')),
    choice('training.regularization.kind', false, list('none, l2')),
    choice('training.regularization.rate', false, range('log', 1e-4, 1e-2, 3)),
    ...hidden.flatMap((layer, i) => [
      choice(`network.layers.${i}.units`, true, list(`${Math.max(1, layer.units / 2)}, ${layer.units * 2}`)),
      choice(`network.layers.${i}.activation`, false, list('tanh, relu')),
    ]),
    choice('network.hiddenLayers', true, list(`1, ${Math.max(2, hidden.length)}`)),
    choice('network.initializer.name', false, list('xavier-uniform, he-uniform')),
    choice('training.seed', true, list('1, 2, 3')),
    choice('data.seed', true, list('1, 2')),
  ]
}

/** A row's values for a grid; throws naming the setting when they do not read. */
export function rowValues(row: SweepRow, integer: boolean): SettingValue[] {
  if (row.mode === 'list') {
    const tokens = row.list.split(',').map((t) => t.trim()).filter(Boolean)
    if (tokens.length === 0) throw new Error(`${pathLabel(row.path)}: give at least one value`)
    return tokens.map(parseValue)
  }
  const { from, to } = row
  const count = Math.max(1, Math.floor(row.count))
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error(`${pathLabel(row.path)}: the range needs two numbers`)
  if (row.mode === 'log' && (from <= 0 || to <= 0)) throw new Error(`${pathLabel(row.path)}: a log range needs values above 0`)
  const at = (t: number) => (row.mode === 'log' ? Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * t) : from + (to - from) * t)
  const values = Array.from({ length: count }, (_, i) => at(count === 1 ? 0 : i / (count - 1)))
  const tidy = values.map((v) => (integer ? Math.round(v) : Number(v.toPrecision(6))))
  return [...new Set(tidy)]
}

/** One random draw of a row (uniform over a list or a linear range, log-uniform over a log range). */
function draw(row: SweepRow, integer: boolean, random: Random): SettingValue {
  if (row.mode === 'list') {
    const values = rowValues(row, integer)
    return values[Math.min(values.length - 1, Math.floor(random.next() * values.length))]
  }
  const t = random.next()
  const v = row.mode === 'log' ? Math.exp(Math.log(row.from) + (Math.log(row.to) - Math.log(row.from)) * t) : row.from + (row.to - row.from) * t
  return integer ? Math.round(v) : Number(v.toPrecision(4))
}

export interface SweepForm {
  rows: SweepRow[]
  search: 'grid' | 'random'
  draws: number
  repeats: number
  epochs: number
  earlyStop: number | null
  workers: number | null
}

export interface SweepRequestBody {
  sets: { path: string; values: SettingValue[] }[]
  combos?: Record<string, SettingValue>[]
  repeats: number
  epochs: number
  earlyStop?: number
  workers?: number
  /** Only these runs of the planned sweep, by index. */
  only?: number[]
}

/**
 * The request that runs again the runs of `last` an engine crash lost (`lost`: their indexes in
 * the sweep that ran, itself maybe a restart): the same plan, so the same definitions, epochs and
 * early stop, narrowed to those runs.
 */
export function remainingRunsRequest(last: SweepRequestBody, lost: number[]): SweepRequestBody {
  return { ...last, only: last.only ? lost.map((i) => last.only![i]) : lost }
}

export function sweepRequest(form: SweepForm, choices: SettingChoice[]): SweepRequestBody {
  const integer = (path: string) => choices.find((c) => c.path === path)?.integer ?? false
  const common = {
    repeats: Math.max(1, Math.floor(form.repeats)),
    epochs: Math.max(1, Math.floor(form.epochs)),
    ...(form.earlyStop ? { earlyStop: Math.max(1, Math.floor(form.earlyStop)) } : {}),
    ...(form.workers ? { workers: Math.max(1, Math.floor(form.workers)) } : {}),
  }
  if (form.search === 'grid') return { sets: form.rows.map((row) => ({ path: row.path, values: rowValues(row, integer(row.path)) })), ...common }
  // Random search is seeded: the same dialog gives the same draws.
  const random = new Random(1)
  const combos = Array.from({ length: Math.max(1, Math.floor(form.draws)) }, () => Object.fromEntries(form.rows.map((row) => [row.path, draw(row, integer(row.path), random)])))
  return { sets: [], combos, ...common }
}

/** Runs the request makes (before the engine checks it). */
export function runCount(request: SweepRequestBody): number {
  const points = request.combos ? request.combos.length : request.sets.reduce((n, s) => n * s.values.length, request.sets.length > 0 ? 1 : 0)
  return points * request.repeats
}
