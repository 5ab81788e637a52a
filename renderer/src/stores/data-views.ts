import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import type { DataSet, InputGradient, SetEvaluation } from '../../../engine/protocol'
import { singleFlight } from '../lib/single-flight'
import { liveDelay } from '../lib/live-pace'
import { useEngineStore } from './engine'
import { useTrainingStore } from './training'

/** While training, each view asks at most this often, and waits this many times its last cost between requests. */
export const MIN_EVALUATION_MS = 250
const MIN_GRADIENT_MS = 500
export const PACING = 8
/** Raw input rows kept per load (the gallery's pages; raw inputs never change with training). */
const ROW_CACHE = 2000

export interface SelectedSample {
  set: DataSet
  sample: number
}

/**
 * The views of data that is not a 2-D plane: the evaluation of the test split (confusion matrix,
 * regression scatter, the gallery's order), the raw inputs of the samples shown, the selected
 * sample and its input gradient dC/dX. Refreshed after every change and, while training, at a
 * pace that keeps them a small share of engine time (one request of each kind in flight).
 */
export const useDataViewsStore = defineStore('data-views', () => {
  const engine = useEngineStore()
  const training = useTrainingStore()
  const evaluation = shallowRef<SetEvaluation | null>(null)
  const gradient = shallowRef<InputGradient | null>(null)
  const selected = ref<SelectedSample | null>(null)
  /** Raw inputs by sample index of `evaluatedSet`, for this load. */
  const rows = shallowRef(markRaw(new Map<number, Float64Array>()))
  const rowsVersion = ref(0)
  /** Round trips (ms) of the last requests, and the engine time of the last evaluation. */
  const timing = { evaluationMs: 0, evaluationWorkMs: 0, gradientMs: 0 }
  let wantedRows: number[] = []

  const active = computed(() => !!engine.loaded && engine.loaded.dataInfo.kind !== 'plane')
  /** The test split, or the training split when everything trains. */
  const evaluatedSet = computed<DataSet>(() => ((engine.loaded?.testRows ?? 0) > 0 ? 'test' : 'train'))
  const trainingNow = () => training.running || training.wantsToRun
  const pace = (again: boolean, minimum: number, lastMs: number): number | null =>
    again && !trainingNow() ? 0 : again || trainingNow() ? Math.max(minimum, PACING * lastMs) : null

  // The confusion matrix refreshes by the engine's cost of it (a few times a second on MNIST), not its round trip.
  const evaluationPace = (again: boolean): number | null => {
    if (!active.value) return null
    if (!trainingNow()) return again ? 0 : null
    return liveDelay({ minimumMs: MIN_EVALUATION_MS, pacing: PACING, workMs: timing.evaluationWorkMs, roundTripMs: timing.evaluationMs })
  }
  const evaluationFlight = singleFlight(refreshEvaluation, { next: evaluationPace })
  const gradientFlight = singleFlight(refreshGradient, { next: (again) => (active.value && selected.value ? pace(again, MIN_GRADIENT_MS, timing.gradientMs) : null) })
  const rowsFlight = singleFlight(fetchRows)

  async function refreshEvaluation(): Promise<void> {
    if (!active.value) return
    const started = performance.now()
    const load = engine.loadCount
    try {
      const next = await engine.peek({ type: 'evaluate-set', set: evaluatedSet.value })
      timing.evaluationWorkMs = next.workMs
      if (load !== engine.loadCount) evaluationFlight.run()
      else evaluation.value = markRaw(next)
    } catch {
      // Lost to a reload or a restart: the next change asks again.
    } finally {
      timing.evaluationMs = performance.now() - started
    }
  }

  async function refreshGradient(): Promise<void> {
    const pick = selected.value
    if (!active.value || !pick) return
    const started = performance.now()
    const load = engine.loadCount
    try {
      const next = await engine.peek({ type: 'input-gradient', set: pick.set, sample: pick.sample })
      if (load !== engine.loadCount || selected.value !== pick) gradientFlight.run()
      else gradient.value = markRaw(next)
    } catch {
      // As above.
    } finally {
      timing.gradientMs = performance.now() - started
    }
  }

  async function fetchRows(): Promise<void> {
    const cache = rows.value
    const missing = wantedRows.filter((i) => !cache.has(i)).slice(0, 1000)
    if (!active.value || missing.length === 0) return
    const load = engine.loadCount
    const set = evaluatedSet.value
    try {
      const reply = await engine.peek({ type: 'sample-inputs', set, indices: missing })
      if (load !== engine.loadCount || set !== evaluatedSet.value) return
      if (cache.size + missing.length > ROW_CACHE) cache.clear()
      missing.forEach((index, k) => reply.rows[k] && cache.set(index, reply.rows[k]))
      rowsVersion.value++
    } catch {
      // As above.
    }
  }

  /** Asks for the raw inputs of these samples (of `evaluatedSet`) unless they are here already. */
  function wantRows(indices: readonly number[]): void {
    wantedRows = [...indices]
    if (indices.some((i) => !rows.value.has(i))) rowsFlight.run()
  }

  function select(sample: number | null): void {
    selected.value = sample === null ? null : { set: evaluatedSet.value, sample }
  }

  function refresh(): void {
    evaluationFlight.run()
    if (selected.value) gradientFlight.run()
  }

  watch(() => engine.loadCount, () => {
    evaluation.value = null
    gradient.value = null
    selected.value = null
    rows.value = markRaw(new Map())
    rowsVersion.value++
    refresh()
  })
  watch(() => training.status.step, () => {
    if (!trainingNow()) refresh()
  })
  watch(trainingNow, (now) => {
    if (now) {
      evaluationFlight.schedule()
      gradientFlight.schedule()
    } else refresh()
  })
  watch(selected, (pick) => {
    gradient.value = null
    if (pick) {
      wantRows([...wantedRows, pick.sample])
      gradientFlight.run()
    }
  })

  return { active, evaluatedSet, evaluation, gradient, selected, rows, rowsVersion, timing, wantRows, select, refresh }
})
