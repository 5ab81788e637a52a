// `runs` output: records sorted by a metric (best first) and laid out as a plain-text table.
import { CliError } from './project-file'
import type { RunRecord } from '../runs/record'

/** Sortable columns: the final metrics (best first) and the run's size. */
const METRICS: Record<string, { value: (r: RunRecord) => number | null | undefined; higherIsBetter: boolean }> = {
  trainLoss: { value: (r) => r.final?.trainLoss, higherIsBetter: false },
  testLoss: { value: (r) => r.final?.testLoss, higherIsBetter: false },
  accuracy: { value: (r) => r.final?.accuracy, higherIsBetter: true },
  r2: { value: (r) => r.final?.r2, higherIsBetter: true },
  epochs: { value: (r) => r.epochs, higherIsBetter: true },
  steps: { value: (r) => r.steps, higherIsBetter: true },
  wallSeconds: { value: (r) => r.wallSeconds, higherIsBetter: false },
}

/** Best first; runs without the metric last, in log order. */
export function sortRuns(records: RunRecord[], metric: string): RunRecord[] {
  const column = METRICS[metric]
  if (!column) throw new CliError(`--sort must be one of ${Object.keys(METRICS).join(', ')}, got '${metric}'`)
  const sign = column.higherIsBetter ? -1 : 1
  return records
    .map((record, order) => ({ record, order, v: column.value(record) }))
    .sort((a, b) => {
      const aMissing = a.v == null
      const bMissing = b.v == null
      if (aMissing || bMissing) return aMissing === bMissing ? a.order - b.order : aMissing ? 1 : -1
      return sign * ((a.v as number) - (b.v as number)) || a.order - b.order
    })
    .map((x) => x.record)
}

const cell = (v: number | null | undefined, digits: number) => (v == null ? '–' : v.toFixed(digits))

export function formatRunsTable(records: RunRecord[]): string {
  if (records.length === 0) return 'no runs\n'
  const settingKeys = [...new Set(records.flatMap((r) => Object.keys(r.settings)))]
  const header = ['id', 'status', ...settingKeys, 'epochs', 'steps', 'train loss', 'test loss', 'accuracy', 'r2', 'seconds']
  const rows = records.map((r) => [
    r.id,
    r.status,
    ...settingKeys.map((k) => (k in r.settings ? String(r.settings[k]) : '')),
    String(r.epochs),
    String(r.steps),
    cell(r.final?.trainLoss, 5),
    cell(r.final?.testLoss, 5),
    cell(r.final?.accuracy, 4),
    cell(r.final?.r2, 4),
    r.wallSeconds.toFixed(1),
  ])
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)))
  const line = (cells: string[]) => cells.map((text, c) => text.padEnd(widths[c])).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}
