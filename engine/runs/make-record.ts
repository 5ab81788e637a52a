/** From a finished (or stopped) run to its record in the runs log. */
import { RUNS_FORMAT, RUNS_VERSION, runDefinition, type RunRecord, type RunSource, type SettingValue } from './record'
import type { ProjectFile } from '../project/types'
import type { RunSummary } from './run-job'

/** Sortable by start time, unique enough for one machine's logs (no Node crypto in the core). */
export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}-${Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0')}`
}

export interface RecordContext {
  id: string
  source: RunSource
  /** The project the run started from (its definition is what the record keeps). */
  project: ProjectFile
  settings: Record<string, SettingValue>
  startedAt: Date
  sweep?: string
}

export function recordOf(context: RecordContext, summary: RunSummary): RunRecord {
  const record: RunRecord = {
    format: RUNS_FORMAT,
    version: RUNS_VERSION,
    id: context.id,
    source: context.source,
    status: summary.status,
    startedAt: context.startedAt.toISOString(),
    endedAt: new Date(context.startedAt.getTime() + summary.wallSeconds * 1000).toISOString(),
    wallSeconds: summary.wallSeconds,
    epochs: summary.epochs,
    steps: summary.steps,
    definition: runDefinition(context.project) as unknown as Record<string, unknown>,
    settings: context.settings,
    final: summary.final,
    best: summary.best,
    curves: summary.curves,
  }
  if (context.sweep !== undefined) record.sweep = context.sweep
  if (summary.weights) record.weights = summary.weights
  return record
}
