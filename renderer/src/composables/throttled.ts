/**
 * A value that follows `source` at most once every `ms` while `live()` (training), and at once
 * otherwise (or when `urgent` says the change must show now): the inspector's typeset equations and factor table are rebuilt as DOM on every
 * change, which several times a second while training costs main-thread frames for little.
 */
import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'
import { STRAGGLER_MS } from './paced-redraw'

export function useThrottled<T>(source: () => T, ms: number, live: () => boolean, urgent: (next: T, shown: T) => boolean = () => false): Readonly<Ref<T>> {
  const value = shallowRef(source()) as Ref<T>
  let last = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const take = () => {
    timer = null
    last = performance.now()
    value.value = source()
  }
  watch(source, (next) => {
    if (!live() || urgent(next, value.value)) {
      if (timer) clearTimeout(timer)
      take()
      return
    }
    // Due: take it now, in the frame this change renders in anyway (the timer would cost a frame of its own).
    const due = last + ms - performance.now()
    if (due <= 0) {
      if (timer) clearTimeout(timer)
      take()
      return
    }
    // The timer takes the last change only when no later one comes (training stopped).
    timer ??= setTimeout(take, due + STRAGGLER_MS)
  })
  // Stopping training shows the latest at once.
  watch(live, (now) => {
    if (!now) {
      if (timer) clearTimeout(timer)
      take()
    }
  })
  onBeforeUnmount(() => timer && clearTimeout(timer))
  return value
}
