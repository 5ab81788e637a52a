import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from './App.vue'
import { useProjectStore } from './stores/project'

describe('App', () => {
  it('titles the window with the file name and a dirty mark', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const wrapper = mount(App, { global: { plugins: [pinia] } })
    expect(document.title).toBe('Untitled — Backprop Studio')
    const project = useProjectStore()
    project.filePath = '/tmp/spiral.json'
    project.dirty = true
    await wrapper.vm.$nextTick()
    expect(document.title).toBe('• spiral.json — Backprop Studio')
    expect(wrapper.find('section[aria-label="Network"]').exists()).toBe(true)
  })
})
