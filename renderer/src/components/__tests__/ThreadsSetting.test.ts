import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ThreadsSetting from '../training/ThreadsSetting.vue'
import { fakeEngine, type FakeEngine } from '../../../test/fake-engine'
import { fakeStudio } from '../../../test/fake-studio'
import { useEngineStore } from '../../stores/engine'

let engine: FakeEngine
let pinia: ReturnType<typeof createPinia>

beforeEach(async () => {
  localStorage.clear()
  pinia = createPinia()
  setActivePinia(pinia)
  engine = fakeEngine()
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})

/** The select named by its label, as a person finds it. */
const threadsSelect = (wrapper: ReturnType<typeof mount>) => wrapper.find('label.field select')

describe('the Threads setting', () => {
  it("starts at auto, asks the engine, and shows what auto means here", async () => {
    const wrapper = mount(ThreadsSetting, { global: { plugins: [pinia] } })
    await flushPromises()
    expect(wrapper.find('label.field > span').text()).toBe('Threads')
    expect((threadsSelect(wrapper).element as HTMLSelectElement).value).toBe('auto')
    expect(engine.of('set-threads').map((r) => r.threads)).toEqual(['auto'])
    expect(wrapper.text()).toContain('auto (3)')
    expect(wrapper.text()).toContain('3 of 4 cores')
  })

  it('sends a chosen count, remembers it, and shows the warning above the cores', async () => {
    const wrapper = mount(ThreadsSetting, { global: { plugins: [pinia] } })
    await flushPromises()
    await threadsSelect(wrapper).setValue('2')
    await flushPromises()
    expect(engine.of('set-threads').at(-1)?.threads).toBe(2)
    expect(localStorage.getItem('backprop-studio.threads')).toBe('2')
    expect(wrapper.text()).not.toMatch(/slower/)
    await threadsSelect(wrapper).setValue('6')
    await flushPromises()
    expect(wrapper.text()).toMatch(/6 threads on 4 cores: allowed, but slower/)
  })

  it('sends the setting again after every load (an engine restart keeps it)', async () => {
    mount(ThreadsSetting, { global: { plugins: [pinia] } })
    await flushPromises()
    const before = engine.of('set-threads').length
    await useEngineStore().load()
    await flushPromises()
    expect(engine.of('set-threads').length).toBe(before + 1)
  })
})
