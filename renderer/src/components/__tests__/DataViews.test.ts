import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { fakeEngine, type FakeEngine } from '../../../test/fake-engine'
import { fakeStudio } from '../../../test/fake-studio'
import ConfusionMatrix from '../views/ConfusionMatrix.vue'
import InputGradient from '../views/InputGradient.vue'
import SampleGallery from '../views/SampleGallery.vue'
import { useDataViewsStore } from '../../stores/data-views'
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
  useDataViewsStore()
  useProjectStore().edit((d) => {
    d.data = { source: 'builtin', name: 'digits', trainFraction: 0.8 }
    d.network.inputs = 64
  })
  useEngineStore().attach(engine.link, fakeStudio().api, null)
  await flushPromises()
})

describe('ConfusionMatrix', () => {
  it('is a table named "Confusion matrix" with class names on both axes, counts, recall and precision', () => {
    const wrapper = mount(ConfusionMatrix, { props: { confusion: [[8, 2], [0, 5]], names: ['benign', 'malignant'], set: 'test' } })
    const table = wrapper.find('table[aria-label="Confusion matrix"]')
    expect(table.exists()).toBe(true)
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['True classtrue↓', 'benign', 'malignant', 'Recall'])
    expect(table.findAll('tbody th').map((th) => th.text())).toEqual(['benign', 'malignant'])
    expect(table.findAll('tbody tr')[0].findAll('td').map((td) => td.text())).toEqual(['8', '2', '80.0%'])
    expect(table.find('tfoot').text()).toContain('71.4%')
  })
})

describe('SampleGallery', () => {
  it('shows the samples by loss as images; "Misclassified only" filters; clicking selects', async () => {
    const wrapper = mount(SampleGallery, { global: { plugins: [pinia] } })
    await flushPromises()
    const samples = () => wrapper.findAll('button.sample')
    // The fake evaluation: 30 samples, all misclassified at step 0, loss s/10 (29 highest).
    expect(samples()).toHaveLength(30)
    expect(samples()[0].attributes('aria-label')).toBe('Sample 29: true 2, predicted 0 (50%), misclassified')
    await useTrainingStore().stepBatch()
    await flushPromises()
    await wrapper.find('input[type="checkbox"]').setValue(true)
    expect(samples()).toHaveLength(29)
    expect(samples().some((b) => b.attributes('aria-label')!.startsWith('Sample 0:'))).toBe(false)
    await samples()[0].trigger('click')
    expect(useDataViewsStore().selected).toEqual({ set: 'test', sample: 29 })
    expect(samples()[0].attributes('aria-pressed')).toBe('true')
    expect(wrapper.findAll('canvas')).toHaveLength(29)
  })
})

describe('InputGradient', () => {
  it('shows dC/dX of the selected sample with its equation, and checks the strongest input numerically', async () => {
    const wrapper = mount(InputGradient, { global: { plugins: [pinia] } })
    useDataViewsStore().select(4)
    await flushPromises()
    expect(wrapper.find('[role="math"]').attributes('aria-label')).toBe('dC/dX = E_1 · W_1ᵀ')
    expect(wrapper.find('[aria-label^="dC/dx of each pixel of sample 4"]').exists()).toBe(true)
    await wrapper.findAll('button').find((b) => b.text() === 'Check')!.trigger('click')
    await flushPromises()
    // The fake dX is ±(i + 1): the strongest of 64 inputs is the last, pixel row 8, column 8.
    expect(engine.of('gradient-check').at(-1)).toEqual({ type: 'gradient-check', scope: { kind: 'input', set: 'test', sample: 4, input: 63 } })
    expect(wrapper.find('[data-testid="input-check-result"]').text()).toContain('Good')
  })
})
