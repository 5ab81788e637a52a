/**
 * Paces a chart's redraws to at most `maxFps()` a second, in step with its changes: a change that
 * comes before the next redraw is due waits for a later change (while training, the next progress
 * message, 25 a second), so the chart redraws in the frame the rest of the page updates in rather
 * than in a frame of its own; a timer draws the last change only when no other follows (training
 * stopped). Every frame costs layout, paint and a compositor commit on the main thread.
 */
import { onBeforeUnmount } from 'vue'

/** Longer than the interval between progress messages (40 ms): the timer is the fallback, not the pace. */
export const STRAGGLER_MS = 60

export function usePacedRedraw(redraw: () => void, maxFps: () => number, now: () => number = () => performance.now()): () => void {
  let last = -Infinity
  let straggler: ReturnType<typeof setTimeout> | null = null
  const draw = () => {
    if (straggler) clearTimeout(straggler)
    straggler = null
    last = now()
    redraw()
  }
  onBeforeUnmount(() => straggler && clearTimeout(straggler))
  return () => {
    const wait = 1000 / maxFps() - (now() - last)
    if (wait <= 0) draw()
    else straggler ??= setTimeout(draw, wait + STRAGGLER_MS)
  }
}
