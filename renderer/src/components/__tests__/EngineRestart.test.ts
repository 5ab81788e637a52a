import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { HostEvent } from '../../../../engine/protocol'
import EngineRestart from '../common/EngineRestart.vue'
import { fakeEngine } from '../../../test/fake-engine'
import { fakeStudio } from '../../../test/fake-studio'
import { useEngineStore } from '../../stores/engine'
import { useTrainingStore } from '../../stores/training'
import { useUiStore } from '../../stores/ui'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

describe('EngineRestart', () => {
  it('offers "Restart engine" once the host gave up, asks the host for one, and goes when it is back', async () => {
    const studio = fakeStudio()
    const listeners: ((event: HostEvent) => void)[] = []
    studio.api.onHostEvent = (listener) => (listeners.push(listener), () => {})
    let asked = 0
    studio.api.restartEngine = async () => (asked++, true)
    const engine = fakeEngine()
    useTrainingStore().bind(engine.link)
    useEngineStore().attach(engine.link, studio.api, { kind: 'browser', nativeDialogs: false, rootFolder: '/r', version: 't' })
    const wrapper = mount(EngineRestart, { global: { plugins: [pinia] } })
    expect(wrapper.find('button').exists()).toBe(false)
    listeners.forEach((listener) => listener({ type: 'engine-unavailable', reason: 'The engine failed 5 times in a row.' }))
    await flushPromises()
    const button = wrapper.get('button')
    expect(button.text()).toBe('Restart engine')
    await button.trigger('click')
    await flushPromises()
    expect(asked).toBe(1)
    listeners.forEach((listener) => listener({ type: 'engine-restarted', reason: 'asked', attempt: 6 }))
    await flushPromises()
    expect(wrapper.find('button').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a second tab of the browser host says the studio is open elsewhere, with no restart offered', async () => {
    const studio = fakeStudio()
    const listeners: ((event: HostEvent) => void)[] = []
    studio.api.onHostEvent = (listener) => (listeners.push(listener), () => {})
    const engine = fakeEngine()
    useTrainingStore().bind(engine.link)
    const store = useEngineStore()
    store.attach(engine.link, studio.api, { kind: 'browser', nativeDialogs: false, rootFolder: '/r', version: 't' })
    const wrapper = mount(EngineRestart, { global: { plugins: [pinia] } })
    listeners.forEach((listener) => listener({ type: 'studio-elsewhere', reason: 'The studio is already open in another tab of this browser host.' }))
    await flushPromises()
    expect(store.available).toBe(false)
    expect(useUiStore().notices.at(-1)).toMatchObject({ kind: 'error', text: 'The studio is already open in another tab of this browser host.' })
    expect(wrapper.find('button').exists()).toBe(false)
    wrapper.unmount()
  })
})
