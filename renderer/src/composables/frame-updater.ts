/**
 * Coalesces change notifications into at most one call per animation frame (charts redraw at
 * the display's pace, never once per engine message).
 */
import { onBeforeUnmount } from 'vue'

export function useFrameUpdater(update: () => void): () => void {
  let frame = 0
  const run = () => {
    frame = 0
    update()
  }
  onBeforeUnmount(() => {
    if (frame) cancelAnimationFrame(frame)
  })
  return () => {
    if (!frame) frame = requestAnimationFrame(run)
  }
}
