import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { FolderRequest } from '../../../../engine/protocol'
import PathDialog from '../dialogs/PathDialog.vue'
import { fakeEngine } from '../../../test/fake-engine'
import { fakeStudio } from '../../../test/fake-studio'
import { useEngineStore } from '../../stores/engine'
import { useTrainingStore } from '../../stores/training'
import { useUiStore } from '../../stores/ui'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

const TREE: Record<string, { name: string; folder: boolean }[]> = {
  '': [{ name: 'nets', folder: true }, { name: 'top.json', folder: false }],
  nets: [{ name: 'xor.json', folder: false }],
}

function setup() {
  const studio = fakeStudio()
  const asked: FolderRequest[] = []
  studio.api.listFolder = async (request) => {
    asked.push(request)
    const entries = TREE[request.path]
    return entries ? { ok: true, value: { path: request.path, entries, truncated: false } } : { ok: false, canceled: false, error: `Could not open "${request.path}".` }
  }
  const engine = fakeEngine()
  useTrainingStore().bind(engine.link)
  useEngineStore().attach(engine.link, studio.api, { kind: 'browser', nativeDialogs: false, rootFolder: '/r', version: 't' })
  const wrapper = mount(PathDialog, { global: { plugins: [pinia] }, attachTo: document.body })
  return { wrapper, asked }
}
const button = (wrapper: ReturnType<typeof mount>, name: string) => wrapper.findAll('button').find((b) => (b.attributes('aria-label') ?? b.text()) === name)!

describe('PathDialog lists the root folder', () => {
  it('opens a folder, picks a file into the path, goes up, and asks for the kind being opened', async () => {
    const { wrapper, asked } = setup()
    const choosing = useUiStore().askPath('open', 'Open project', '')
    await flushPromises()
    expect(asked).toEqual([{ path: '', kind: 'project' }])
    expect(wrapper.get('ul').attributes('aria-label')).toBe('Files and folders in the root folder')
    await button(wrapper, 'Open folder nets').trigger('click')
    await flushPromises()
    expect(wrapper.get('ul').attributes('aria-label')).toBe('Files and folders in nets/')
    await button(wrapper, 'xor.json').trigger('click')
    expect((wrapper.get('input').element as HTMLInputElement).value).toBe('nets/xor.json')
    await button(wrapper, 'Up one folder').trigger('click')
    await flushPromises()
    expect(button(wrapper, 'top.json')).toBeDefined()
    await wrapper.get('form').trigger('submit')
    expect(await choosing).toBe('nets/xor.json')
    wrapper.unmount()
  })

  it('starts in the suggested file’s folder (the root when it does not exist), keeps the file name when moving, filters exports by kind', async () => {
    const { wrapper, asked } = setup()
    void useUiStore().askPath('export', 'Export metrics (CSV)', 'runs/metrics.csv')
    await flushPromises()
    expect(asked).toEqual([{ path: 'runs', kind: 'metrics' }, { path: '', kind: 'metrics' }])
    await button(wrapper, 'Open folder nets').trigger('click')
    await flushPromises()
    expect((wrapper.get('input').element as HTMLInputElement).value).toBe('nets/metrics.csv')
    wrapper.unmount()
  })
})
