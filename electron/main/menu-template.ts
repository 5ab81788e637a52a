// The application menu as a pure function of its inputs, so it can be tested without Electron.
// Commands go to the renderer as `{ type: 'menu', command }` host events (the app has its own
// undo stack and training controls); only text editing, zoom and quitting use Electron roles.
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../engine/protocol'

export interface MenuInput {
  platform: NodeJS.Platform
  /** Development build: adds reload and the developer tools. */
  isDev: boolean
  appName: string
  recentFiles: readonly string[]
  send(command: MenuCommand, path?: string): void
  openReadme(): void
  clearRecent(): void
}

type Item = MenuItemConstructorOptions

function command(input: MenuInput, label: string, name: MenuCommand, accelerator?: string, extra: Partial<Item> = {}): Item {
  return { label, accelerator, click: () => input.send(name), ...extra }
}

function recentMenu(input: MenuInput): Item {
  const items: Item[] = input.recentFiles.length
    ? input.recentFiles.map((path) => ({ label: path, click: () => input.send('open', path) }))
    : [{ label: 'No Recent Files', enabled: false }]
  return { label: 'Open Recent', submenu: [...items, { type: 'separator' }, { label: 'Clear Recent', enabled: input.recentFiles.length > 0, click: () => input.clearRecent() }] }
}

function fileMenu(input: MenuInput): Item {
  const isMac = input.platform === 'darwin'
  return {
    label: 'File',
    submenu: [
      command(input, 'New', 'new', 'CmdOrCtrl+N'),
      command(input, 'Open…', 'open', 'CmdOrCtrl+O'),
      recentMenu(input),
      { type: 'separator' },
      command(input, 'Save', 'save', 'CmdOrCtrl+S'),
      command(input, 'Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      command(input, 'Import CSV…', 'import-csv', 'CmdOrCtrl+I'),
      {
        label: 'Export',
        submenu: [
          command(input, 'PyTorch Script…', 'export-pytorch', 'CmdOrCtrl+E'),
          command(input, 'ONNX Model…', 'export-onnx'),
          { type: 'separator' },
          command(input, 'Weights (JSON)…', 'export-weights'),
          command(input, 'Metrics (CSV)…', 'export-metrics', 'CmdOrCtrl+Shift+E'),
        ],
      },
      // macOS keeps Quit in the app menu.
      ...(isMac ? [] : [{ type: 'separator' } as Item, { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } as Item]),
    ],
  }
}

function editMenu(input: MenuInput): Item {
  return {
    label: 'Edit',
    submenu: [
      // Shown with their keys, but the keys stay with the page: in a text field Ctrl+Z must undo
      // the typing, elsewhere the renderer's own undo stack (which also gets the menu command).
      command(input, 'Undo', 'undo', 'CmdOrCtrl+Z', { registerAccelerator: false }),
      command(input, 'Redo', 'redo', 'CmdOrCtrl+Shift+Z', { registerAccelerator: false }),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  }
}

function trainMenu(input: MenuInput): Item {
  // Space is the renderer's start/pause key; function keys never collide with typing.
  return {
    label: 'Train',
    submenu: [
      command(input, 'Start / Pause', 'train-toggle', 'CmdOrCtrl+Enter'),
      command(input, 'Step Batch', 'step-batch', 'F10'),
      command(input, 'Finish Epoch', 'step-epoch', 'Shift+F10'),
      { type: 'separator' },
      command(input, 'Reset', 'reset', 'CmdOrCtrl+Shift+Backspace'),
    ],
  }
}

function viewMenu(input: MenuInput): Item {
  const dev: Item[] = input.isDev ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] : []
  return {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...dev],
  }
}

function helpMenu(input: MenuInput): Item {
  return {
    role: 'help',
    label: 'Help',
    submenu: [command(input, `About ${input.appName}`, 'about'), { label: 'Read Me', click: () => input.openReadme() }],
  }
}

function macAppMenu(input: MenuInput): Item {
  return {
    label: input.appName,
    submenu: [
      command(input, `About ${input.appName}`, 'about'),
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  }
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const menus = [fileMenu(input), editMenu(input), trainMenu(input), viewMenu(input), helpMenu(input)]
  return input.platform === 'darwin' ? [macAppMenu(input), ...menus] : menus
}
