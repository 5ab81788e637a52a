// The file half of StudioApi, shared by both hosts. What differs between them (native dialogs
// and granted paths in Electron, typed paths confined to a folder in the browser host) is the
// PathPolicy; reading, checking, atomic writing, recent files and autosave are the same code.
import { readFile, stat } from 'node:fs/promises'
import type { DataFileRequest, ExportKind, ExportRequest, FileContents, FileResult, OpenedFile, OpenRequest, SavedFile, SaveRequest } from '../../engine/protocol'
import { writeFileAtomic } from '../../engine/node/atomic-write'
import { MAX_PROJECT_TEXT_CHARS } from '../../engine/wire/size-limits'
import type { AutosaveStore } from './autosave-store'
import { ContentsRefusedError, contentsText } from './file-contents'
import { PathRefusedError } from './confine'
import { exceedsContainerBudget, MAX_JSON_CONTAINERS } from './json-budget'
import { replaceVerdict } from './replace-check'
import { describeFileError, type FileVerb } from './fs-errors'
import { exportFile } from './export-file'
import type { RecentFiles } from './recent-files'
import { createRunsActions } from './runs-actions'

export type OpenKind = 'project' | 'csv'
export type SaveKind = 'project' | ExportKind

/** How a host turns a request into an absolute path it may touch. null means the user canceled. */
export interface PathPolicy {
  chooseOpen(kind: OpenKind, requested: string | undefined): Promise<string | null>
  /** `ask`: Save As…, or no path yet. */
  chooseSave(kind: SaveKind, requested: string | undefined, ask: boolean): Promise<string | null>
  /** A data file named by a project, relative to the project file's folder. */
  resolveData(projectPath: string | null, path: string): Promise<string>
  /** The path as the renderer sees it (absolute in Electron, relative to the root in the browser host). */
  display(absolutePath: string): string
  /** Whether a remembered recent file still makes sense here (the browser host: inside its root). */
  acceptsRecent(absolutePath: string): boolean
  /** Its save dialog asks before replacing a file (Electron's native one does); else the studio asks. */
  readonly dialogAsksToReplace: boolean
  /** Called for every path the user picked or opened: it may be used again, for the same kind, without asking. */
  remember(absolutePath: string, kind: OpenKind | SaveKind): void
  /** A project path the renderer names (to find its runs log beside it); refused unless opened or saved here. */
  resolveProject(projectPath: string): Promise<string>
}

/** Larger files are refused before reading them: no project the studio can make is larger. */
export const MAX_READ_BYTES = MAX_PROJECT_TEXT_CHARS

export type FileActions = ReturnType<typeof createFileActions>

const canceled = { ok: false, canceled: true } as const
const failure = (error: string) => ({ ok: false, canceled: false, error }) as const

async function readText(path: string): Promise<string> {
  const info = await stat(path)
  if (info.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' })
  if (info.size > MAX_READ_BYTES) throw new Error(`it is larger than ${Math.floor(MAX_READ_BYTES / 1024 / 1024)} MB`)
  const text = await readFile(path, 'utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** A project (or exported model) must at least be a JSON object; the renderer checks the rest. */
function jsonObjectProblem(contents: FileContents): string | null {
  let text: string
  try {
    text = contentsText(contents)
  } catch (error) {
    if (error instanceof ContentsRefusedError) return error.message
    throw error
  }
  if (exceedsContainerBudget(text)) return `it holds more arrays and objects than any project can (at most ${MAX_JSON_CONTAINERS})`
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'it is JSON but not a JSON object'
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`
  }
}

export function createFileActions(policy: PathPolicy, recent: RecentFiles, autosave: AutosaveStore) {
  /** Runs one action; any refusal or I/O error becomes `{ ok: false, error }` naming the file. */
  async function attempt<T>(verb: FileVerb, shownPath: () => string, action: () => Promise<FileResult<T>>): Promise<FileResult<T>> {
    try {
      return await action()
    } catch (error) {
      if (error instanceof PathRefusedError) return failure(error.message)
      return failure(describeFileError(verb, shownPath(), error))
    }
  }

  async function open(kind: OpenKind, request: OpenRequest): Promise<FileResult<OpenedFile>> {
    let path: string | null = null
    const verb = kind === 'project' ? 'open' : 'import'
    return attempt(verb, () => (path ? policy.display(path) : (request.path ?? '')), async () => {
      path = await policy.chooseOpen(kind, request.path)
      if (path === null) return canceled
      const text = await readText(path)
      const problem = kind === 'project' ? jsonObjectProblem(text) : null
      if (problem) return failure(`"${policy.display(path)}" is not a Backprop Studio project: ${problem}.`)
      policy.remember(path, kind)
      if (kind === 'project') await recent.add(path)
      return { ok: true, value: { path: policy.display(path), text } }
    })
  }

  async function save(kind: SaveKind, text: FileContents, requested: string | undefined, ask: boolean, replace: boolean): Promise<FileResult<SavedFile>> {
    let path: string | null = null
    const verb = kind === 'project' ? 'save' : 'export'
    return attempt(verb, () => (path ? policy.display(path) : (requested ?? '')), async () => {
      // Checked before anything is written: a broken document must not replace a good file.
      const problem = jsonObjectProblem(text)
      if (problem) return failure(`Refusing to write the project: ${problem}.`)
      path = await policy.chooseSave(kind, requested, ask)
      if (path === null) return canceled
      // The user picked it: repeating the save after "Replace?" needs no second dialog.
      policy.remember(path, kind)
      const chosen = ask || kind !== 'project'
      const verdict = await replaceVerdict(path, { kind, shown: policy.display(path), chosen, dialogAsked: policy.dialogAsksToReplace && ask, replace })
      if (verdict && 'refuse' in verdict) return failure(verdict.refuse)
      if (verdict) return { ok: false, canceled: false, error: verdict.ask, confirm: 'replace', path: policy.display(path) }
      await writeFileAtomic(path, text)
      policy.remember(path, kind)
      if (kind === 'project') await recent.add(path)
      return { ok: true, value: { path: policy.display(path) } }
    })
  }

  return {
    openProject: (request: OpenRequest) => open('project', request),
    importCsv: (request: OpenRequest) => open('csv', request),
    saveProject: (request: SaveRequest) => save('project', request.text, request.path, request.saveAs === true || !request.path, request.replace === true),
    exportFile: (request: ExportRequest) => exportFile(policy, request),

    async readDataFile(request: DataFileRequest): Promise<FileResult<OpenedFile>> {
      let path: string | null = null
      return attempt('read', () => (path ? policy.display(path) : request.path), async () => {
        path = await policy.resolveData(request.projectPath, request.path)
        return { ok: true, value: { path: policy.display(path), text: await readText(path) } }
      })
    },

    async recentFiles(): Promise<string[]> {
      // Listed, not granted: a recent file is opened only when the user picks it (the menu grants it).
      return (await recent.list()).filter((path) => policy.acceptsRecent(path)).map((path) => policy.display(path))
    },

    autosave: (text: FileContents | null) => autosave.write(text),
    takeAutosave: () => autosave.take(),
    ...createRunsActions(policy, autosave),
  }
}

/** The file calls both hosts pass straight through (opening and saving differ per host). */
export function passThroughFileCalls(files: FileActions) {
  const { importCsv, readDataFile, exportFile, recentFiles, autosave, takeAutosave, readRuns, appendRuns, moveRuns } = files
  return { importCsv, readDataFile, exportFile, recentFiles, autosave, takeAutosave, readRuns, appendRuns, moveRuns }
}
