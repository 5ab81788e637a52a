import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, toRaw, watch } from 'vue'
import type { EngineClient, EngineRequestBody } from '../host/engine-client'
import type { EngineReplies, HostInfo, LoadedProject, StudioApi, TrainingPatch } from '../../../engine/protocol'
import type { ProjectFile } from '../../../engine/project/types'
import { dataLocation } from '../lib/paths'
import { composeFile, structuralKey } from '../../../engine/project/compose'
import { unpackProject, type PackedProject } from '../../../engine/project/packed'
import { useProjectStore } from './project'
import { useUiStore } from './ui'
import { errorText } from '../lib/errors'
import { sizeWarning } from '../lib/network-rules'

/** What the renderer needs of the engine client (tests give a fake with the same shape). */
export type EngineLink = Pick<EngineClient, 'request' | 'on' | 'onReconnect'>

/** 'elsewhere': the browser host's one studio is open in another tab. */
export type ConnectionState = 'none' | 'connecting' | 'ready' | 'unavailable' | 'elsewhere'

/** Quiet time after an architecture or data edit before the engine rebuilds the network. */
export const LOAD_DEBOUNCE_MS = 250

/** What applies to a running engine without a reset. */
export function trainingPatchOf(doc: ProjectFile): TrainingPatch {
  const { optimizer, batchSize, epochs, regularization } = doc.training
  return { optimizer, batchSize, epochs, regularization }
}

