// Electron's PathPolicy: native dialogs, and the grants that let a chosen path be reused
// (Save to the same file, Open Recent) without asking again.
import { resolve } from 'node:path'
import { dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import type { OpenKind, PathPolicy, SaveKind } from '../../host-neutral/files/file-actions'
import type { PathGrants } from './path-grants'
import { PathRefusedError } from '../../host-neutral/files/confine'

const PROJECT_FILTER: FileFilter = { name: 'Backprop Studio project', extensions: ['json'] }
const CSV_FILTER: FileFilter = { name: 'CSV data', extensions: ['csv', 'tsv', 'txt'] }

const OPEN: Record<OpenKind, { title: string; filters: FileFilter[] }> = {
  project: { title: 'Open Project', filters: [PROJECT_FILTER] },
  csv: { title: 'Import CSV', filters: [CSV_FILTER] },
}
const SAVE: Record<SaveKind, { title: string; name: string; filters: FileFilter[] }> = {
  project: { title: 'Save Project', name: 'Untitled.json', filters: [PROJECT_FILTER] },
  weights: { title: 'Export Weights', name: 'weights.json', filters: [{ name: 'Weights (JSON)', extensions: ['json'] }] },
  pytorch: { title: 'Export PyTorch Script', name: 'train.py', filters: [{ name: 'Python script', extensions: ['py'] }] },
  onnx: { title: 'Export ONNX Model', name: 'model.onnx', filters: [{ name: 'ONNX model', extensions: ['onnx'] }] },
  metrics: { title: 'Export Metrics', name: 'metrics.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] },
}

export function nativePathPolicy(window: () => BrowserWindow | null, grants: PathGrants): PathPolicy {
  // The dialog functions are looked up on `dialog` at call time: e2e stubs them there.
  const showOpen = (options: OpenDialogOptions) => {
    const parent = window()
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)
  }
  const showSave = (options: SaveDialogOptions) => {
    const parent = window()
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)
  }
  return {
    async chooseOpen(kind, requested) {
      if (grants.has(requested, kind)) return resolve(requested)
      const result = await showOpen({ ...OPEN[kind], properties: ['openFile'], defaultPath: requested })
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
    },
    async chooseSave(kind, requested, ask) {
      if (!ask && grants.has(requested, kind)) return resolve(requested)
      const { title, name, filters } = SAVE[kind]
      const result = await showSave({ title, filters, defaultPath: requested ?? name, properties: ['createDirectory', 'showOverwriteConfirmation'] })
      return result.canceled || !result.filePath ? null : result.filePath
    },
    resolveData: async (projectPath, path) => grants.resolveData(projectPath, path),
    display: (absolutePath) => absolutePath,
    acceptsRecent: () => true,
    remember: (absolutePath, kind) => grants.grant(absolutePath, kind),
    async resolveProject(projectPath) {
      if (!grants.has(projectPath, 'project')) throw new PathRefusedError(`The project "${projectPath}" was not opened or saved in this session.`)
      return resolve(projectPath)
    },
    dialogAsksToReplace: true,
  }
}
