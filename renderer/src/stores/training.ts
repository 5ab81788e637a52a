import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import type { DivergenceReport, EngineEvent, EpochMetrics, LayerStats, TrainAction, TrainingStatus } from '../../../engine/protocol'
import { MinMaxSeries, type CurvePoint } from '../lib/curve-series'
import type { CurvePairs, SavedCurves } from '../../../engine/project/types'
import { useEngineStore, type EngineLink } from './engine'
import { useProjectStore } from './project'
import { useUiStore } from './ui'
import { errorText } from '../lib/errors'
import { checkpointInterval } from '../lib/checkpoints'

/** Buckets per curve: at most twice as many points are kept and drawn, however long training runs. */
export const CURVE_CAPACITY = 400
export interface RunCurves {
  /** Loss of each training batch (thinned by the engine to ≤ 256 a message, then here). */
  train: MinMaxSeries
  /** Mean training loss of each epoch. */
  trainEpoch: MinMaxSeries
  test: MinMaxSeries
  /** Accuracy (classification) or R² (regression), per epoch. */
  metric: MinMaxSeries
  /** For Export metrics: every epoch's metrics, and every batch loss the engine sent (not thinned here). */
  log: RunLog
}

/** What Export metrics writes. The batch losses stop growing at MAX_LOGGED_BATCHES (a bound on memory). */
export interface RunLog {
  epochs: EpochMetrics[]
  batchSteps: number[]
  batchLosses: number[]
}
export const MAX_LOGGED_BATCHES = 4_000_000

export interface PreviousRun {
  train: CurvePoint[]
  test: CurvePoint[]
  metric: CurvePoint[]
}

const IDLE: TrainingStatus = { running: false, step: 0, epoch: 0, batchInEpoch: 0, batchesPerEpoch: 0, stepsPerSecond: 0, kernel: '' }

function newCurves(): RunCurves {
  return markRaw({
    train: new MinMaxSeries(CURVE_CAPACITY),
    trainEpoch: new MinMaxSeries(CURVE_CAPACITY),
    test: new MinMaxSeries(CURVE_CAPACITY),
    metric: new MinMaxSeries(CURVE_CAPACITY),
    log: { epochs: [], batchSteps: [], batchLosses: [] },
  })
}

type ProgressEvent = Extract<EngineEvent, { type: 'progress' }>
type StopReason = Extract<EngineEvent, { type: 'stopped' }>['reason'] | 'diverged'

