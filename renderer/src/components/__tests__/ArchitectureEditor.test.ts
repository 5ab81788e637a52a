import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ArchitectureEditor from '../network/ArchitectureEditor.vue'
import NetworkSummary from '../network/NetworkSummary.vue'
import { useProjectStore } from '../../stores/project'
import * as edits from '../../stores/project-edits'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})
const mountEditor = () => mount(ArchitectureEditor, { global: { plugins: [pinia] } })
const byLabel = (wrapper: ReturnType<typeof mountEditor>, label: string) => wrapper.find(`[aria-label="${label}"]`)

describe('ArchitectureEditor', () => {
  it('adds a hidden layer, sets its units by typing and +/−, and its activation', async () => {
    const wrapper = mountEditor()
    const project = useProjectStore()
    await wrapper.findAll('button').find((b) => b.text() === 'Add hidden layer')!.trigger('click')
    expect(project.doc.network.layers.map((l) => l.units)).toEqual([8, 8, 1])
    const units = wrapper.findAll('input[type="number"]').find((i) => i.element.id && wrapper.find(`label[for="${i.element.id}"]`).text() === 'Units of hidden layer 2')!
    await units.setValue('12')
    expect(project.doc.network.layers[1].units).toBe(12)
    await byLabel(wrapper, 'More units in hidden layer 2').trigger('click')
    await byLabel(wrapper, 'Fewer units in hidden layer 1').trigger('click')
    expect(project.doc.network.layers.map((l) => l.units)).toEqual([7, 13, 1])
    await byLabel(wrapper, 'Activation of hidden layer 2').setValue('relu')
    expect(project.doc.network.layers[1].activation).toBe('relu')
  })

  it('does not commit an invalid unit count and says why', async () => {
    const wrapper = mountEditor()
    const project = useProjectStore()
    const input = wrapper.find('input[type="number"]')
    await input.setValue('0')
    expect(project.doc.network.layers[0].units).toBe(8)
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('At least 1.')
  })

  it('offers only the losses and output activations that fit the problem', async () => {
    const wrapper = mountEditor()
    const project = useProjectStore()
    const loss = wrapper.findAll('select').find((s) => s.element.closest('label')?.textContent?.includes('Loss'))!
    expect(loss.findAll('option').map((o) => o.element.value)).toEqual(['binary-cross-entropy', 'mse'])
    project.edit((d) => edits.chooseSynthetic(d, 'k-class-spiral'))
    await wrapper.vm.$nextTick()
    expect(loss.findAll('option').map((o) => o.element.value)).toEqual(['softmax-cross-entropy'])
    expect(wrapper.text()).toContain('3 units for multi-class classification')
  })

  it('removes a hidden layer and the summary follows (shapes, parameter count)', async () => {
    const project = useProjectStore()
    const editor = mountEditor()
    const summary = mount(NetworkSummary, { global: { plugins: [pinia] } })
    expect(summary.find('[data-testid="parameter-count"]').text()).toBe('33')
    await byLabel(editor, 'Remove hidden layer 1').trigger('click')
    expect(project.doc.network.layers).toHaveLength(1)
    expect(summary.find('[data-testid="parameter-count"]').text()).toBe('3')
    expect(summary.text()).toContain('2 × 1')
    expect(summary.text()).toMatch(/straight boundary/)
  })
})
