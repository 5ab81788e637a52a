// The Threads setting of the training settings: 'auto' (one per core but one) or a count, sent to
// the engine with set-threads when it changes and after every load (so an engine restart gets it
// again). Kept in this page's localStorage: it describes the machine, not the project, so it is
// never written into a project file. Threads never change the numbers, only the speed.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { useEngineStore } from './engine'
import { errorText } from '../lib/errors'
import type { EngineReplies } from '../../../engine/protocol'

export type ThreadsChoice = 'auto' | number

const KEY = 'backprop-studio.threads'

function remembered(): ThreadsChoice {
  try {
    const saved = globalThis.localStorage?.getItem(KEY)
    const n = Number(saved)
    return saved && Number.isInteger(n) && n >= 1 ? n : 'auto'
  } catch {
    return 'auto'
  }
}

export const useThreadsStore = defineStore('threads', () => {
  const engine = useEngineStore()
  const choice = ref<ThreadsChoice>(remembered())
  /** The engine's answer: threads in effect, cores, and a warning above the cores. */
  const applied = ref<EngineReplies['set-threads'] | null>(null)
  const error = ref<string | null>(null)

  async function apply(): Promise<void> {
    try {
      applied.value = await engine.peek({ type: 'set-threads', threads: choice.value })
      error.value = null
    } catch (e) {
      error.value = errorText(e)
    }
  }

  function choose(next: ThreadsChoice): Promise<void> {
    choice.value = next
    try {
      globalThis.localStorage?.setItem(KEY, String(next))
    } catch {
      // Storage refused (private mode): the choice holds for this session.
    }
    return apply()
  }

  watch(() => engine.loadCount, () => void apply())

  return { choice, applied, error, apply, choose }
})