/** Training state as the engine reports it, the cost curves, and the train/pause/step actions. */
export const useTrainingStore = defineStore('training', () => {
  const engine = useEngineStore()
  const project = useProjectStore()
  const ui = useUiStore()
  const status = ref<TrainingStatus>({ ...IDLE })
  /** The user asked to train and the engine has not stopped yet (covers the request's round trip). */
  const wantsToRun = ref(false)
  const curves = shallowRef<RunCurves>(newCurves())
  const previous = shallowRef<PreviousRun | null>(null)
  /** Bumped whenever a curve changes: charts redraw on the next animation frame, not per message. */
  const curveVersion = ref(0)
  const lastEpoch = shallowRef<EpochMetrics | null>(null)
  const layerStats = shallowRef<LayerStats[]>([])
  const divergence = shallowRef<DivergenceReport | null>(null)
  const stopReason = ref<StopReason | null>(null)
  let checkpointTimer: ReturnType<typeof setInterval> | null = null

  const running = computed(() => status.value.running)
  const metricName = computed(() => (engine.loaded?.problem === 'regression' ? 'R²' : 'Accuracy'))
  /** Bumped when a new run starts (a load or a Reset): step counts start again. */
  const run = ref(0)

  function archiveRun(): void {
    const c = curves.value
    if (c.train.points.length > 0 || c.test.points.length > 0) {
      previous.value = { train: c.train.snapshot(), test: c.test.snapshot(), metric: c.metric.snapshot() }
    }
    curves.value = newCurves()
    lastEpoch.value = null
    layerStats.value = []
    divergence.value = null
    curveVersion.value++
    run.value++
  }

  /** The curves and last metrics as a project file keeps them (nothing before the first step). */
  function curvesForFile(): SavedCurves | undefined {
    const c = curves.value
    if (c.train.points.length === 0 && c.test.points.length === 0) return undefined
    const pairs = (series: MinMaxSeries): CurvePairs => series.points.map((p) => [p.x, p.y])
    const last = lastEpoch.value
    const saved: SavedCurves = { train: pairs(c.train), trainEpoch: pairs(c.trainEpoch), test: pairs(c.test), metric: pairs(c.metric) }
    if (last) {
      const { epoch, step, trainLoss, testLoss, accuracy, r2, evaluatedOn } = last
      saved.last = { epoch, step, trainLoss, evaluatedOn, ...(Number.isFinite(testLoss) ? { testLoss } : {}), ...(accuracy !== undefined ? { accuracy } : {}), ...(r2 !== undefined ? { r2 } : {}) }
    }
    return saved
  }

  /** Shows the curves a project file saved (its run goes on from there). */
  function restoreCurves(saved: SavedCurves): void {
    const c = curves.value
    const fill = (series: MinMaxSeries, points: CurvePairs) => points.forEach(([x, y]) => series.add(x, y))
    fill(c.train, saved.train)
    fill(c.trainEpoch, saved.trainEpoch)
    fill(c.test, saved.test)
    fill(c.metric, saved.metric)
    if (saved.last) lastEpoch.value = { ...saved.last, testLoss: saved.last.testLoss ?? Number.NaN }
    curveVersion.value++
  }

  /** Drops what the curves hold beyond `step` (the steps a crash lost, trained again after the resume). */
  function rewindCurves(step: number): void {
    const c = curves.value
    for (const series of [c.train, c.trainEpoch, c.test, c.metric]) series.truncateAfter(step)
    const { log } = c
    log.epochs = log.epochs.filter((e) => e.step <= step)
    const kept = log.batchSteps.findIndex((s) => s > step)
    if (kept >= 0) log.batchSteps.length = log.batchLosses.length = kept
    if (lastEpoch.value && lastEpoch.value.step > step) lastEpoch.value = null
    curveVersion.value++
  }

  function onProgress(event: ProgressEvent): void {
    const c = curves.value
    for (const point of event.losses) c.train.add(point.step, point.loss)
    for (const point of event.losses.slice(0, Math.max(0, MAX_LOGGED_BATCHES - c.log.batchSteps.length))) {
      c.log.batchSteps.push(point.step)
      c.log.batchLosses.push(point.loss)
    }
    c.log.epochs.push(...event.epochs)
    for (const epoch of event.epochs) {
      c.trainEpoch.add(epoch.step, epoch.trainLoss)
      c.test.add(epoch.step, epoch.testLoss)
      const metric = epoch.accuracy ?? epoch.r2
      if (metric !== undefined) c.metric.add(epoch.step, metric)
      lastEpoch.value = epoch
    }
    if (event.status.step !== status.value.step) {
      project.markTrained()
      // Training goes on again: a divergence (or an engine restart) before it is history.
      if (event.status.step > status.value.step) settleNotices()
    }
    status.value = event.status
    layerStats.value = event.layerStats
    if (event.losses.length > 0 || event.epochs.length > 0) curveVersion.value++
  }

  function onStopped(next: TrainingStatus, reason: StopReason): void {
    status.value = next
    wantsToRun.value = false
    stopReason.value = reason
    stopCheckpoints()
    void engine.keepCheckpoint().catch(() => undefined)
  }

  /** Subscribes to the engine's training events. */
  function bind(link: EngineLink): void {
    link.on('progress', onProgress)
    link.on('stopped', (event) => {
      onStopped(event.status, event.reason)
      if (event.reason === 'max-epochs') ui.notify('info', `Training stopped at the epoch limit (${event.status.epoch}).`, 'training')
    })
    link.on('diverged', (event) => {
      const again = divergence.value?.step === event.report.step
      divergence.value = event.report
      onStopped(event.status, 'diverged')
      const r = event.report
      const what = again ? `Training diverged again at step ${r.step}, before it could take a step` : `Training diverged at step ${r.step}`
      ui.notify('error', `${what}: ${r.quantity} of layer ${r.layer + 1} became ${r.value} (${r.pass} pass). ${r.suggestion}`, 'training')
    })
  }

  /** The notices whose cause is gone once training moves on: a divergence, an engine restart, a failed action. */
  function settleNotices(): void {
    if (divergence.value) divergence.value = null
    ui.dismiss('training')
    ui.dismiss('engine', 'warning')
  }

  async function act(action: TrainAction): Promise<TrainingStatus | null> {
    try {
      const next = await engine.request({ type: 'train', action })
      status.value = next
      if (action === 'step-batch' || action === 'step-epoch') project.markTrained()
      return next
    } catch (error) {
      ui.notify('error', `${action}: ${errorText(error)}`, 'training')
      wantsToRun.value = false
      return null
    }
  }

  async function start(): Promise<void> {
    wantsToRun.value = true
    stopReason.value = null
    const next = await act('start')
    if (!next?.running) wantsToRun.value = false
    else startCheckpoints()
  }

  /** At most this many steps a second (the Speed control), or null for full speed. Not part of the project. */
  const speed = ref<number | null>(null)

  function setSpeed(stepsPerSecond: number | null): void {
    speed.value = stepsPerSecond
    void engine.peek({ type: 'set-speed', stepsPerSecond }).catch(() => undefined)
  }

  // A new engine (after a restart) starts at full speed: it gets the chosen speed with the project.
  watch(
    () => engine.loadCount,
    () => {
      if (speed.value !== null) void engine.peek({ type: 'set-speed', stepsPerSecond: speed.value }).catch(() => undefined)
    },
  )

  /** Straight to the engine, never behind queued requests (a load, an export): Pause answers at once. */
  async function pause(): Promise<void> {
    wantsToRun.value = false
    try {
      status.value = await engine.peek({ type: 'train', action: 'pause' })
    } catch (error) {
      ui.notify('error', `pause: ${errorText(error)}`, 'training')
    }
  }

  function toggle(): Promise<void> {
    return running.value || wantsToRun.value ? pause() : start()
  }

  const stepBatch = () => act('step-batch')
  const stepEpoch = () => act('step-epoch')

  async function reset(): Promise<void> {
    wantsToRun.value = false
    const next = await act('reset')
    if (next) {
      engine.checkpoint = null
      ui.dismiss('training')
      archiveRun()
      status.value = next
    }
  }

  function startCheckpoints(): void {
    stopCheckpoints()
    checkpointTimer = setInterval(() => void engine.keepCheckpoint().catch(() => undefined), checkpointInterval(engine.loaded?.parameterCount ?? 0))
  }

  function stopCheckpoints(): void {
    if (checkpointTimer) clearInterval(checkpointTimer)
    checkpointTimer = null
  }

  // A load is a new run unless it resumes the run (a restarted engine given the checkpoint): then
  // the curves go back to the checkpoint's step, where training continues.
  watch(
    () => engine.loadCount,
    () => {
      const loadedStatus = engine.loaded?.status ?? IDLE
      const resumes = loadedStatus.step > 0 && (engine.resumedLoad || loadedStatus.step === status.value.step)
      if (!resumes) {
        archiveRun()
        // An opened (or restored) trained project shows the curves it saved, when the engine resumes its run.
        const saved = project.doc.curves
        if (saved && loadedStatus.step > 0 && loadedStatus.step === project.doc.progress?.step) restoreCurves(saved)
      } else rewindCurves(loadedStatus.step)
      status.value = loadedStatus
      wantsToRun.value = false
      stopCheckpoints()
    },
  )

  return {
    status,
    running,
    wantsToRun,
    curves,
    previous,
    curveVersion,
    lastEpoch,
    layerStats,
    divergence,
    stopReason,
    metricName,
    run,
    bind,
    onProgress,
    start,
    pause,
    toggle,
    stepBatch,
    stepEpoch,
    reset,
    clearPrevious: () => (previous.value = null),
    curvesForFile,
    speed,
    setSpeed,
  }
})
