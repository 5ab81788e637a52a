import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import NetworkDiagram from '../network/NetworkDiagram.vue'
import { useProjectStore } from '../../stores/project'
import * as edits from '../../stores/project-edits'
import { useUiStore } from '../../stores/ui'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

describe('NetworkDiagram', () => {
  it('names every weight and bias, and selecting one emits it and sets the selection', async () => {
    const wrapper = mount(NetworkDiagram, { global: { plugins: [pinia] }, attachTo: document.body })
    const buttons = wrapper.findAll('[role="button"]')
    // 2 inputs → 8 tanh → 1 sigmoid: 16 + 8 weights and 8 + 1 biases.
    expect(buttons).toHaveLength(33)
    const link = wrapper.find('[aria-label="weight from x1 to h1·3"]')
    expect(link.exists()).toBe(true)
    expect(wrapper.find('[aria-label="weight from h1·8 to out·1"]').exists()).toBe(true)
    expect(wrapper.find('[aria-label="bias of out·1"]').exists()).toBe(true)
    await link.trigger('click')
    expect(useUiStore().selection).toEqual({ layer: 0, i: 0, j: 2 })
    expect(wrapper.emitted('select')?.[0]).toEqual([{ layer: 0, i: 0, j: 2 }])
    expect(link.attributes('aria-pressed')).toBe('true')
    wrapper.unmount()
  })

  it('is one tab stop; arrow keys move between weights, Enter selects', async () => {
    const wrapper = mount(NetworkDiagram, { global: { plugins: [pinia] }, attachTo: document.body })
    const focusable = wrapper.findAll('[tabindex="0"]')
    expect(focusable).toHaveLength(1)
    expect(focusable[0].attributes('aria-label')).toBe('bias of h1·1')
    await focusable[0].trigger('keydown', { key: 'ArrowRight' })
    const next = wrapper.find('[tabindex="0"]')
    expect(next.attributes('aria-label')).toBe('weight from x1 to h1·1')
    await next.trigger('keydown', { key: 'Enter' })
    expect(useUiStore().selection).toEqual({ layer: 0, i: 0, j: 0 })
    wrapper.unmount()
  })

  it('follows the features: input names in the link names', async () => {
    const project = useProjectStore()
    project.edit((d) => edits.setFeatures(d, ['x1', 'x1^2']))
    const wrapper = mount(NetworkDiagram, { global: { plugins: [pinia] } })
    expect(wrapper.find('[aria-label="weight from x1² to h1·2"]').exists()).toBe(true)
  })

  it('names CSV inputs by their columns, and features of them as such', async () => {
    const project = useProjectStore()
    project.edit((d) => edits.chooseCsv(d, { source: 'csv', path: 'a.csv', inputs: ['height', 'width'], targets: ['y'], trainFraction: 1 }, 'binary', 1))
    const wrapper = mount(NetworkDiagram, { global: { plugins: [pinia] } })
    expect(wrapper.find('[aria-label="weight from width to h1·1"]').exists()).toBe(true)
    project.edit((d) => edits.setFeatures(d, ['x1', 'sin(x2)']))
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[aria-label="weight from sin(width) to h1·1"]').exists()).toBe(true)
  })
})

describe('NetworkDiagram with huge layers', () => {
  it('makes a few elements for a 100,000-unit layer, and stays a few hundred pixels tall', async () => {
    const project = useProjectStore()
    project.edit((d) => edits.setUnits(d, 0, 100_000))
    const wrapper = mount(NetworkDiagram, { global: { plugins: [pinia] } })
    await wrapper.vm.$nextTick()
    expect(wrapper.findAll('*').length).toBeLessThan(40)
    const block = wrapper.find('[role="img"][aria-label^="Hidden 1"]')
    expect(block.attributes('aria-label')).toBe('Hidden 1: 100,000 units (h1·1 to h1·100000)')
    const height = Number.parseFloat((wrapper.find('.network-diagram').element as HTMLElement).style.height)
    expect(height).toBeLessThanOrEqual(460)
  })

  it('draws image inputs as one tile', async () => {
    const project = useProjectStore()
    project.edit((d) => edits.setUnits(d, 0, 20))
    const wrapper = mount(NetworkDiagram, { global: { plugins: [pinia] }, props: { inputImage: { width: 1, height: 2 } } })
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[role="img"][aria-label="Inputs: 2 pixels (2 × 1 image)"]').exists()).toBe(true)
    expect(wrapper.find('[aria-label="weight from x1 to h1·1"]').exists()).toBe(false)
    expect(wrapper.find('[aria-label="bias of h1·1"]').exists()).toBe(true)
  })
})
