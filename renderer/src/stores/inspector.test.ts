import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { useEngineStore } from './engine'
import { LIVE_MS, refExists, useInspectorStore } from './inspector'
import { useTrainingStore } from './training'
import { useUiStore } from './ui'
import { useProjectStore } from './project'
import { useVisualsStore } from './visuals'

let engine: FakeEngine
beforeEach(async () => {
  setActivePinia(createPinia())
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useVisualsStore()
  useInspectorStore()
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})
afterEach(() => vi.useRealTimers())

describe('inspector store', () => {
  it('inspects the selected weight with the whole-set gradient when paused, and keeps its history', async () => {
    const inspector = useInspectorStore()
    useUiStore().select({ layer: 0, i: 1, j: 3 })
    await flushPromises()
    expect(engine.of('inspect-weight').at(-1)).toMatchObject({ ref: { layer: 0, i: 1, j: 3 }, full: true })
    const first = engine.lastReply('inspect-weight')!
    expect(inspector.inspection).toEqual(first)
    await useTrainingStore().stepBatch()
    await flushPromises()
    // After the step the store asked again and shows the new answer; the history holds both, by step.
    const second = engine.lastReply('inspect-weight')!
    expect(second).not.toBe(first)
    expect(inspector.inspection).toEqual(second)
    expect(inspector.history.value.points.map((p) => [p.x, p.y])).toEqual([[0, first.value], [1, second.value]])
  })

  it('refreshes live while training, without the full pass, and stops when paused', async () => {
    vi.useFakeTimers()
    useUiStore().select({ layer: 1, i: 'bias', j: 0 })
    await vi.advanceTimersByTimeAsync(10)
    await useTrainingStore().start()
    const before = engine.of('inspect-weight').length
    await vi.advanceTimersByTimeAsync(LIVE_MS * 4 + 10)
    const live = engine.of('inspect-weight').slice(before)
    expect(live.length).toBeGreaterThanOrEqual(3)
    expect(live.every((r) => r.full === false)).toBe(true)
    await useTrainingStore().pause()
    await vi.advanceTimersByTimeAsync(10)
    const paused = engine.of('inspect-weight').length
    await vi.advanceTimersByTimeAsync(LIVE_MS * 4)
    expect(engine.of('inspect-weight').length).toBe(paused)
    expect(engine.of('inspect-weight').at(-1)?.full).toBe(true)
  })

  it('edits the weight through the engine and refreshes the pictures', async () => {
    const inspector = useInspectorStore()
    useUiStore().select({ layer: 0, i: 0, j: 0 })
    await flushPromises()
    const snapshots = engine.of('snapshot').length
    await inspector.setWeight(2.5)
    await flushPromises()
    expect(engine.of('set-weight').at(-1)).toMatchObject({ ref: { layer: 0, i: 0, j: 0 }, value: 2.5 })
    expect(inspector.inspection).toEqual(engine.lastReply('set-weight'))
    expect(engine.of('snapshot').length).toBeGreaterThan(snapshots)
  })

  it('checks the selected weight, its layer or the network', async () => {
    const inspector = useInspectorStore()
    useUiStore().select({ layer: 1, i: 4, j: 0 })
    await flushPromises()
    await inspector.runCheck('layer')
    await inspector.runCheck('weight')
    await inspector.runCheck('network')
    expect(engine.of('gradient-check').map((r) => r.scope)).toEqual([
      { kind: 'layer', layer: 1 },
      { kind: 'weight', ref: { layer: 1, i: 4, j: 0 } },
      { kind: 'network' },
    ])
    expect(inspector.check).toEqual(engine.lastReply('gradient-check'))
  })

  it('drops a selection the network no longer has', () => {
    expect(refExists({ layer: 0, i: 1, j: 7 }, [[2, 8], [8, 1]])).toBe(true)
    expect(refExists({ layer: 0, i: 2, j: 0 }, [[2, 8], [8, 1]])).toBe(false)
    expect(refExists({ layer: 1, i: 'bias', j: 1 }, [[2, 8], [8, 1]])).toBe(false)
    expect(refExists({ layer: 2, i: 0, j: 0 }, [[2, 8], [8, 1]])).toBe(false)
  })

  it('shows an edit’s reply only if its weight is still the one selected, and restarts the history on Reset', async () => {
    const inspector = useInspectorStore()
    const ui = useUiStore()
    ui.select({ layer: 0, i: 0, j: 0 })
    await flushPromises()
    const editing = inspector.setWeight(3)
    ui.select({ layer: 0, i: 1, j: 1 })
    await editing
    await flushPromises()
    expect(inspector.inspection?.ref).toEqual({ layer: 0, i: 1, j: 1 })
    await useTrainingStore().stepBatch()
    await flushPromises()
    expect(inspector.history.value.points.length).toBeGreaterThan(0)
    await useTrainingStore().reset()
    await flushPromises()
    expect(inspector.history.value.points.map((p) => p.x)).toEqual([0])
  })

  it('undoes and redoes a weight edit like any edit, and an old check result goes when the weight changes', async () => {
    const inspector = useInspectorStore()
    const project = useProjectStore()
    useUiStore().select({ layer: 0, i: 1, j: 0 })
    await flushPromises()
    expect(inspector.inspection?.value).toBe(0.5)
    await inspector.runCheck('weight')
    expect(inspector.check).not.toBeNull()
    await inspector.setWeight(2.5)
    await flushPromises()
    expect(inspector.check).toBeNull()
    expect(project.canUndo).toBe(true)
    expect(project.undo()).toBe(true)
    await flushPromises()
    expect(engine.of('set-weight').at(-1)).toMatchObject({ ref: { layer: 0, i: 1, j: 0 }, value: 0.5 })
    expect(inspector.inspection?.value).toBe(0.5)
    expect(project.canRedo).toBe(true)
    expect(project.redo()).toBe(true)
    await flushPromises()
    expect(engine.of('set-weight').at(-1)).toMatchObject({ value: 2.5 })
    expect(engine.of('set-weight')).toHaveLength(3)
    // A step moves the weights too: the check of the weights before it goes.
    await inspector.runCheck('network')
    await useTrainingStore().stepBatch()
    await flushPromises()
    expect(inspector.check).toBeNull()
  })
})
