import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

const run = vi.fn()
vi.mock('../../composables/commands', () => ({
  useCommands: () => new Proxy({}, { get: (_target, command) => () => run(command) }),
}))
const { default: ExportMenu } = await import('../ExportMenu.vue')

beforeEach(() => {
  setActivePinia(createPinia())
  run.mockClear()
})

describe('ExportMenu', () => {
  it('opens from the keyboard, moves with the arrows, runs the item, and Escape closes it back to its button', async () => {
    const wrapper = mount(ExportMenu, { props: { disabled: false }, attachTo: document.body })
    const button = wrapper.get('button[aria-haspopup="menu"]')
    expect(button.attributes('aria-expanded')).toBe('false')
    await button.trigger('keydown', { key: 'ArrowDown' })
    const items = wrapper.findAll('[role="menuitem"]')
    expect(items.map((i) => i.text())).toEqual(['PyTorch script…', 'ONNX model…', 'Weights (JSON)…', 'Metrics (CSV)…'])
    expect(document.activeElement).toBe(items[0].element)
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(items[1].element)
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'ArrowUp' })
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'ArrowUp' })
    expect(document.activeElement).toBe(items[3].element)
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[role="menu"]').exists()).toBe(false)
    expect(document.activeElement).toBe(button.element)
    await button.trigger('click')
    await wrapper.findAll('[role="menuitem"]')[1].trigger('click')
    expect(run).toHaveBeenCalledWith('export-onnx')
    expect(wrapper.find('[role="menu"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
