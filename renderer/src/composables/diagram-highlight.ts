// What the diagram points at beyond the selection: the step-through's current stop (a layer's
// units with their values, or the links of its dW), else the unit a divergence report names.
import { computed, type ComputedRef } from 'vue'
import type { DiagramHighlight } from '../lib/diagram-draw'
import { useStepThroughStore } from '../stores/step-through'
import { useTrainingStore } from '../stores/training'

export function useDiagramHighlight(): ComputedRef<DiagramHighlight | null> {
  const walk = useStepThroughStore()
  const training = useTrainingStore()
  return computed(() => {
    const stage = walk.stage
    const layer = stage && walk.trace?.layers[stage.layer]
    if (stage && layer) {
      if (stage.pass === 'forward') return { layer: stage.layer, values: layer.H, tone: 'step' }
      if (stage.pass === 'backward') return { layer: stage.layer, values: layer.E, tone: 'step' }
      return { layer: stage.layer, links: true, tone: 'step' }
    }
    const report = training.divergence
    return report ? { layer: report.layer, unit: report.unit, tone: 'error' } : null
  })
}
