import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { SampleTrace } from '../../../engine/protocol'
import { useEngineStore } from './engine'
import { useTrainingStore } from './training'
import { useUiStore } from './ui'
import { errorText } from '../lib/errors'

/** One stop of the walk: a layer's forward values, its error, or its weight gradient. */
export interface Stage {
  pass: 'forward' | 'backward' | 'gradient'
  layer: number
}

/** Forward through every layer (Z, H), then backward from the output: each layer's E, then its dW. */
export function stagesFor(layers: number): Stage[] {
  const forward = Array.from({ length: layers }, (_, layer): Stage => ({ pass: 'forward', layer }))
  const backward = Array.from({ length: layers }, (_, k): Stage[] => {
    const layer = layers - 1 - k
    return [
      { pass: 'backward', layer },
      { pass: 'gradient', layer },
    ]
  }).flat()
  return [...forward, ...backward]
}

/** The step-through: one training sample walked through the network, stage by stage. */
export const useStepThroughStore = defineStore('step-through', () => {
  const engine = useEngineStore()
  const training = useTrainingStore()
  const ui = useUiStore()
  const trace = shallowRef<SampleTrace | null>(null)
  const index = ref(0)
  const sample = ref(0)
  const stages = computed(() => stagesFor(trace.value?.layers.length ?? 0))
  const stage = computed<Stage | null>(() => (trace.value ? (stages.value[index.value] ?? null) : null))
  const active = computed(() => trace.value !== null)

  async function start(): Promise<void> {
    if (training.running || training.wantsToRun) await training.pause()
    try {
      trace.value = await engine.request({ type: 'trace-sample', sample: sample.value })
      index.value = 0
    } catch (error) {
      ui.notify('error', `Step-through: ${errorText(error)}`, 'step-through')
    }
  }
  function next(): void {
    if (index.value < stages.value.length - 1) index.value++
  }
  function previous(): void {
    if (index.value > 0) index.value--
  }
  /** Back to the normal view. */
  function finish(): void {
    trace.value = null
    index.value = 0
  }

  // A trace belongs to the network and weights it was taken from: a load or a Reset ends it.
  watch(
    () => [engine.loadCount, training.run],
    () => finish(),
  )

  return { trace, index, sample, stages, stage, active, start, next, previous, finish }
})
