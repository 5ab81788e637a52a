/**
 * New, Open, Save, Save As, Import CSV and Export, through window.studio: native dialogs where
 * the host has them, otherwise a path typed in the app's own dialog. Every failure becomes a
 * notice; the project being edited is never replaced by something unreadable.
 */
import type { ProjectFile } from '../../../engine/project/types'
import { dataLocation, rebaseDataPath } from '../lib/paths'
import { newProject } from '../lib/presets'
import { useEngineStore } from '../stores/engine'
import { readProjectText, useProjectStore } from '../stores/project'
import { useTrainingStore } from '../stores/training'
import { useRunsStore } from '../stores/runs'
import { useUiStore } from '../stores/ui'
import { useChoosePath } from './path-choice'
import { useFileText } from './file-text'
import { openAutosave } from '../../../engine/project/autosave-envelope'
import { failureText } from '../lib/errors'
import type { FileResult, OpenedFile, SavedFile } from '../../../engine/protocol'

export function useDocumentActions() {
  const project = useProjectStore()
  const engine = useEngineStore()
  const training = useTrainingStore()
  const runs = useRunsStore()
  const ui = useUiStore()
  const texts = useFileText()
  /** Bumped by every save: an autosave built before it must not be written after it. */
  let saves = 0

  /** A path for the host: undefined lets a native dialog ask; null means the user canceled. */
  const choosePath = useChoosePath()

  /**
   * Reads a file the user names: when the host cannot read a typed path, the path dialog opens
   * again with what was typed and why it failed. Null when canceled or reported.
   */
  async function readChosen(purpose: 'open' | 'import', title: string, action: string, read: (path?: string) => Promise<FileResult<OpenedFile>>, given?: string): Promise<OpenedFile | null> {
    let typed = ''
    let problem: string | undefined
    for (;;) {
      const requested = given ?? (await choosePath(purpose, title, typed, problem))
      if (requested === null) return null
      const result = await read(requested)
      if (result.ok) return result.value
      if (result.canceled) return null
      problem = failureText(action, result.error)
      if (given !== undefined || requested === undefined) {
        ui.notify('error', problem, 'file')
        return null
      }
      typed = requested
    }
  }

  /**
   * Runs a write; when the host answers that it would replace a file the user may not mean to
   * lose, asks ("Replace?") and repeats it with consent, to the path the host names.
   */
  async function withReplaceConsent(write: (consent?: { path: string; replace: true }) => Promise<FileResult<SavedFile>>): Promise<FileResult<SavedFile>> {
    const first = await write()
    if (first.ok || first.canceled || first.confirm !== 'replace' || !first.path) return first
    const choice = await ui.askConfirm('Replace file?', first.error, 'replace')
    return choice === 'replace' ? write({ path: first.path, replace: true }) : { ok: false, canceled: true }
  }

  /** Before replacing the project: true when it may go (saved, discarded or clean). */
  async function mayDiscard(): Promise<boolean> {
    if (!project.dirty) return true
    const choice = await ui.askConfirm('Unsaved changes', `Save the changes to ${project.fileName} first?`)
    if (choice === 'cancel') return false
    return choice === 'discard' || (await save())
  }

  async function startNew(from: ProjectFile = newProject()): Promise<void> {
    if (!(await mayDiscard())) return
    if (training.running) await training.pause()
    project.replace(from, null, true)
    training.clearPrevious()
    await runs.discardUntitled()
    void runs.reload()
    await engine.load()
  }

  async function open(path?: string): Promise<boolean> {
    const studio = engine.studio
    if (!studio || !(await mayDiscard())) return false
    const opened = await readChosen('open', 'Open project', 'open the project', (p) => studio.openProject({ path: p }), path)
    if (!opened) return false
    const parsed = readProjectText(opened.text)
    if (!parsed.ok) {
      ui.notify('error', `${opened.path} is not a valid project: ${parsed.error}`, 'file')
      return false
    }
    if (training.running) await training.pause()
    project.replace(parsed.project, opened.path, true)
    training.clearPrevious()
    void runs.reload()
    ui.dismiss('file')
    return engine.load()
  }

  async function save(saveAs = false): Promise<boolean> {
    const studio = engine.studio
    if (!studio) return false
    const current = project.filePath
    let path: string | undefined = current ?? undefined
    if (saveAs || !current) {
      const chosen = await choosePath('save', saveAs ? 'Save project as' : 'Save project', current ?? `${(project.doc.name || 'untitled').toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`)
      if (chosen === null) return false
      path = chosen
    }
    const data = project.doc.data
    const dataPath = data.source === 'csv' ? (path ? rebaseDataPath(current, path, data.path) : dataLocation(current, data.path)) : null
    saves++
    // Before, not after: what this save says (weights left out) must stay on screen.
    ui.dismiss('file')
    const text = await texts.saveText(dataPath)
    const result = await withReplaceConsent((consent) => studio.saveProject(consent ? { text, ...consent } : { text, path, saveAs: saveAs || !current }))
    if (!result.ok) {
      if (!result.canceled) ui.notify('error', failureText('save', result.error), 'file')
      return false
    }
    if (dataPath !== null) {
      const newPath = dataPath
      project.rewrite((draft) => {
        if (draft.data.source === 'csv') draft.data.path = newPath
      })
    }
    project.markSaved(result.value.path)
    saves++
    void runs.saved(current, result.value.path)
    void studio.autosave(null).catch(() => undefined)
    return true
  }

  async function importCsv(path?: string): Promise<void> {
    const studio = engine.studio
    if (!studio) return
    const file = await readChosen('import', 'Import CSV file', 'import', (p) => studio.importCsv({ path: p }), path)
    if (!file) return
    ui.dismiss('file')
    ui.csvImport = { path: file.path, text: file.text }
  }

  /** Writes the crash-recovery copy of unsaved changes, unless a save came while it was being built. */
  async function autosave(): Promise<void> {
    const studio = engine.studio
    if (!studio || !project.dirty) return
    const before = saves
    const text = await texts.autosaveText()
    if (saves === before && project.dirty) await studio.autosave(text)
  }

  function restore(text: string): void {
    const copy = openAutosave(text)
    const parsed = readProjectText(copy.projectText)
    ui.restoreOffer = null
    if (!parsed.ok) {
      ui.notify('error', `The autosaved project could not be read: ${parsed.error}`, 'file')
      return
    }
    project.replace(parsed.project, copy.path, false)
    training.clearPrevious()
    void engine.load()
  }

  return { startNew, open, save, importCsv, autosave, restore, mayDiscard, withReplaceConsent }
}
