/** The Runs table's columns: what each sorts by, and filtering by text. */
import { runTitle, settingText, valueAt } from './run-columns'
import type { RunRecord } from '../../../engine/runs/record'

export type SortKey = 'name' | 'status' | 'trainLoss' | 'testLoss' | 'score' | 'steps' | 'wallSeconds' | 'startedAt' | `setting:${string}`

const score = (r: RunRecord) => r.final?.accuracy ?? r.final?.r2 ?? null

export function sortValue(record: RunRecord, key: SortKey): number | string | null {
  if (key.startsWith('setting:')) {
    const v = valueAt(record, key.slice('setting:'.length))
    return v === undefined || v === null ? null : typeof v === 'number' ? v : String(v)
  }
  switch (key) {
    case 'name':
      return runTitle(record)
    case 'status':
      return record.status
    case 'trainLoss':
      return record.final?.trainLoss ?? null
    case 'testLoss':
      return record.final?.testLoss ?? null
    case 'score':
      return score(record)
    case 'steps':
      return record.steps
    case 'wallSeconds':
      return record.wallSeconds
    default:
      return record.startedAt
  }
}

/** Stable; runs without the value last either way. Starred runs first. */
export function sortRuns(records: readonly RunRecord[], key: SortKey, descending: boolean): RunRecord[] {
  return records
    .map((record, order) => ({ record, order, v: sortValue(record, key) }))
    .sort((a, b) => {
      const star = Number(Boolean(b.record.starred)) - Number(Boolean(a.record.starred))
      if (star !== 0) return star
      if (a.v === null || b.v === null) return a.v === b.v ? a.order - b.order : a.v === null ? 1 : -1
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v))
      return (descending ? -c : c) || a.order - b.order
    })
    .map((x) => x.record)
}

/** Every word of the filter appears in the run's name, status, note or settings. */
export function matchesFilter(record: RunRecord, paths: readonly string[], filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const text = [runTitle(record, paths), record.status, record.note ?? '', record.source, ...paths.map((p) => `${p}=${settingText(valueAt(record, p))}`)].join(' ').toLowerCase()
  return words.every((w) => text.includes(w))
}
