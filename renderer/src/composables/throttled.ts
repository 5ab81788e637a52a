/**
 * A value that follows `source` at most once every `ms` while `live()` (training), and at once
 * otherwise (or when `urgent` says the change must show now): the inspector's typeset equations and factor table are rebuilt as DOM on every
 * change, which several times a second while training costs main-thread frames for little.
 */
import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'

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
    if (timer) return
    timer = setTimeout(take, Math.max(0, last + ms - performance.now()))
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
