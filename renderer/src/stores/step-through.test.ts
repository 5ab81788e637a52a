import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { useEngineStore } from './engine'
import { stagesFor, useStepThroughStore } from './step-through'
import { useTrainingStore } from './training'

let engine: FakeEngine
beforeEach(async () => {
  setActivePinia(createPinia())
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})

describe('step-through', () => {
  it('goes forward through every layer, then backward: each layer’s error, then its dW', () => {
    expect(stagesFor(2)).toEqual([
      { pass: 'forward', layer: 0 },
      { pass: 'forward', layer: 1 },
      { pass: 'backward', layer: 1 },
      { pass: 'gradient', layer: 1 },
      { pass: 'backward', layer: 0 },
      { pass: 'gradient', layer: 0 },
    ])
  })

  it('traces the chosen sample, walks the stops within bounds and returns to the normal view', async () => {
    const walk = useStepThroughStore()
    walk.sample = 4
    await walk.start()
    expect(engine.of('trace-sample').at(-1)).toMatchObject({ sample: 4 })
    expect(walk.stage).toEqual({ pass: 'forward', layer: 0 })
    walk.previous()
    expect(walk.index).toBe(0)
    for (let i = 0; i < 10; i++) walk.next()
    expect(walk.stage).toEqual({ pass: 'gradient', layer: 0 })
    walk.finish()
    expect(walk.active).toBe(false)
    expect(walk.stage).toBeNull()
  })

  it('ends the walk when a new run starts', async () => {
    const walk = useStepThroughStore()
    await walk.start()
    expect(walk.active).toBe(true)
    await useTrainingStore().reset()
    await flushPromises()
    expect(walk.active).toBe(false)
  })
})
