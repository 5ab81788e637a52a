import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { LoadedProject } from '../../../../engine/protocol'
import WeightPicker from '../inspector/WeightPicker.vue'
import { useEngineStore } from '../../stores/engine'
import { useProjectStore } from '../../stores/project'
import * as edits from '../../stores/project-edits'
import { useUiStore } from '../../stores/ui'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

const field = (wrapper: ReturnType<typeof mount>, name: string) => {
  const label = wrapper.findAll('label').find((l) => l.text() === name)
  if (!label) throw new Error(`no field named ${name}`)
  return wrapper.find(`#${label.attributes('for')}`)
}

describe('WeightPicker', () => {
  it('lists few units as options, and picks among 100,000 units by number (no option per unit)', async () => {
    const project = useProjectStore()
    project.edit((d) => edits.setUnits(d, 0, 100_000))
    const wrapper = mount(WeightPicker, { global: { plugins: [pinia] } })
    expect(wrapper.findAll('option').length).toBeLessThan(10)
    await field(wrapper, 'To unit number').setValue('5000')
    expect(useUiStore().selection).toEqual({ layer: 0, i: 0, j: 4999 })
    expect(wrapper.find('output').text()).toBe('h1·5000')
  })

  it('picks an input pixel of image data by row and column', async () => {
    const project = useProjectStore()
    const names = Array.from({ length: 784 }, (_, i) => `pixel ${i}`)
    project.edit((d) => edits.chooseCsv(d, { source: 'csv', path: 'mnist.csv', inputs: names, targets: ['digit'], trainFraction: 0.8 }, 'multiclass', 10))
    useEngineStore().loaded = { inputNames: names, layerShapes: [[784, 8]], dataInfo: { kind: 'image', width: 28, height: 28 } } as unknown as LoadedProject
    const wrapper = mount(WeightPicker, { global: { plugins: [pinia] } })
    await field(wrapper, 'Pixel row').setValue('3')
    await field(wrapper, 'Pixel column').setValue('5')
    expect(useUiStore().selection).toEqual({ layer: 0, i: 2 * 28 + 4, j: 0 })
    expect(wrapper.find('output').text()).toBe('pixel 60')
    expect(wrapper.findAll('option').length).toBeLessThan(20)
  })
})
