/**
 * Starts the studio inside its host: connects the engine, wires its events to the stores,
 * keeps the window title and dirty state with the host, autosaves, offers a restore, and
 * routes menu commands and shortcuts. Without a host (plain unit tests) it does nothing.
 */
import { onBeforeUnmount, watch } from 'vue'
import { connectEngine } from '../host/engine-client'
import type { StudioApi } from '../../../engine/protocol'
import { useEngineStore, type EngineLink } from '../stores/engine'
import { useProjectStore } from '../stores/project'
import { useRunsStore } from '../stores/runs'
import { useTrainingStore } from '../stores/training'
import { useUiStore } from '../stores/ui'
import { useVisualsStore } from '../stores/visuals'
import { shortcutFor, useCommands } from './commands'
import { useDocumentActions } from './document-actions'

/** While the project has unsaved changes, a copy goes to the host this often. */
export const AUTOSAVE_MS = 10_000

export interface SessionOptions {
  studio?: StudioApi | null
  /** Makes the engine link (tests pass a fake). */
  connect?: (studio: StudioApi) => EngineLink
}

export function useStudioSession(options: SessionOptions = {}): void {
  const studio = options.studio === undefined ? (window.studio ?? null) : options.studio
  const project = useProjectStore()
  const engine = useEngineStore()
  const training = useTrainingStore()
  const runs = useRunsStore()
  const ui = useUiStore()
  useVisualsStore()
  const commands = useCommands()
  const documents = useDocumentActions()
  const cleanups: (() => void)[] = []

  watch(() => project.windowTitle, (title) => (document.title = title), { immediate: true })
  onBeforeUnmount(() => cleanups.forEach((cleanup) => cleanup()))

  if (!studio) {
    ui.notify('error', 'No studio host: open the studio with npm start (desktop) or npm run web (browser). Training is unavailable.', 'engine')
    return
  }

  const onKey = (event: KeyboardEvent) => {
    const command = shortcutFor(event, engine.hostInfo?.kind !== 'electron')
    if (!command) return
    event.preventDefault()
    void commands[command]()
  }
  window.addEventListener('keydown', onKey)
  cleanups.push(() => window.removeEventListener('keydown', onKey))

  cleanups.push(
    studio.onHostEvent((event) => {
      if (event.type === 'menu') void commands[event.command](event.path)
      else if (event.type === 'save-before-close') {
        void documents.save().then((saved) => {
          if (saved) studio.closeWindow()
        })
      }
    }),
  )

  watch(
    () => [project.windowTitle, project.dirty] as const,
    ([title, dirty]) => studio.setDocumentState({ title, dirty }),
    { immediate: true },
  )

  // A closed tab must not leave the engine training for nobody (the browser host keeps running).
  const onPageHide = () => {
    if (training.running || training.wantsToRun) void engine.client?.request({ type: 'train', action: 'pause' }).catch(() => undefined)
  }
  window.addEventListener('pagehide', onPageHide)
  cleanups.push(() => window.removeEventListener('pagehide', onPageHide))

  // One copy at a time: a slow one (a big network) is not overtaken by the next.
  let autosaving = false
  const autosave = setInterval(() => {
    if (autosaving || !project.dirty) return
    autosaving = true
    void documents
      .autosave()
      .catch(() => undefined)
      .finally(() => (autosaving = false))
  }, AUTOSAVE_MS)
  cleanups.push(() => clearInterval(autosave))

  void start(studio)

  async function start(api: StudioApi): Promise<void> {
    const info = await api.hostInfo().catch(() => null)
    const link = options.connect ? options.connect(api) : connectEngine(api)
    training.bind(link)
    runs.bind(link)
    cleanups.push(api.onHostEvent((event) => event.type === 'engine-restarted' && runs.engineLost()))
    engine.attach(link, api, info)
    const saved = await api.takeAutosave().catch(() => null)
    if (saved) ui.restoreOffer = saved
    // The untitled project's runs belong to the autosave a crash left; without one they are stale.
    else await runs.discardUntitled()
    await runs.reload()
  }
}
