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

  it('reads a semicolon file with decimal commas as its columns, and lets the user override the guess', async () => {
    const ui = useUiStore()
    const project = useProjectStore()
    ui.csvImport = { path: 'eu.csv', text: 'x1;x2;y\n1,5;2,25;0\n3;4,5;1\n-1;0,5;0\n' }
    const wrapper = mount(CsvImportDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.findAll('thead th').map((th) => th.find('.column-name').text())).toEqual(['x1', 'x2', 'y'])
    const delimiter = wrapper.findAll('label.field').find((l) => l.text().startsWith('Delimiter'))!.find('select')
    expect((delimiter.element as HTMLSelectElement).value).toBe(';')
    const check = (name: string) => wrapper.findAll('label.check').find((l) => l.text().includes(name))!.find('input')
    expect((check('Decimal comma').element as HTMLInputElement).checked).toBe(true)
    expect((check('First row is a header').element as HTMLInputElement).checked).toBe(true)
    // Overridden to comma, the file is one column.
    await delimiter.setValue(',')
    expect(wrapper.findAll('thead th')).toHaveLength(1)
    await delimiter.setValue(';')
    await check('Decimal comma').setValue(true)
    await wrapper.findAll('button').find((b) => b.text() === 'Import')!.trigger('click')
    expect(project.doc.data).toMatchObject({ source: 'csv', inputs: ['x1', 'x2'], targets: ['y'], delimiter: ';', decimalComma: true })
    expect(ui.csvImport).toBeNull()
    wrapper.unmount()
  })

  it('keeps a headerless first row as data and skips bad rows when asked, saying how many', async () => {
    const ui = useUiStore()
    const project = useProjectStore()
    ui.csvImport = { path: 'raw.csv', text: csv(30, 17).split('\n').slice(1).join('\n') }
    const wrapper = mount(CsvImportDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    const check = (name: string) => wrapper.findAll('label.check').find((l) => l.text().includes(name))!.find('input')
    expect((check('First row is a header').element as HTMLInputElement).checked).toBe(false)
    expect(wrapper.findAll('tbody tr')).toHaveLength(12)
    expect(wrapper.find('tbody tr td').text()).toBe('1')
    await wrapper.find('select[aria-label="Role of column column 2"]').setValue('input')
    await check('Skip bad rows').setValue(true)
    await wrapper.findAll('button').find((b) => b.text() === 'Import')!.trigger('click')
    expect(project.doc.data).toMatchObject({ inputs: ['column 1', 'column 2'], targets: ['column 3'], header: false, skipBadRows: true })
    expect(ui.notices.at(-1)?.text).toMatch(/Imported 29 rows from raw\.csv\. 1 bad row skipped \(the first: line 17, column column 2: 'abc' is not a number\)/)
    wrapper.unmount()
  })
})