/** The engine connection and keeping the engine's project equal to the edited one. */
export const useEngineStore = defineStore('engine', () => {
  const project = useProjectStore()
  const ui = useUiStore()
  const client = shallowRef<EngineLink | null>(null)
  const studio = shallowRef<StudioApi | null>(null)
  const hostInfo = shallowRef<HostInfo | null>(null)
  const connection = ref<ConnectionState>('none')
  const loaded = shallowRef<LoadedProject | null>(null)
  /** Bumped by every successful load (a new run starts). */
  const loadCount = ref(0)
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  const loadFraction = ref<number | null>(null)
  /** The last trained state the engine sent (packed: cheap to receive): what a restarted engine gets back. */
  const checkpoint = shallowRef<PackedProject | null>(null)
  /** The last load gave a restarted engine the checkpoint: the run goes on from its step (not a new run). */
  const resumedLoad = ref(false)
  /** What the restart notice says, filled in as the host event and the resumed load arrive (either first). */
  const restart: { reason: string | null; step: number | null } = { reason: null, step: null }
  const dataTexts = new Map<string, string>()

  let sentStructure: string | null = null
  let sentTraining: string | null = null
  let loadTimer: ReturnType<typeof setTimeout> | null = null
  /** The structure training was stopped for, the one being asked about, and the one the user agreed to build. */
  let stoppedFor: string | null = null
  let askingFor: string | null = null
  let confirmedStructure: string | null = null
  /** Requests that depend on the loaded project run after it, in order. */
  let queue: Promise<unknown> = Promise.resolve()

  const available = computed(() => client.value !== null && connection.value !== 'unavailable' && connection.value !== 'elsewhere')

  function attach(link: EngineLink, api: StudioApi | null, info: HostInfo | null): void {
    client.value = markRaw(link)
    studio.value = api ? markRaw(api) : null
    hostInfo.value = info
    connection.value = 'connecting'
    link.on('ready', () => (connection.value = 'ready'))
    link.on('load-progress', (event) => (loadFraction.value = event.fraction))
    link.on('error', (event) => ui.notify('error', `Engine: ${event.message}`, 'engine-error'))
    link.onReconnect(() => void resend())
    api?.onHostEvent((event) => {
      if (event.type === 'engine-restarted') {
        connection.value = 'ready'
        ui.dismiss('engine-restart')
        restart.reason = event.reason
        announceRestart()
      } else if (event.type === 'engine-unavailable') {
        connection.value = 'unavailable'
        ui.notify('error', `Training is unavailable: ${event.reason} Your project is kept; save it to keep your work.`, 'engine')
      } else if (event.type === 'studio-elsewhere') {
        connection.value = 'elsewhere'
        ui.notify('error', event.reason, 'engine')
      }
    })
    sync(true)
  }

  /** The CSV text of csv data, read through the host once and remembered. */
  async function dataText(doc: ProjectFile): Promise<string | undefined> {
    if (doc.data.source !== 'csv') return undefined
    const where = dataLocation(project.filePath, doc.data.path)
    const known = dataTexts.get(where)
    if (known !== undefined) return known
    if (!studio.value) throw new Error('no host to read the data file from')
    const result = await studio.value.readDataFile({ projectPath: project.filePath, path: doc.data.path })
    if (!result.ok) throw new Error(result.canceled ? 'reading the data file was canceled' : result.error)
    dataTexts.set(where, result.value.text)
    return result.value.text
  }

  function rememberData(location: string, text: string): void {
    dataTexts.set(location, text)
  }

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  /** Sends `doc` (the edited project, or a checkpoint of it: `resume`) to the engine. */
  function load(doc: ProjectFile = structuredClone(toRaw(project.doc)), resume = false): Promise<boolean> {
    if (loadTimer) clearTimeout(loadTimer)
    loadTimer = null
    sentStructure = structuralKey(project.doc)
    sentTraining = JSON.stringify(trainingPatchOf(project.doc))
    const link = client.value
    if (!link) return Promise.resolve(false)
    return enqueue(async () => {
      loading.value = true
      loadFraction.value = null
      try {
        const csvText = await dataText(doc)
        loaded.value = await link.request({ type: 'load-project', project: doc, csvText })
        loadError.value = null
        resumedLoad.value = resume
        // A new run: the checkpoint of the previous one must not come back after a crash.
        if (!resume) checkpoint.value = null
        loadCount.value++
        ui.dismiss('load')
        return true
      } catch (error) {
        loadError.value = errorText(error)
        sentStructure = null
        // Without an engine (unavailable, or the studio in another tab) the one notice that says why is enough.
        if (connection.value !== 'elsewhere' && connection.value !== 'unavailable') ui.notify('error', `The engine could not load the project: ${loadError.value}`, 'load')
        return false
      } finally {
        loading.value = false
        loadFraction.value = null
      }
    })
  }

  /** The network the studio shows is not the one the engine trains any more: training stops now, not after the rebuild. */
  function stopForRebuild(link: EngineLink, structure: string): void {
    if (stoppedFor === structure || !loaded.value) return
    stoppedFor = structure
    void link.request({ type: 'train', action: 'pause' }).catch(() => undefined)
  }

  /** Builds the edited network, after a confirm when its size costs memory or time (the warning's estimate). */
  async function buildOrAsk(): Promise<boolean> {
    const structure = structuralKey(project.doc)
    const warning = sentStructure === null ? null : sizeWarning(project.doc.network, project.doc.training)
    if (!warning || confirmedStructure === structure) return load()
    if (askingFor === structure) return false
    askingFor = structure
    const build = await ui.askProceed('Build a large network?', `${warning} The studio stays responsive while it works, and Pause answers at once.`, 'Build it')
    askingFor = null
    if (build) {
      confirmedStructure = structure
      return structuralKey(project.doc) === structure ? load() : false
    }
    // Not built: the edit that made it goes back (the engine still has the network before it).
    if (structuralKey(project.doc) === structure) project.undo()
    return false
  }

  /** Compares the edited project with what the engine has, and sends the difference. */
  function sync(immediate = false): void {
    const link = client.value
    if (!link) return
    const structure = structuralKey(project.doc)
    if (structure !== sentStructure) {
      stopForRebuild(link, structure)
      if (loadTimer) clearTimeout(loadTimer)
      if (immediate) void buildOrAsk()
      else loadTimer = setTimeout(() => void buildOrAsk(), LOAD_DEBOUNCE_MS)
      return
    }
    const training = JSON.stringify(trainingPatchOf(project.doc))
    if (training === sentTraining) return
    // A plain copy: reactive proxies cannot cross a MessagePort.
    const patch = JSON.parse(training) as TrainingPatch
    sentTraining = training
    enqueue(() => link.request({ type: 'set-training', patch })).catch((error) =>
      ui.notify('error', `The training settings were not applied: ${errorText(error)}`, 'training'),
    )
  }

  /** Runs a request after the engine has the edited project (sending pending changes first). */
  function request<R extends EngineRequestBody>(body: R): Promise<EngineReplies[R['type']]> {
    const link = client.value
    if (!link) return Promise.reject(new Error('the engine is not connected'))
    sync(true)
    return enqueue(() => link.request(body))
  }

  /**
   * A long request (a gradient check) that needs the edited project loaded first but holds up no
   * later request: Reset, Undo and steps go on while the engine works on it in slices.
   */
  function requestAside<R extends EngineRequestBody>(body: R): Promise<EngineReplies[R['type']]> {
    const link = client.value
    if (!link) return Promise.reject(new Error('the engine is not connected'))
    sync(true)
    return queue.then(() => link.request(body))
  }

  /** A request that must not wait behind training requests (grids, snapshots while training). */
  function peek<R extends EngineRequestBody>(body: R): Promise<EngineReplies[R['type']]> {
    const link = client.value
    if (!link) return Promise.reject(new Error('the engine is not connected'))
    return link.request(body)
  }

  /** Exports the trained project (weights, optimizer state, progress). */
  async function exportTrained(): Promise<ProjectFile | null> {
    if (!client.value || !loaded.value) return null
    return request({ type: 'export-project' })
  }

  /** Keeps the trained state (weights, optimizer state, progress) as the checkpoint. */
  async function keepCheckpoint(): Promise<void> {
    if (!client.value || !loaded.value) return
    checkpoint.value = await request({ type: 'checkpoint' })
  }

  /** After an engine restart: the checkpoint when it is of the current project, else the project. */
  async function resend(): Promise<void> {
    const file = composeFile(toRaw(project.doc), checkpoint.value && unpackProject(checkpoint.value))
    if (await load(file, file.progress !== undefined)) {
      restart.step = loaded.value?.status.step ?? 0
      announceRestart()
    }
  }

  /** One notice for a restart: why the engine stopped, and the step training resumes from. */
  function announceRestart(): void {
    const { reason, step } = restart
    const stopped = reason !== null ? `The engine stopped (${reason}) and was restarted` : 'The engine was restarted'
    const resumed =
      step === null ? 'your project is being sent to it again.' : step > 0 ? `training resumed from step ${step.toLocaleString('en-US')} (the last checkpoint).` : 'your project was sent to it again.'
    ui.notify('warning', `${stopped}; ${resumed}`, 'engine')
    if (reason !== null && step !== null) restart.reason = restart.step = null
  }

  watch(() => project.revision, () => sync())

  return {
    client,
    studio,
    hostInfo,
    connection,
    available,
    loaded,
    loadCount,
    loading,
    loadError,
    loadFraction,
    checkpoint,
    resumedLoad,
    attach,
    load,
    sync,
    request,
    requestAside,
    peek,
    exportTrained,
    keepCheckpoint,
    rememberData,
    dataText,
  }
})
