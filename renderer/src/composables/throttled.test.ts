import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { useThrottled } from './throttled'

afterEach(() => vi.useRealTimers())

describe('useThrottled', () => {
  it('follows at once when not live, at most every ms while live, and at once for an urgent change', async () => {
    vi.useFakeTimers()
    const source = ref(0)
    const live = ref(false)
    const shown = useThrottled(() => source.value, 1000, () => live.value, (next) => next < 0)
    source.value = 1
    await nextTick()
    expect(shown.value).toBe(1)
    live.value = true
    await nextTick()
    for (let v = 2; v <= 5; v++) {
      source.value = v
      await nextTick()
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(shown.value).toBeLessThan(5)
    await vi.advanceTimersByTimeAsync(1000)
    expect(shown.value).toBe(5)
    source.value = -1
    await nextTick()
    expect(shown.value).toBe(-1)
    source.value = 9
    await nextTick()
    live.value = false
    await nextTick()
    expect(shown.value).toBe(9)
  })
})
