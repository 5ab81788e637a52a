/**
 * One request in flight, and one more if asked meanwhile: the rule the stores use to ask the
 * engine for pictures and inspections without queueing stale requests. `run()` starts the task,
 * or, while it runs, marks it to run again once it is done (any number of calls collapse into
 * one, and that one sees the latest state). After each run `next(again)` says when to run next:
 * null for not at all, 0 for right away, or a delay in ms (the pace while training).
 */
export interface SingleFlight {
  /** Runs now, or once more after the run in flight. A pending paced run is superseded. */
  run(): void
  /** Asks `next(false)` when to run, unless a run or a paced run is already pending (pacing starts). */
  schedule(): void
  readonly busy: boolean
  /** Drops a pending paced run. */
  cancel(): void
}

export interface SingleFlightOptions {
  /** When to run after a run ended (`again`: run() was called during it), or null for not. */
  next?(again: boolean): number | null
  setTimer?(callback: () => void, ms: number): unknown
  clearTimer?(handle: unknown): void
}

/** `task` reports its own failures (it must not reject); a rejection is dropped here. */
export function singleFlight(task: () => Promise<void>, options: SingleFlightOptions = {}): SingleFlight {
  const next = options.next ?? ((again: boolean) => (again ? 0 : null))
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms))
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>))
  let busy = false
  let again = false
  let timer: unknown = null

  function cancel(): void {
    if (timer !== null) clearTimer(timer)
    timer = null
  }

  function run(): void {
    if (busy) {
      again = true
      return
    }
    cancel()
    busy = true
    void task()
      .catch(() => undefined)
      .finally(() => {
        busy = false
        const wanted = again
        again = false
        plan(wanted)
      })
  }

  function plan(wanted: boolean): void {
    if (busy || timer !== null) return
    const delay = next(wanted)
    if (delay === null) return
    if (delay <= 0) return run()
    timer = setTimer(() => {
      timer = null
      run()
    }, delay)
  }

  return {
    run,
    schedule: () => plan(false),
    cancel,
    get busy() {
      return busy
    },
  }
}
