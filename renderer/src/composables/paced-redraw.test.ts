import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { STRAGGLER_MS, usePacedRedraw } from './paced-redraw'

afterEach(() => vi.useRealTimers())

/** Mounts a component that paces `redraw` at `fps`; returns its change notifier. */
function paced(fps: number, redraw: () => void) {
  let changed: () => void = () => undefined
  const wrapper = mount(defineComponent({ setup: () => ((changed = usePacedRedraw(redraw, () => fps, () => Date.now())), () => h('div')) }))
  return { changed: () => changed(), wrapper }
}

describe('usePacedRedraw', () => {
  it('redraws at most maxFps a second, on a change (in step with it) rather than on a timer of its own', async () => {
    vi.useFakeTimers()
    const draws: number[] = []
    const p = paced(10, () => draws.push(Date.now()))
    // Progress every 40 ms for one second: a redraw each 100 ms or so, each at a change.
    const changes: number[] = []
    for (let t = 0; t < 1000; t += 40) {
      changes.push(Date.now())
      p.changed()
      await vi.advanceTimersByTimeAsync(40)
    }
    expect(draws.length).toBeGreaterThanOrEqual(8)
    expect(draws.length).toBeLessThanOrEqual(10)
    for (const at of draws) expect(changes).toContain(at)
    p.wrapper.unmount()
  })

  it('draws the last change when no other follows, and nothing after unmount', async () => {
    vi.useFakeTimers()
    let draws = 0
    const p = paced(4, () => draws++)
    p.changed()
    expect(draws).toBe(1)
    p.changed()
    await vi.advanceTimersByTimeAsync(250 + STRAGGLER_MS - 1)
    expect(draws).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(draws).toBe(2)
    p.changed()
    p.wrapper.unmount()
    await vi.advanceTimersByTimeAsync(1000)
    expect(draws).toBe(2)
  })
})
