import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import { healthWarnings, layerHealth } from '../lib/gradient-health'
import { MinMaxSeries } from '../lib/curve-series'
import { useEngineStore } from './engine'
import { useTrainingStore } from './training'

const CAPACITY = 300

/**
 * Gradient health over the run: ‖dC/dW‖ of every layer as training goes (for a log-scale chart),
 * and the vanishing/exploding verdicts and dead/saturated counts of the latest batch.
 */
export const useHealthStore = defineStore('health', () => {
  const training = useTrainingStore()
  const engine = useEngineStore()
  const series = shallowRef<MinMaxSeries[]>([])
  const version = ref(0)
  const latest = computed(() => training.layerStats)
  const verdicts = computed(() => layerHealth(latest.value))
  const warnings = computed(() => healthWarnings(latest.value))

  function reset(layers: number): void {
    series.value = markRaw(Array.from({ length: layers }, () => new MinMaxSeries(CAPACITY)))
    version.value++
  }

  // A new run (load or Reset) starts the step count again: its curves start empty.
  watch(
    () => [engine.loadCount, training.run],
    () => reset(engine.loaded?.layerShapes.length ?? 0),
  )
  watch(latest, (stats) => {
    if (stats.length === 0) return
    if (series.value.length !== stats.length) reset(stats.length)
    const step = training.status.step
    // Zero norms (a dead layer) cannot sit on a log axis; they show in the counts instead.
    stats.forEach((s, l) => s.gradNorm > 0 && series.value[l].add(step, s.gradNorm))
    version.value++
  }, { flush: 'sync' }) // every progress message counts, even two in one tick

  return { series, version, latest, verdicts, warnings }
})
