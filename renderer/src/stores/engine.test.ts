import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { LOAD_DEBOUNCE_MS, useEngineStore } from './engine'
import { useProjectStore } from './project'
import * as edits from './project-edits'
import { useTrainingStore } from './training'
import { useUiStore } from './ui'

let engine: FakeEngine

async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 20; i++) await Promise.resolve()
    await vi.runAllTimersAsync()
  }
}

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useEngineStore().attach(engine.link, fakeStudio().api, null)
})
afterEach(() => vi.useRealTimers())

describe('engine store: the engine follows the edited project', () => {
  it('loads the project at once on attach', async () => {
    await settle()
    expect(engine.of('load-project')).toHaveLength(1)
    expect(useEngineStore().loaded?.layerShapes).toEqual([[2, 8], [8, 1]])
  })

  it('rebuilds after architecture edits, once, after typing stops', async () => {
    await settle()
    const project = useProjectStore()
    project.edit((d) => edits.addHiddenLayer(d))
    await vi.advanceTimersByTimeAsync(LOAD_DEBOUNCE_MS / 2)
    project.edit((d) => edits.setUnits(d, 1, 5), 'units-1')
    await vi.advanceTimersByTimeAsync(LOAD_DEBOUNCE_MS / 2)
    expect(engine.of('load-project')).toHaveLength(1)
    await settle()
    const loads = engine.of('load-project')
    expect(loads).toHaveLength(2)
    expect(loads[1].project.network.layers.map((l) => l.units)).toEqual([8, 5, 1])
  })

  it('applies training settings with set-training, without a reload (no reset)', async () => {
    await settle()
    const project = useProjectStore()
    project.edit((d) => edits.setOptimizerField(d, 'learningRate', 0.3), 'learning-rate')
    project.edit((d) => edits.setBatchSize(d, 16))
    await settle()
    expect(engine.of('load-project')).toHaveLength(1)
    const patches = engine.of('set-training')
    expect(patches.at(-1)?.patch).toMatchObject({ batchSize: 16, optimizer: { learningRate: 0.3 } })
  })

  it('sends a pending load before a training action, so Train never runs the old network', async () => {
    await settle()
    const project = useProjectStore()
    project.edit((d) => edits.addHiddenLayer(d))
    void useTrainingStore().stepBatch()
    await settle()
    const types = engine.requests.map((r) => r.type)
    expect(types.slice(-2)).toEqual(['load-project', 'train'])
  })

  it('shows a load failure and keeps the project', async () => {
    await settle()
    engine.failNextLoad('network.layers[0].units: too big')
    const project = useProjectStore()
    project.edit((d) => edits.setUnits(d, 0, 9))
    await settle()
    expect(useEngineStore().loadError).toMatch(/too big/)
    expect(useUiStore().notices.at(-1)).toMatchObject({ kind: 'error', text: expect.stringContaining('too big') })
    expect(project.doc.network.layers[0].units).toBe(9)
  })

  it('re-sends the trained checkpoint to a restarted engine', async () => {
    await settle()
    const store = useEngineStore()
    await useTrainingStore().stepBatch()
    await store.keepCheckpoint()
    engine.reconnect()
    await settle()
    const last = engine.of('load-project').at(-1)!
    expect(last.project.weights).toBeDefined()
    expect(last.project.progress?.step).toBe(1)
  })

  it('a restarted engine resumes from the last checkpoint: the notice names its step, the curves go back to it', async () => {
    await settle()
    const store = useEngineStore()
    const training = useTrainingStore()
    for (let s = 0; s < 3; s++) await training.stepBatch()
    await store.keepCheckpoint()
    engine.emit({ type: 'progress', status: { ...engine.status, step: 3 }, losses: [1, 2, 3].map((step) => ({ step, loss: 1 / step })), epochs: [], layerStats: [] })
    for (let s = 0; s < 2; s++) await training.stepBatch()
    engine.emit({ type: 'progress', status: { ...engine.status }, losses: [4, 5].map((step) => ({ step, loss: 1 / step })), epochs: [], layerStats: [] })
    expect(training.curves.train.points.at(-1)?.x).toBe(5)
    engine.reconnect()
    await settle()
    expect(engine.of('load-project').at(-1)!.project.progress?.step).toBe(3)
    expect(useUiStore().notices.at(-1)?.text).toMatch(/resumed from step 3 \(the last checkpoint\)/)
    expect(training.status.step).toBe(3)
    expect(training.curves.train.points.map((p) => p.x)).toEqual([1, 2, 3])
    // Not a new run: nothing was archived as the previous run.
    expect(training.previous).toBeNull()
  })

  it('checkpoints every few seconds while training, less often for a big network', async () => {
    const { checkpointInterval, CHECKPOINT_MS } = await import('../lib/checkpoints')
    expect(CHECKPOINT_MS).toBeLessThanOrEqual(5000)
    expect(checkpointInterval(1000)).toBe(CHECKPOINT_MS)
    expect(checkpointInterval(2_000_000)).toBe(CHECKPOINT_MS * 10)
    await settle()
    await useTrainingStore().start()
    const exports = engine.of('checkpoint').length
    await vi.advanceTimersByTimeAsync(CHECKPOINT_MS * 3 + 10)
    expect(engine.of('checkpoint').length - exports).toBe(3)
  })

  it('Reset forgets the checkpoint: a crash after it does not bring the old weights back', async () => {
    await settle()
    const store = useEngineStore()
    await useTrainingStore().stepBatch()
    await store.keepCheckpoint()
    await useTrainingStore().reset()
    await settle()
    engine.reconnect()
    await settle()
    expect(engine.of('load-project').at(-1)!.project.progress).toBeUndefined()
  })

  it('an architecture edit while training stops training at once, not after the rebuild', async () => {
    await settle()
    await useTrainingStore().start()
    const before = engine.requests.length
    useProjectStore().edit((d) => edits.setUnits(d, 0, 5), 'units-0')
    await vi.advanceTimersByTimeAsync(LOAD_DEBOUNCE_MS / 2)
    // Stopped before the (debounced) rebuild is even sent.
    expect(engine.requests.slice(before)).toEqual([{ type: 'train', action: 'pause' }])
    await settle()
    expect(engine.of('load-project').at(-1)!.project.network.layers[0].units).toBe(5)
  })

  it('a network that costs memory or time is built only after a confirm with the estimate; declined, the edit goes back', async () => {
    await settle()
    const project = useProjectStore()
    const ui = useUiStore()
    project.edit((d) => edits.setUnits(d, 0, 100_000), 'units-0')
    await settle()
    expect(ui.confirmRequest?.message).toMatch(/^This network is large: 400,001 parameters \(a layer of 100,000 units\), about [\d.]+ [kMG]B in memory and roughly [\d,]+ steps\/s\./)
    expect(engine.of('load-project')).toHaveLength(1)
    ui.confirmRequest!.resolve('cancel')
    await settle()
    expect(project.doc.network.layers[0].units).toBe(8)
    expect(engine.of('load-project')).toHaveLength(1)
    project.edit((d) => edits.setUnits(d, 0, 100_000), 'units-0')
    await settle()
    ui.confirmRequest!.resolve('proceed')
    await settle()
    expect(engine.of('load-project').at(-1)!.project.network.layers[0].units).toBe(100_000)
  })
})

