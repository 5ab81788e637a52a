// The shape of the network's inputs as the loaded data describes it: an image (pixels by row and
// column, drawn as one tile), or plain columns. The diagram and the weight picker share it.
import { computed, type ComputedRef } from 'vue'
import type { InputImage } from '../lib/diagram-layout'
import { useEngineStore } from '../stores/engine'

type DataInfo = { kind: 'image'; width: number; height: number } | { kind: 'tabular'; columns: string[] } | { kind: 'plane' }

export function useInputImage(): ComputedRef<InputImage | null> {
  const engine = useEngineStore()
  return computed(() => {
    const loaded = engine.loaded as (typeof engine.loaded & { dataInfo?: DataInfo }) | null
    const info = loaded?.dataInfo
    return info?.kind === 'image' && info.width * info.height === loaded?.inputNames.length ? { width: info.width, height: info.height } : null
  })
}
