/**
 * What the Runs table shows of a run: the settings that vary among the runs (dotted paths into
 * their definitions, as a sweep names them), a run's value at a path, and readable labels.
 */
import type { RunRecord, SettingValue } from '../../../engine/runs/record'

/** Paths that never make a column (the file's header and where the data lives). */
const IGNORED = /^(format|version|name|data\.path)$/

/** Every scalar of a definition by dotted path (`network.layers.0.units`). */
export function flatten(value: unknown, prefix = '', out: Map<string, SettingValue> = new Map()): Map<string, SettingValue> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out))
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  else if (prefix && !IGNORED.test(prefix)) out.set(prefix, (value ?? null) as SettingValue)
  return out
}

export function valueAt(record: RunRecord, path: string): SettingValue | undefined {
  if (path in record.settings) return record.settings[path]
  if (path === 'network.hiddenLayers') {
    const layers = (record.definition.network as { layers?: unknown[] } | undefined)?.layers
    return layers ? layers.length - 1 : undefined
  }
  return flatten(record.definition).get(path)
}

/** The paths whose value differs between some of the runs (swept settings first), at most `max`. */
export function varyingPaths(records: readonly RunRecord[], max = 8): string[] {
  if (records.length < 2) return [...new Set(records.flatMap((r) => Object.keys(r.settings)))].slice(0, max)
  const swept = new Set(records.flatMap((r) => Object.keys(r.settings)))
  const flat = records.map((r) => flatten(r.definition))
  const paths = new Set(flat.flatMap((m) => [...m.keys()]))
  const varying = [...paths].filter((path) => new Set(flat.map((m) => JSON.stringify(m.get(path) ?? null))).size > 1)
  return [...swept, ...varying.filter((p) => !swept.has(p))].slice(0, max)
}

const LABELS: Record<string, string> = {
  'training.optimizer.learningRate': 'learning rate',
  'training.optimizer.name': 'optimizer',
  'training.optimizer.momentum': 'momentum',
  'training.optimizer.beta1': 'β1',
  'training.optimizer.beta2': 'β2',
  'training.batchSize': 'batch size',
  'training.epochs': 'epochs',
  'training.seed': 'seed',
  'training.regularization.kind': 'regularization',
  'training.regularization.rate': 'reg. rate',
  'network.initializer.name': 'initializer',
  'network.hiddenLayers': 'hidden layers',
  'data.seed': 'data seed',
}

export function pathLabel(path: string): string {
  const layer = /^network\.layers\.(\d+)\.(units|activation)$/.exec(path)
  if (layer) return `layer ${Number(layer[1]) + 1} ${layer[2]}`
  return LABELS[path] ?? path
}

/** Rates span decades: their axes are logarithmic. */
export const isRatePath = (path: string): boolean => /learningRate|regularization\.rate$/.test(path)

export function settingText(value: SettingValue | undefined): string {
  if (value === undefined || value === null) return '–'
  return typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value)
}

/** A run's name: the user's, or one made of its settings, or its start time. */
export function runTitle(record: RunRecord, paths: readonly string[] = Object.keys(record.settings)): string {
  if (record.name) return record.name
  const parts = paths.filter((p) => valueAt(record, p) !== undefined).map((p) => `${pathLabel(p)} ${settingText(valueAt(record, p))}`)
  return parts.length > 0 ? parts.join(', ') : `run of ${new Date(record.startedAt).toLocaleTimeString('en-GB')}`
}
