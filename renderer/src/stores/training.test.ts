import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { useEngineStore } from './engine'
import { useProjectStore } from './project'
import { useTrainingStore } from './training'
import { useUiStore } from './ui'

let engine: FakeEngine
const settle = async () => {
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 20; i++) await Promise.resolve()
    await vi.runAllTimersAsync()
  }
}

beforeEach(async () => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await settle()
})
afterEach(() => vi.useRealTimers())

function progress(fromStep: number, steps: number, epochs: { epoch: number; step: number; testLoss: number; accuracy: number }[] = []) {
  const status = { ...engine.status, running: true, step: fromStep + steps }
  engine.status = status
  engine.emit({
    type: 'progress',
    status,
    losses: Array.from({ length: steps }, (_, i) => ({ step: fromStep + i + 1, loss: 1 / (fromStep + i + 2) })),
    epochs: epochs.map((e) => ({ ...e, trainLoss: e.testLoss, evaluatedOn: 'test' as const })),
    layerStats: [],
  })
}

describe('training store', () => {
  it('steps exactly one batch and counts it', async () => {
    const training = useTrainingStore()
    await training.stepBatch()
    expect(training.status.step).toBe(1)
    await training.stepBatch()
    expect(training.status.step).toBe(2)
    expect(useProjectStore().dirty).toBe(true)
  })

  it('grows the curves from progress events and bumps a version the charts redraw on', () => {
    const training = useTrainingStore()
    const version = training.curveVersion
    progress(0, 100, [{ epoch: 1, step: 100, testLoss: 0.5, accuracy: 0.7 }])
    progress(100, 50)
    expect(training.curves.train.count).toBe(150)
    expect(training.curves.test.points).toEqual([{ x: 100, y: 0.5 }])
    expect(training.curves.metric.points).toEqual([{ x: 100, y: 0.7 }])
    expect(training.status.step).toBe(150)
    expect(training.curveVersion).toBeGreaterThan(version)
  })

  it('keeps the run as a faded overlay after Reset and starts new curves at step 0', async () => {
    const training = useTrainingStore()
    progress(0, 20, [{ epoch: 1, step: 20, testLoss: 0.4, accuracy: 0.8 }])
    await training.reset()
    expect(training.status.step).toBe(0)
    expect(training.curves.train.count).toBe(0)
    expect(training.previous?.train).toHaveLength(20)
    expect(training.previous?.test).toEqual([{ x: 20, y: 0.4 }])
  })

  it('pauses: the engine stops, checkpoints are exported, curves stop growing', async () => {
    const training = useTrainingStore()
    await training.start()
    expect(training.wantsToRun).toBe(true)
    progress(0, 10)
    await training.pause()
    engine.emit({ type: 'stopped', status: { ...engine.status, running: false }, reason: 'paused' })
    await settle()
    expect(training.running).toBe(false)
    expect(engine.of('checkpoint').length).toBeGreaterThan(0)
    expect(useEngineStore().checkpoint?.spec.progress?.step).toBe(10)
    // Paused, the curves hold what the engine sent and nothing adds to them while time passes.
    const points = training.curves.train.count
    const version = training.curveVersion
    expect(points).toBeGreaterThan(0)
    vi.useFakeTimers()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(training.curves.train.count).toBe(points)
    expect(training.curveVersion).toBe(version)
    expect(engine.of('train').map((r) => r.action)).toEqual(['start', 'pause'])
  })

  it('a divergence that repeats at once says so; training that moves on again clears the report and its notice', async () => {
    const training = useTrainingStore()
    const ui = useUiStore()
    const report = { step: 9, epoch: 0, layer: 2, unit: 0, pass: 'forward' as const, quantity: 'Z', value: Infinity, suggestion: 'Press Reset to start again from fresh weights.', resetNeeded: true as const }
    engine.emit({ type: 'diverged', status: { ...engine.status, step: 9 }, report })
    expect(ui.notices.at(-1)?.text).toMatch(/^Training diverged at step 9: Z of layer 3 became Infinity/)
    engine.emit({ type: 'diverged', status: { ...engine.status, step: 9 }, report })
    expect(ui.notices.filter((n) => n.key === 'training')).toHaveLength(1)
    expect(ui.notices.at(-1)?.text).toMatch(/^Training diverged again at step 9, before it could take a step: .*Press Reset/)
    expect(training.divergence?.resetNeeded).toBe(true)
    engine.status = { ...engine.status, step: 9 }
    progress(9, 5)
    expect(training.divergence).toBeNull()
    expect(ui.notices.some((n) => n.key === 'training')).toBe(false)
  })

  it('Pause goes straight to the engine, never behind a queued request', async () => {
    const training = useTrainingStore()
    await training.start()
    let release!: () => void
    const original = engine.link.request
    // A queued request (an export) that the engine has not answered yet.
    engine.link.request = ((body: { type: string }) =>
      body.type === 'export-project' ? new Promise((resolve) => (release = () => resolve(original(body as never)))) : original(body as never)) as typeof original
    const exporting = useEngineStore().exportTrained()
    await vi.advanceTimersByTimeAsync(0)
    expect(release).toBeTypeOf('function')
    await training.pause()
    expect(engine.requests.at(-1)).toEqual({ type: 'train', action: 'pause' })
    expect(training.running).toBe(false)
    release()
    await exporting
  })

  it('the Speed control reaches the engine, and a restarted engine gets it again', async () => {
    const training = useTrainingStore()
    training.setSpeed(3)
    await settle()
    expect(engine.of('set-speed').at(-1)).toEqual({ type: 'set-speed', stepsPerSecond: 3 })
    engine.reconnect()
    await settle()
    expect(engine.of('set-speed')).toHaveLength(2)
    training.setSpeed(null)
    await settle()
    expect(engine.of('set-speed').at(-1)?.stepsPerSecond).toBeNull()
  })
})

