import { describe, expect, it } from 'vitest'
import { singleFlight } from './single-flight'

/** A task whose runs the test ends by hand, and timers the test fires by hand. */
function harness(next?: (again: boolean) => number | null) {
  const runs: (() => void)[] = []
  const timers = new Map<number, { callback: () => void; ms: number }>()
  let ids = 0
  const flight = singleFlight(() => new Promise<void>((resolve) => runs.push(resolve)), {
    next,
    setTimer: (callback, ms) => (timers.set(++ids, { callback, ms }), ids),
    clearTimer: (id) => timers.delete(id as number),
  })
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  const finish = async (index: number) => (runs[index](), settle())
  const fire = () => {
    const [[id, timer]] = timers
    timers.delete(id)
    timer.callback()
  }
  return { flight, runs, timers, finish, fire }
}

describe('singleFlight', () => {
  it('keeps one run in flight and collapses the calls made meanwhile into one more run', async () => {
    const h = harness()
    h.flight.run()
    h.flight.run()
    h.flight.run()
    expect(h.runs).toHaveLength(1)
    expect(h.flight.busy).toBe(true)
    await h.finish(0)
    expect(h.runs).toHaveLength(2) // the one asked for meanwhile, right away
    await h.finish(1)
    expect(h.runs).toHaveLength(2)
    expect(h.flight.busy).toBe(false)
  })

  it('paces the next run by next(): a delay waits on a timer, null stops', async () => {
    let pacing = true
    const h = harness((again) => (again ? 0 : pacing ? 250 : null))
    h.flight.schedule()
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([250])
    expect(h.runs).toHaveLength(0)
    h.fire()
    expect(h.runs).toHaveLength(1)
    await h.finish(0)
    expect(h.timers.size).toBe(1) // paced again
    pacing = false
    h.fire()
    await h.finish(1)
    expect(h.timers.size).toBe(0)
    expect(h.runs).toHaveLength(2)
  })

  it('a run asked for now supersedes a pending paced run; cancel drops it', async () => {
    const h = harness(() => 500)
    h.flight.schedule()
    expect(h.timers.size).toBe(1)
    h.flight.run()
    expect(h.timers.size).toBe(0)
    expect(h.runs).toHaveLength(1)
    await h.finish(0)
    expect(h.timers.size).toBe(1)
    h.flight.cancel()
    expect(h.timers.size).toBe(0)
  })

  it('a failed run does not stop the next one', async () => {
    let calls = 0
    const flight = singleFlight(async () => {
      calls++
      if (calls === 1) throw new Error('lost')
    })
    flight.run()
    flight.run()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(calls).toBe(2)
    expect(flight.busy).toBe(false)
  })
})
