import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { fakeStudio } from '../../test/fake-studio'
import { MIN_EVALUATION_MS, PACING, useDataViewsStore } from './data-views'
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

  describe('while training, on a fake clock', () => {
    afterEach(() => vi.useRealTimers())

    /** Trains for `ms` of fake time; how many evaluations were asked for meanwhile. */
    async function evaluationsWhileTraining(ms: number): Promise<number> {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] })
      await useTrainingStore().start()
      await vi.advanceTimersByTimeAsync(0)
      const before = engine.of('evaluate-set').length
      await vi.advanceTimersByTimeAsync(ms)
      return engine.of('evaluate-set').length - before
    }

    it('refreshes the confusion matrix four times a second when an evaluation costs the engine 20 ms', async () => {
      engine.evaluationMs = 20
      expect(MIN_EVALUATION_MS).toBe(250)
      expect(await evaluationsWhileTraining(2000)).toBe(8)
    })

    it('a costly evaluation is asked for less often: at most 1/PACING of the engine time', async () => {
      engine.evaluationMs = 100
      expect(await evaluationsWhileTraining(4000)).toBe(Math.floor(4000 / (PACING * 100)))
    })

    it('a slow reply (behind a checkpoint on the socket) delays one refresh, not the cadence after it', async () => {
      engine.evaluationMs = 20
      const original = engine.link.request
      const sent: number[] = []
      engine.link.request = ((body: { type: string }) => {
        if (body.type !== 'evaluate-set' || !useTrainingStore().running) return original(body as never)
        sent.push(performance.now())
        if (sent.length !== 2) return original(body as never)
        return new Promise((resolve) => setTimeout(() => resolve(original(body as never)), 700))
      }) as typeof original
      await evaluationsWhileTraining(2400)
      // Every 250 ms; the second is answered 700 ms late and the next goes at once, then 250 ms apart again.
      const start = sent[0]
      expect(sent.map((t) => Math.round(t - start))).toEqual([0, 250, 950, 1200, 1450, 1700, 1950])
    })
  })
})
