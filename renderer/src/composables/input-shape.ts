// The shape of the network's inputs as the loaded data describes it: an image (pixels by row and
// column, drawn as one tile), or plain columns. The diagram and the weight picker share it.
import { computed, type ComputedRef } from 'vue'
import type { InputImage } from '../lib/diagram-layout'
import { useEngineStore } from '../stores/engine'

export function useInputImage(): ComputedRef<InputImage | null> {
  const engine = useEngineStore()
  return computed(() => {
    const loaded = engine.loaded
    const info = loaded?.dataInfo
    // The network sees the pixels themselves (no features made of them): one input per pixel.
    return info?.kind === 'image' && info.width * info.height === loaded?.layerShapes[0]?.[0] ? { width: info.width, height: info.height } : null
  })
}
