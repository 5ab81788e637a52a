/**
 * Long work written once as a generator that yields where it may be interrupted (after a chunk
 * of rows, after one cost evaluation), then run either at once (`finish`, for the CLI and the
 * tests) or in slices (`finishSliced`: the session awaits `tick` between yields, so it answers
 * other requests, and a canceled job stops there). At a yield no half-done workspace state is
 * pending: whatever runs in between may use the same buffers.
 */
export type Steps<T> = Generator<void, T, void>

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/** `tick` resolves to go on (it may wait for pending messages) or rejects to stop the work. */
export async function finishSliced<T>(steps: Steps<T>, tick: () => Promise<void> | void): Promise<T> {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    try {
      await tick()
    } catch (error) {
      // Stopped: the work's finally blocks run (a weight it moved goes back).
      steps.return(undefined as T)
      throw error
    }
  }
}
