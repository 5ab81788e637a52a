import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from './App.vue'
import { useProjectStore } from './stores/project'
import { addHiddenLayer } from './stores/project-edits'

describe('App', () => {
  it('titles the window with the file name and a dirty mark, and names its regions', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
    expect(document.title).toBe('Untitled — Backprop Studio')
    const project = useProjectStore()
    project.filePath = '/tmp/spiral.json'
    project.edit((d) => addHiddenLayer(d))
    await wrapper.vm.$nextTick()
    expect(document.title).toBe('• spiral.json — Backprop Studio')
    for (const region of ['Data', 'Network', 'Training', 'Output', 'Cost']) {
      expect(wrapper.find(`section[aria-label="${region}"]`).exists()).toBe(true)
    }
    // Without a host the studio says so instead of failing silently.
    expect(wrapper.find('[role="alert"]').text()).toContain('No studio host')
    wrapper.unmount()
  })
})
