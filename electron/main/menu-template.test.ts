import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { MENU_COMMANDS } from '../../engine/protocol'
import { buildMenuTemplate, type MenuInput } from './menu-template'

function input(overrides: Partial<MenuInput> = {}): MenuInput {
  return { platform: 'linux', isDev: false, appName: 'Backprop Studio', recentFiles: [], send: vi.fn(), openReadme: vi.fn(), clearRecent: vi.fn(), ...overrides }
}

/** Every item of the template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])
}
const byLabel = (template: MenuItemConstructorOptions[], label: string) => items(template).find((item) => item.label === label)
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)()

describe('the application menu', () => {
  it('has File, Edit, Train, View and Help; on macOS the app menu first', () => {
    expect(buildMenuTemplate(input()).map((m) => m.label)).toEqual(['File', 'Edit', 'Train', 'View', 'Help'])
    expect(buildMenuTemplate(input({ platform: 'darwin' })).map((m) => m.label)).toEqual(['Backprop Studio', 'File', 'Edit', 'Train', 'View', 'Help'])
  })

  it.each([
    ['New', 'new', 'CmdOrCtrl+N'],
    ['Open…', 'open', 'CmdOrCtrl+O'],
    ['Save', 'save', 'CmdOrCtrl+S'],
    ['Save As…', 'save-as', 'CmdOrCtrl+Shift+S'],
    ['Import CSV…', 'import-csv', 'CmdOrCtrl+I'],
    ['PyTorch Script…', 'export-pytorch', 'CmdOrCtrl+E'],
    ['ONNX Model…', 'export-onnx', undefined],
    ['Weights (JSON)…', 'export-weights', undefined],
    ['Metrics (CSV)…', 'export-metrics', 'CmdOrCtrl+Shift+E'],
    ['Undo', 'undo', 'CmdOrCtrl+Z'],
    ['Redo', 'redo', 'CmdOrCtrl+Shift+Z'],
    ['Start / Pause', 'train-toggle', 'CmdOrCtrl+Enter'],
    ['Step Batch', 'step-batch', 'F10'],
    ['Finish Epoch', 'step-epoch', 'Shift+F10'],
    ['Reset', 'reset', 'CmdOrCtrl+Shift+Backspace'],
  ])('%s sends the %s command, on %s', (label, name, accelerator) => {
    const menu = input()
    const item = byLabel(buildMenuTemplate(menu), label)
    expect(item?.accelerator).toBe(accelerator)
    click(item)
    expect(menu.send).toHaveBeenCalledWith(name)
  })

  it('reaches every menu command', () => {
    const menu = input()
    items(buildMenuTemplate(menu)).forEach((item) => typeof item.click === 'function' && (item.click as () => void)())
    const sent = new Set((menu.send as ReturnType<typeof vi.fn>).mock.calls.map((call) => call[0]))
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort())
  })

  it('never binds a key twice', () => {
    const keys = items(buildMenuTemplate(input())).flatMap((item) => (item.accelerator ? [item.accelerator] : []))
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('leaves Undo/Redo keys to the page (text fields), Space to the renderer', () => {
    const template = buildMenuTemplate(input())
    expect(byLabel(template, 'Undo')?.registerAccelerator).toBe(false)
    expect(items(template).some((item) => item.accelerator === 'Space')).toBe(false)
  })

  it('keeps text editing on the standard roles', () => {
    const roles = items(buildMenuTemplate(input())).map((item) => item.role)
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']))
  })

  it('offers the developer tools in development only', () => {
    const roles = (isDev: boolean) => items(buildMenuTemplate(input({ isDev }))).map((item) => item.role)
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('reload')
    expect(roles(true)).toContain('toggleDevTools')
  })

  it('lists recent files, opening each by path, and can clear them', () => {
    const menu = input({ recentFiles: ['/p/a.json', '/p/b.json'] })
    const template = buildMenuTemplate(menu)
    click(byLabel(template, '/p/b.json'))
    expect(menu.send).toHaveBeenCalledWith('open', '/p/b.json')
    click(byLabel(template, 'Clear Recent'))
    expect(menu.clearRecent).toHaveBeenCalled()
    expect(byLabel(buildMenuTemplate(input()), 'No Recent Files')?.enabled).toBe(false)
  })

  it('opens the Read Me from Help', () => {
    const menu = input()
    click(byLabel(buildMenuTemplate(menu), 'Read Me'))
    expect(menu.openReadme).toHaveBeenCalled()
  })
})
