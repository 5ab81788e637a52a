import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { useEngineStore } from './engine'
import { useTrainingStore } from './training'
import { gridResolution, neuronResolution, useVisualsStore } from './visuals'

let engine: FakeEngine
beforeEach(async () => {
  setActivePinia(createPinia())
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useVisualsStore()
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})

describe('visuals store', () => {
  it('asks for the boundary grid, the neuron grids and the weights after a load, and again after a step', async () => {
    const visuals = useVisualsStore()
    expect(engine.of('prediction-grid').map((r) => r.neurons).sort()).toEqual([false, true])
    expect(engine.of('snapshot')).toHaveLength(1)
    expect(visuals.grid?.resolution).toBe(gridResolution([[2, 8], [8, 1]]))
    expect(visuals.snapshot?.layers).toHaveLength(2)
    await useTrainingStore().stepBatch()
    await flushPromises()
    expect(engine.of('snapshot')).toHaveLength(2)
  })

  it('keeps the engine cost of pictures bounded: coarser grids for bigger networks', () => {
    expect(gridResolution([[2, 8], [8, 1]])).toBe(128)
    const w2: [number, number][] = [[2, 64], [64, 64], [64, 64], [64, 1]]
    expect(gridResolution(w2)).toBeLessThan(40)
    expect(gridResolution([[784, 4000], [4000, 4000], [4000, 10]])).toBe(24)
    expect(neuronResolution(w2)).toBe(12)
    expect(neuronResolution([[2, 8], [8, 1]])).toBe(24)
  })
})
