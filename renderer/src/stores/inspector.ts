import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef, toRaw, watch } from 'vue'
import type { GradientCheckReport, GradientCheckScope, WeightInspection, WeightRef } from '../../../engine/protocol'
import { MinMaxSeries } from '../lib/curve-series'
import { sameRef } from '../lib/names'
import { useEngineStore } from './engine'
import { useProjectStore } from './project'
import { useTrainingStore } from './training'
import { useUiStore } from './ui'
import { useVisualsStore } from './visuals'
import { errorText } from '../lib/errors'
import { singleFlight } from '../lib/single-flight'

/** While training, the inspector asks this often (without the whole-set gradient, a full pass). */
export const LIVE_MS = 250
const HISTORY_CAPACITY = 300

/** Whether a reference exists in a network of these [fanIn, units] shapes. */
export function refExists(ref: WeightRef, shapes: readonly [number, number][]): boolean {
  const shape = shapes[ref.layer]
  if (!shape || ref.j < 0 || ref.j >= shape[1]) return false
  return ref.i === 'bias' || (ref.i >= 0 && ref.i < shape[0])
}

/**
 * The gradient inspector's state: the selected weight's inspection (live while training, with the
 * whole-set gradient when paused), its value and gradient over steps, gradient checks, and edits.
 */
export const useInspectorStore = defineStore('inspector', () => {
  const engine = useEngineStore()
  const training = useTrainingStore()
  const ui = useUiStore()
  const project = useProjectStore()
  const visuals = useVisualsStore()
  const inspection = shallowRef<WeightInspection | null>(null)
  const error = ref<string | null>(null)
  const history = markRaw({ value: new MinMaxSeries(HISTORY_CAPACITY), gradient: new MinMaxSeries(HISTORY_CAPACITY) })
  const historyVersion = ref(0)
  const check = shallowRef<GradientCheckReport | null>(null)
  const checking = ref<GradientCheckScope['kind'] | null>(null)
  /** The running check was canceled by the user (its error reply is expected, not a failure). */
  let canceling = false
  const live = () => training.running || training.wantsToRun

  function clearHistory(): void {
    history.value.clear()
    history.gradient.clear()
    historyVersion.value++
  }

  /** The selected weight, when it exists in the loaded network. */
  function target(): WeightRef | null {
    const selected = ui.selection ? { ...toRaw(ui.selection) } : null
    return selected && engine.loaded && refExists(selected, engine.loaded.layerShapes) ? selected : null
  }

  /** One request in flight, the latest wins; every LIVE_MS while training. */
  const flight = singleFlight(inspect, { next: (again) => (again ? 0 : live() ? LIVE_MS : null) })

  async function inspect(): Promise<void> {
    const selected = target()
    if (!selected) return
    try {
      const result = await engine.peek({ type: 'inspect-weight', ref: selected, full: !live() })
      if (!sameRef(ui.selection, selected)) return
      inspection.value = result
      error.value = null
      history.value.add(training.status.step, result.value)
      history.gradient.add(training.status.step, result.gradBatch)
      historyVersion.value++
    } catch (failure) {
      error.value = errorText(failure)
    }
  }

  /** Asks the engine for the selected weight (none selected: shows nothing, at once). */
  function refresh(): void {
    if (target()) flight.run()
    else inspection.value = null
  }

  /** Types a new value into the selected weight (one undo step): the engine recomputes everything downstream. */
  async function setWeight(value: number): Promise<void> {
    const selected = ui.selection ? { ...toRaw(ui.selection) } : null
    if (!selected || !Number.isFinite(value)) return
    const before = inspection.value && sameRef(inspection.value.ref, selected) ? inspection.value.value : null
    if (await applyWeight(selected, value) && before !== null && before !== value) project.recordWeightEdit({ ref: selected, before, after: value })
  }

  /** Sets a weight in the engine (an edit, its undo or its redo). */
  async function applyWeight(ref: WeightRef, value: number): Promise<boolean> {
    try {
      const result = await engine.request({ type: 'set-weight', ref, value })
      // The user may have picked another weight meanwhile: show only the selected one's numbers.
      if (sameRef(ui.selection, result.ref)) inspection.value = result
      error.value = null
      // A check was of the weights before the edit.
      check.value = null
      ui.dismiss('inspector')
      project.markTrained()
      visuals.refresh()
      return true
    } catch (failure) {
      ui.notify('error', `The weight was not changed: ${errorText(failure)}`, 'inspector')
      return false
    }
  }
  project.registerWeightSetter(applyWeight)

  /** Gradient check of the selected weight, its layer, or the whole network. */
  async function runCheck(kind: Exclude<GradientCheckScope['kind'], 'input'>): Promise<void> {
    const selected = ui.selection ? { ...toRaw(ui.selection) } : null
    const scope: GradientCheckScope | null =
      kind === 'network' ? { kind } : !selected ? null : kind === 'layer' ? { kind, layer: selected.layer } : { kind, ref: selected }
    if (!scope) return
    checking.value = kind
    try {
      const report = await engine.requestAside({ type: 'gradient-check', scope })
      // A weight or layer check belongs to the selection it was asked for.
      if (kind === 'network' || sameRef(ui.selection, selected)) check.value = report
    } catch (failure) {
      // A check the user canceled is not a failure.
      if (!canceling) ui.notify('error', `The gradient check failed: ${errorText(failure)}`, 'inspector')
    } finally {
      checking.value = null
      canceling = false
    }
  }

  /** Stops a running check (the engine answers it as canceled at its next slice). */
  async function cancelCheck(): Promise<void> {
    if (checking.value === null) return
    canceling = true
    await engine.peek({ type: 'cancel' }).catch(() => undefined)
  }

  watch(
    () => ui.selection,
    () => {
      clearHistory()
      check.value = null
      refresh()
    },
  )
  watch(
    () => engine.loadCount,
    () => {
      if (ui.selection && engine.loaded && !refExists(ui.selection, engine.loaded.layerShapes)) ui.select(null)
    },
  )
  // A new run (load or Reset): the history starts again with its step count.
  watch(
    () => [engine.loadCount, training.run],
    () => {
      clearHistory()
      check.value = null
      refresh()
    },
  )
  // Frozen when paused: refreshed after each step, reset or stop, not on a timer. A step moves
  // the weights, so a check result of the weights before it no longer holds.
  watch(
    () => training.status.step,
    () => {
      if (checking.value === null) check.value = null
      if (!live()) refresh()
    },
  )
  watch(live, (now) => {
    if (now) flight.schedule()
    else {
      flight.cancel()
      refresh()
    }
  })

  return { inspection, error, history, historyVersion, check, checking, refresh, setWeight, runCheck, cancelCheck }
})
