import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import CsvImportDialog from '../dialogs/CsvImportDialog.vue'
import { useProjectStore } from '../../stores/project'
import { useUiStore } from '../../stores/ui'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

function csv(rows: number, badAt?: number): string {
  const lines = ['x1,x2,y']
  for (let r = 1; r <= rows; r++) lines.push(r === badAt ? `${r},abc,1` : `${r},${r * 2},${r % 2}`)
  return `${lines.join('\n')}\n`
}

describe('CsvImportDialog', () => {
  it('names the bad row and column, and keeps the previous data', async () => {
    const ui = useUiStore()
    const project = useProjectStore()
    const before = JSON.parse(JSON.stringify(project.doc.data))
    ui.csvImport = { path: 'data/bad.csv', text: csv(30, 17) }
    const wrapper = mount(CsvImportDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[role="dialog"]').exists()).toBe(true)
    expect(wrapper.findAll('tbody tr')).toHaveLength(12)
    await wrapper.findAll('button').find((b) => b.text() === 'Import')!.trigger('click')
    const alert = wrapper.find('[role="alert"]')
    expect(alert.text()).toContain('Row 17 (line 18), column x2')
    expect(alert.text()).toContain("'abc' is not a number")
    expect(project.doc.data).toEqual(before)
    expect(ui.csvImport).not.toBeNull()
    wrapper.unmount()
  })

  it('imports good data: inputs and output follow the columns', async () => {
    const ui = useUiStore()
    const project = useProjectStore()
    ui.csvImport = { path: 'data/good.csv', text: csv(30) }
    const wrapper = mount(CsvImportDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    await wrapper.findAll('button').find((b) => b.text() === 'Import')!.trigger('click')
    expect(project.doc.data).toMatchObject({ source: 'csv', path: 'data/good.csv', inputs: ['x1', 'x2'], targets: ['y'] })
    expect(project.doc.network.inputs).toBe(2)
    expect(project.doc.network.loss).toBe('binary-cross-entropy')
    expect(ui.csvImport).toBeNull()
    project.undo()
    expect(project.doc.data.source).toBe('synthetic')
    wrapper.unmount()
  })

  it('lets the user change a column role and the target encoding', async () => {
    const ui = useUiStore()
    const project = useProjectStore()
    ui.csvImport = { path: 'c.csv', text: 'a,b,c,label\n1,2,3,cat\n4,5,6,dog\n7,8,9,emu\n' }
    const wrapper = mount(CsvImportDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    await wrapper.find('select[aria-label="Role of column b"]').setValue('ignore')
    await wrapper.findAll('button').find((b) => b.text() === 'Import')!.trigger('click')
    expect(project.doc.data).toMatchObject({ inputs: ['a', 'c'], targets: ['label'], targetEncoding: 'one-hot' })
    expect(project.doc.network.layers.at(-1)).toEqual({ units: 3, activation: 'softmax' })
    wrapper.unmount()
  })
})
