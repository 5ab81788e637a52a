// `backprop-studio datasets [--json]`: the built-in data sets, one line each (or a JSON array).
import { BUILTIN_DATASETS } from '../data/builtin-catalog'
import type { Output } from './cli-commands'

export interface DatasetRow {
  name: string
  rows: number
  inputs: number
  task: 'multiclass' | 'binary' | 'regression'
  /** Classes, or null for regression. */
  classes: number | null
  source: string
}

export function datasetRows(): DatasetRow[] {
  return BUILTIN_DATASETS.map(({ name, rows, inputs, task, classes, source }) => ({ name, rows, inputs, task, classes: task === 'regression' ? null : classes, source }))
}

export function datasets(options: { json: boolean }, io: Output): number {
  const rows = datasetRows()
  if (options.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`)
    return 0
  }
  const table = [['name', 'rows', 'inputs', 'task', 'classes', 'source'], ...rows.map((r) => [r.name, String(r.rows), String(r.inputs), r.task, r.classes === null ? '-' : String(r.classes), r.source])]
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)))
  // The last column (source) is not padded: no trailing spaces.
  io.out(table.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : c === 1 || c === 2 || c === 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')).join('\n') + '\n')
  return 0
}
