/**
 * The studio's commands, one table for the toolbar, the host menu and the keyboard: each
 * MenuCommand maps to the same action a button runs.
 */
import type { MenuCommand } from '../../../engine/protocol'
import { useProjectStore } from '../stores/project'
import { useTrainingStore } from '../stores/training'
import { useUiStore } from '../stores/ui'
import { useDocumentActions } from './document-actions'
import { useExportActions } from './export-actions'

export type Commands = Record<MenuCommand, (path?: string) => void | Promise<unknown>>

export function useCommands(): Commands {
  const documents = useDocumentActions()
  const exports = useExportActions()
  const project = useProjectStore()
  const training = useTrainingStore()
  const ui = useUiStore()
  return {
    new: () => documents.startNew(),
    open: (path) => documents.open(path),
    save: () => documents.save(false),
    'save-as': () => documents.save(true),
    'import-csv': () => documents.importCsv(),
    'export-pytorch': () => exports.exportPytorch(),
    'export-onnx': () => exports.exportOnnx(),
    'export-weights': () => exports.exportWeights(),
    'export-metrics': () => exports.exportMetrics(),
    undo: () => void project.undo(),
    redo: () => void project.redo(),
    'train-toggle': () => training.toggle(),
    'step-batch': () => training.stepBatch(),
    'step-epoch': () => training.stepEpoch(),
    reset: () => training.reset(),
    about: () => void ui.notify('info', 'Backprop Studio: train small neural networks and see how backpropagation moves every weight.', 'about'),
  }
}

/** Whether a key event belongs to a text field or another control that uses the key itself. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || typeof element.closest !== 'function') return false
  if (element.isContentEditable) return true
  return element.closest('input, textarea, select, button, a[href], [role="button"], [role="slider"], [role="checkbox"], [role="option"], summary') !== null
}

function isTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || typeof element.closest !== 'function') return false
  if (element.isContentEditable || element.closest('textarea')) return true
  const input = element.closest('input') as HTMLInputElement | null
  return !!input && !['checkbox', 'radio', 'range', 'button', 'submit', 'color', 'file'].includes(input.type)
}

/**
 * Keyboard shortcuts. Space trains or pauses (not while a control that uses Space has focus);
 * Ctrl+Z / Ctrl+Shift+Z undo and redo project edits (in a text field they undo the typing, as
 * the desktop menu leaves them). File shortcuts only where no native menu owns them.
 */
export function shortcutFor(event: KeyboardEvent, fileKeys: boolean): MenuCommand | null {
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.toLowerCase()
  if (!mod && !event.altKey && (event.key === ' ' || event.code === 'Space')) return isTypingTarget(event.target) ? null : 'train-toggle'
  if (!mod) return null
  if (key === 'z' || key === 'y') {
    if (isTextField(event.target)) return null
    return key === 'y' || event.shiftKey ? 'redo' : 'undo'
  }
  if (!fileKeys) return null
  if (key === 's') return event.shiftKey ? 'save-as' : 'save'
  if (key === 'o') return 'open'
  if (key === 'enter') return 'train-toggle'
  return null
}
