import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { useEngineStore } from './engine'
import { useHealthStore } from './health'
import { useTrainingStore } from './training'
import type { LayerStats } from '../../../engine/protocol'

let engine: FakeEngine
beforeEach(async () => {
  setActivePinia(createPinia())
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useHealthStore()
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})

const stats = (norms: number[]): LayerStats[] =>
  norms.map((gradNorm, layer) => ({ layer, gradNorm, errorNorm: 1, meanDerivative: 0.2, updateRatio: 1e-3, deadUnits: 0, saturatedUnits: 0 }))

function progress(step: number, norms: number[]): void {
  engine.emit({ type: 'progress', status: { ...engine.status, step }, losses: [], epochs: [], layerStats: stats(norms) })
}

describe('gradient health', () => {
  it('records every layer’s gradient norm over steps and warns when the first layers vanish', () => {
    const health = useHealthStore()
    progress(1, [1e-9, 1e-4, 0.1])
    progress(2, [2e-9, 2e-4, 0.2])
    expect(health.series.map((s) => s.points.map((p) => p.y))).toEqual([[1e-9, 2e-9], [1e-4, 2e-4], [0.1, 0.2]])
    expect(health.verdicts).toEqual(['vanishing', 'ok', 'ok'])
    expect(health.warnings.join(' ')).toMatch(/Vanishing gradients in layer 1:/)
  })

  it('calls huge or non-finite gradients exploding, and is quiet when all is well', () => {
    const health = useHealthStore()
    progress(1, [0.3, 0.2, 0.1])
    expect(health.warnings).toEqual([])
    progress(2, [5e3, 0.2, 0.1])
    expect(health.verdicts[0]).toBe('exploding')
    expect(health.warnings.join(' ')).toMatch(/Exploding gradients in layer 1/)
  })

  it('starts the curves again when a run starts (Reset)', async () => {
    const health = useHealthStore()
    progress(5, [0.3, 0.2, 0.1])
    expect(health.series[0].points).toHaveLength(1)
    await useTrainingStore().reset()
    await flushPromises()
    expect(health.series.every((s) => s.points.length === 0)).toBe(true)
  })
})
