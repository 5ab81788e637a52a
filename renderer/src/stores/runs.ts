/**
 * The project's runs: every record the engine sends ('run' lines) kept here and appended to the
 * project's runs log through the host; the log read back when a project opens. Which runs are
 * overlaid on the cost chart, the table's sort and filter, stars, names, notes and deletes
 * (undoable: a delete is an update line, undone by another), and the sweep in progress.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import { parseRunsLog } from '../../../engine/runs/runs-log'
import { ENDED_STATUSES, RUNS_FORMAT, RUNS_VERSION, type RunLine, type RunRecord } from '../../../engine/runs/record'
import { pathLabel } from '../lib/run-columns'
import type { SweepProgress } from '../../../engine/session/sweep-schema'
import type { SweepRequestBody } from '../lib/sweep-spec'
import type { EngineLink } from './engine'
import { useEngineStore } from './engine'
import { useProjectStore } from './project'
import { useUiStore } from './ui'

/** Runs overlaid at most at once (each adds two curves to the chart). */
export const MAX_OVERLAYS = 8

export const useRunsStore = defineStore('runs', () => {
  const engine = useEngineStore()
  const project = useProjectStore()
  const ui = useUiStore()
  const byId = shallowRef(new Map<string, RunRecord>())
  const overlaid = ref<string[]>([])
  const filter = ref('')
  const sort = ref<{ key: string; descending: boolean }>({ key: 'startedAt', descending: true })
  const sweep = ref<SweepProgress | null>(null)
  const sweepOpen = ref(false)
  /** The last delete, for Undo. */
  const lastDeleted = ref<string[]>([])
  /** Lines waiting for the host, by the project they belong to ('' for untitled). */
  let pending = new Map<string, string[]>()
  let flushing: Promise<void> | null = null
  /**
   * The project each run belongs to: a run that ends after another project opened (its last line
   * comes when the engine loads the new one) still goes to its own project's log.
   */
  const owners = new Map<string, string | null>()

  const records = computed(() => [...byId.value.values()].filter((r) => !r.deleted))
  const current = computed(() => records.value.find((r) => r.status === 'running' && r.source === 'studio') ?? null)

  function merge(line: RunLine): void {
    const before = byId.value.get(line.id)
    const merged = { ...before, ...line } as RunRecord
    if (!before && (merged.status === undefined || merged.definition === undefined)) return
    byId.value.set(line.id, merged)
    triggerRef(byId)
  }

  /** Applies a line here (if its run belongs to the open project) and appends it to its log, batched. */
  function write(line: RunLine): void {
    if (!owners.has(line.id)) owners.set(line.id, project.filePath)
    const owner = owners.get(line.id) ?? null
    if (owner === project.filePath) merge(line)
    const key = owner ?? ''
    pending.set(key, [...(pending.get(key) ?? []), JSON.stringify(line)])
    flushing ??= Promise.resolve().then(flush)
  }

  async function flush(): Promise<void> {
    const batches = pending
    pending = new Map()
    flushing = null
    const studio = engine.studio
    if (!studio) return
    for (const [key, lines] of batches) {
      const result = await studio.appendRuns({ projectPath: key === '' ? null : key, lines }).catch((error: Error) => ({ ok: false as const, canceled: false as const, error: error.message }))
      if (!result.ok && !result.canceled) ui.notify('error', `The runs log could not be written: ${result.error}`, 'runs')
    }
  }

  function update(id: string, fields: Partial<RunRecord>): void {
    write({ format: RUNS_FORMAT, version: RUNS_VERSION, id, ...fields })
  }

  function bind(link: EngineLink): void {
    link.on('run', (event) => write(event.line))
    link.on('sweep-progress', (event) => (sweep.value = event))
  }

  /** Reads the open project's runs log; the last run is overlaid so its curves show at once. */
  async function reload(): Promise<void> {
    const studio = engine.studio
    byId.value = new Map()
    overlaid.value = []
    lastDeleted.value = []
    if (!studio) return
    const result = await studio.readRuns({ projectPath: project.filePath }).catch(() => null)
    if (!result?.ok) {
      if (result && !result.canceled) ui.notify('warning', `The runs log could not be read: ${result.error}`, 'runs')
      return
    }
    try {
      const log = parseRunsLog(result.value.text, result.value.path)
      for (const record of log.records) byId.value.set(record.id, record)
      triggerRef(byId)
      if (log.notices.length > 0) ui.notify('warning', `${result.value.path}: ${log.notices.join('; ')}`, 'runs')
      const last = records.value.at(-1)
      if (last) overlaid.value = [last.id]
    } catch (error) {
      ui.notify('error', (error as Error).message, 'runs')
    }
  }

  /** After a save: an untitled project's runs move to the new log; a saved one's are copied there. */
  async function saved(from: string | null, to: string): Promise<void> {
    const studio = engine.studio
    if (!studio || from === to) return
    for (const [id, owner] of owners) if (owner === from) owners.set(id, to)
    await flushing
    const result = from === null ? await studio.moveRuns({ to }) : await studio.appendRuns({ projectPath: to, lines: [...byId.value.values()].map((r) => JSON.stringify(r)) })
    if (!result.ok && !result.canceled) ui.notify('error', `The runs could not be kept with the saved project: ${result.error}`, 'runs')
  }

  /** Settings of the sweep's runs that had not finished when the engine went away. */
  const lostRuns = ref<SweepProgress['runs']>([])
  /** The request of the sweep started last, so its lost runs can be asked for again. */
  const lastSweep = shallowRef<SweepRequestBody | null>(null)

  /**
   * The engine process died: its running studio run is marked crashed; a sweep's unfinished runs
   * are named (finished ones are already in the log) and can be started again.
   */
  function engineLost(): void {
    for (const r of records.value) if (r.status === 'running') update(r.id, { status: 'crashed', note: 'the engine process stopped during the run' })
    const s = sweep.value
    if (!s || (s.state !== 'running' && s.state !== 'paused')) return
    // A run whose record arrived after the last progress report did finish: it is not lost.
    const ended = (id: string | null) => id !== null && ENDED_STATUSES.includes(byId.value.get(id)?.status ?? 'running')
    lostRuns.value = s.runs.filter((r) => (r.status === 'waiting' || r.status === 'running') && !ended(r.id))
    sweep.value = { ...s, state: 'cancelled' }
    if (lostRuns.value.length > 0) {
      const kept = s.runs.length - lostRuns.value.length
      ui.notify('warning', `The engine stopped during the sweep: ${lostRunsText(lostRuns.value)} did not finish (the ${kept} that finished are kept). Use "Restart remaining runs" in Runs to run them.`, 'runs')
    }
  }

  /** A new untitled project starts with no runs. */
  async function discardUntitled(): Promise<void> {
    await engine.studio?.moveRuns({ to: null }).catch(() => undefined)
  }

  function toggleOverlay(id: string): void {
    if (overlaid.value.includes(id)) overlaid.value = overlaid.value.filter((x) => x !== id)
    else overlaid.value = [...overlaid.value, id].slice(-MAX_OVERLAYS)
  }

  function remove(ids: string[]): void {
    ids.forEach((id) => update(id, { deleted: true }))
    overlaid.value = overlaid.value.filter((id) => !ids.includes(id))
    lastDeleted.value = ids
  }

  function undoDelete(): void {
    lastDeleted.value.forEach((id) => update(id, { deleted: false }))
    lastDeleted.value = []
  }

  return { byId, records, lostRuns, lastSweep, engineLost, current, overlaid, filter, sort, sweep, sweepOpen, lastDeleted, bind, reload, saved, discardUntitled, update, toggleOverlay, remove, undoDelete, merge }
})

/** 'runs #2 (learning rate 0.03), #3 (learning rate 0.01)': each lost run by number and settings (the first six). */
function lostRunsText(lost: SweepProgress['runs']): string {
  const one = (r: SweepProgress['runs'][number]) => `#${r.index + 1} (${Object.entries(r.settings).map(([path, value]) => `${pathLabel(path)} ${value}`).join(', ')})`
  const shown = lost.slice(0, 6).map(one).join(', ')
  return `${lost.length === 1 ? 'run' : 'runs'} ${shown}${lost.length > 6 ? ` and ${lost.length - 6} more` : ''}`
}
