import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { useDataViewsStore } from './data-views'
import { useEngineStore } from './engine'
import { useProjectStore } from './project'
import { useTrainingStore } from './training'

let engine: FakeEngine
beforeEach(async () => {
  setActivePinia(createPinia())
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useDataViewsStore()
  const project = useProjectStore()
  project.edit((d) => {
    d.data = { source: 'builtin', name: 'digits', trainFraction: 0.8 }
    d.network.inputs = 64
  })
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})

describe('data views store', () => {
  it('evaluates the test split after a load and after each step, never two at once', async () => {
    const views = useDataViewsStore()
    expect(views.active).toBe(true)
    expect(engine.of('evaluate-set')).toEqual([{ type: 'evaluate-set', set: 'test' }])
    expect(views.evaluation?.confusion).toHaveLength(3)
    await useTrainingStore().stepBatch()
    await flushPromises()
    expect(engine.of('evaluate-set')).toHaveLength(2)
  })

  it('fetches raw inputs only for samples not cached, and the input gradient of the selection', async () => {
    const views = useDataViewsStore()
    views.wantRows([3, 4])
    await flushPromises()
    views.wantRows([4, 5])
    await flushPromises()
    expect(engine.of('sample-inputs').map((r) => r.indices)).toEqual([[3, 4], [5]])
    expect(views.rows.get(5)?.length).toBe(64)
    views.select(7)
    await flushPromises()
    expect(engine.of('input-gradient')).toEqual([{ type: 'input-gradient', set: 'test', sample: 7 }])
    expect(views.gradient?.sample).toBe(7)
  })

  it('stays idle on 2-D data (the decision boundary shows it)', async () => {
    useProjectStore().edit((d) => {
      d.data = { source: 'synthetic', name: 'circle', samples: 100, noise: 0, trainFraction: 0.8 }
      d.network.inputs = 2
    })
    await flushPromises()
    await new Promise((wake) => setTimeout(wake, 400))
    await flushPromises()
    expect(useDataViewsStore().active).toBe(false)
    expect(engine.of('evaluate-set')).toHaveLength(1)
  })
})
