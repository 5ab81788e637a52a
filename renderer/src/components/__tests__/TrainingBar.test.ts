import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import TrainingBar from '../training/TrainingBar.vue'
import { fakeEngine, type FakeEngine } from '../../../test/fake-engine'
import { fakeStudio } from '../../../test/fake-studio'
import { useEngineStore } from '../../stores/engine'
import { useProjectStore } from '../../stores/project'
import { useTrainingStore } from '../../stores/training'

let engine: FakeEngine
let pinia: ReturnType<typeof createPinia>

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})
afterEach(() => vi.useRealTimers())

const button = (wrapper: ReturnType<typeof mount>, name: string) => wrapper.findAll('button').find((b) => b.text().includes(name))!

describe('TrainingBar', () => {
  it('steps one batch at a time and shows the step counter', async () => {
    const wrapper = mount(TrainingBar, { global: { plugins: [pinia] } })
    await button(wrapper, 'Step batch').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="step"]').text()).toBe('1')
    await button(wrapper, 'Step batch').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="step"]').text()).toBe('2')
    expect(engine.of('train').map((r) => r.action)).toEqual(['step-batch', 'step-batch'])
  })

  it('trains and pauses with one button, and disables single steps while training', async () => {
    const wrapper = mount(TrainingBar, { global: { plugins: [pinia] } })
    await button(wrapper, 'Train').trigger('click')
    await flushPromises()
    expect(button(wrapper, 'Pause').attributes('aria-pressed')).toBe('true')
    expect(button(wrapper, 'Step batch').attributes('disabled')).toBeDefined()
    await button(wrapper, 'Pause').trigger('click')
    await flushPromises()
    expect(engine.of('train').map((r) => r.action)).toEqual(['start', 'pause'])
    expect(button(wrapper, 'Train').exists()).toBe(true)
  })

  it('changes the learning rate while training with set-training (no reload, no reset)', async () => {
    const wrapper = mount(TrainingBar, { global: { plugins: [pinia] } })
    await button(wrapper, 'Train').trigger('click')
    await flushPromises()
    const lr = wrapper.findAll('input').find((i) => wrapper.find(`label[for="${i.element.id}"]`).text() === 'Learning rate')!
    await lr.setValue('0.05')
    await flushPromises()
    expect(useProjectStore().doc.training.optimizer.learningRate).toBe(0.05)
    expect(engine.of('set-training').at(-1)?.patch.optimizer?.learningRate).toBe(0.05)
    expect(engine.of('load-project')).toHaveLength(1)
    expect(engine.of('train').map((r) => r.action)).toEqual(['start'])
  })

  it('shows the kernel and live steps/s from progress', async () => {
    const wrapper = mount(TrainingBar, { global: { plugins: [pinia] } })
    await button(wrapper, 'Train').trigger('click')
    await flushPromises()
    engine.emit({ type: 'progress', status: { ...engine.status, running: true, step: 500, stepsPerSecond: 1234.4 }, losses: [], epochs: [], layerStats: [] })
    await flushPromises()
    expect(wrapper.find('[data-testid="steps-per-second"]').text()).toBe('1,234')
    expect(wrapper.text()).toContain('fake')
  })
})
