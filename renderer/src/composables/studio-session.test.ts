import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { contentsText, fakeStudio, type FakeStudio } from '../../test/fake-studio'
import { PRESETS } from '../lib/presets'
import { serializeProject } from '../../../engine/project/schema'
import { useProjectStore } from '../stores/project'
import * as edits from '../stores/project-edits'
import { useTrainingStore } from '../stores/training'
import { useUiStore } from '../stores/ui'
import { AUTOSAVE_MS, useStudioSession } from './studio-session'

let engine: FakeEngine
let studio: FakeStudio
let pinia: ReturnType<typeof createPinia>

function start(autosaved: string | null = null) {
  studio.api.takeAutosave = async () => autosaved
  const Host = defineComponent({
    setup() {
      useStudioSession({ studio: studio.api, connect: () => engine.link })
      return () => h('div', [h('input', { type: 'text', id: 'field' }), h('button', { id: 'button' }, 'b')])
    },
  })
  return mount(Host, { global: { plugins: [pinia] }, attachTo: document.body })
}

const key = (init: KeyboardEventInit, target: EventTarget = document.body) => target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }))

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  engine = fakeEngine()
  studio = fakeStudio()
})
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('studio session', () => {
  it('loads the project into the engine and keeps the host told of title and dirty state', async () => {
    const wrapper = start()
    await flushPromises()
    expect(engine.of('load-project')).toHaveLength(1)
    expect(studio.documentState).toEqual({ title: 'Untitled — Backprop Studio', dirty: false })
    useProjectStore().edit((d) => edits.setBatchSize(d, 3))
    await flushPromises()
    expect(studio.documentState).toEqual({ title: '• Untitled — Backprop Studio', dirty: true })
    wrapper.unmount()
  })

  it('runs menu commands: Save asks for a path in the app and writes the trained weights', async () => {
    const wrapper = start()
    await flushPromises()
    await useTrainingStore().stepBatch()
    studio.emit({ type: 'menu', command: 'save' })
    await flushPromises()
    const ui = useUiStore()
    expect(ui.pathRequest?.purpose).toBe('save')
    ui.pathRequest!.resolve('runs/a.json')
    await flushPromises()
    const saved = JSON.parse(studio.files.get('runs/a.json')!)
    expect(saved.weights).toHaveLength(2)
    expect(saved.progress.step).toBe(1)
    expect(useProjectStore().fileName).toBe('a.json')
    expect(useProjectStore().dirty).toBe(false)
    studio.emit({ type: 'menu', command: 'step-batch' })
    await flushPromises()
    expect(engine.status.step).toBe(2)
    wrapper.unmount()
  })

  it('saves before closing when the host asks, then closes', async () => {
    const wrapper = start()
    await flushPromises()
    useProjectStore().markSaved('p.json')
    useProjectStore().edit((d) => edits.setBatchSize(d, 5))
    studio.emit({ type: 'save-before-close' })
    await flushPromises()
    expect(JSON.parse(studio.files.get('p.json')!).training.batchSize).toBe(5)
    expect(studio.api.closeWindow).toHaveBeenCalledOnce()
    wrapper.unmount()
  })

  it('autosaves while dirty, and offers the autosaved copy at start', async () => {
    vi.useFakeTimers()
    const preset = PRESETS[0].project()
    const wrapper = start(serializeProject(preset))
    await vi.advanceTimersByTimeAsync(10)
    const ui = useUiStore()
    expect(ui.restoreOffer).toContain('Spiral classifier')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(studio.api.autosave).not.toHaveBeenCalled()
    useProjectStore().edit((d) => edits.setBatchSize(d, 4))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(studio.api.autosave).toHaveBeenCalledTimes(1)
    expect(contentsText(vi.mocked(studio.api.autosave).mock.calls[0][0]!)).toContain('"batchSize": 4')
    wrapper.unmount()
  })

  it('trains and pauses with Space, except while typing or on a button', async () => {
    const wrapper = start()
    await flushPromises()
    key({ key: ' ', code: 'Space' })
    await flushPromises()
    expect(engine.of('train').map((r) => r.action)).toEqual(['start'])
    key({ key: ' ', code: 'Space' }, document.getElementById('field')!)
    key({ key: ' ', code: 'Space' }, document.getElementById('button')!)
    await flushPromises()
    expect(engine.of('train')).toHaveLength(1)
    key({ key: ' ', code: 'Space' })
    await flushPromises()
    expect(engine.of('train').map((r) => r.action)).toEqual(['start', 'pause'])
    key({ key: ' ', code: 'Space' })
    await flushPromises()
    // Closing the page pauses the engine: nobody would see that training.
    window.dispatchEvent(new Event('pagehide'))
    await flushPromises()
    expect(engine.of('train').map((r) => r.action)).toEqual(['start', 'pause', 'start', 'pause'])
    wrapper.unmount()
  })

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z outside text fields', async () => {
    const wrapper = start()
    await flushPromises()
    const project = useProjectStore()
    project.edit((d) => edits.addHiddenLayer(d))
    key({ key: 'z', ctrlKey: true }, document.getElementById('field')!)
    expect(project.doc.network.layers).toHaveLength(3)
    key({ key: 'z', ctrlKey: true })
    expect(project.doc.network.layers).toHaveLength(2)
    key({ key: 'Z', ctrlKey: true, shiftKey: true })
    expect(project.doc.network.layers).toHaveLength(3)
    wrapper.unmount()
  })

  it('tells of an engine restart and re-sends the project; an unavailable engine is an error, the project stays', async () => {
    const wrapper = start()
    await flushPromises()
    studio.emit({ type: 'engine-restarted', reason: 'it crashed', attempt: 1 })
    engine.reconnect()
    await flushPromises()
    const ui = useUiStore()
    expect(ui.notices.at(-1)).toMatchObject({ kind: 'warning', text: expect.stringContaining('it crashed') })
    expect(engine.of('load-project')).toHaveLength(2)
    studio.emit({ type: 'engine-unavailable', reason: 'It crashed three times.' })
    await flushPromises()
    expect(ui.notices.at(-1)).toMatchObject({ kind: 'error', text: expect.stringContaining('It crashed three times.') })
    expect(useProjectStore().doc.network.layers).toHaveLength(2)
    wrapper.unmount()
  })
})
