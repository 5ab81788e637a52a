/** The system's light or dark preference, live (the studio follows it). */
import { onBeforeUnmount, ref, type Ref } from 'vue'
import type { Scheme } from '../lib/colors'

export function useColorScheme(): Ref<Scheme> {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const scheme = ref<Scheme>(query?.matches ? 'dark' : 'light')
  const update = (event: MediaQueryListEvent) => (scheme.value = event.matches ? 'dark' : 'light')
  query?.addEventListener?.('change', update)
  onBeforeUnmount(() => query?.removeEventListener?.('change', update))
  return scheme
}
