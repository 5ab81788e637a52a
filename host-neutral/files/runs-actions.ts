// The runs log half of StudioApi, for both hosts: each project's runs go to `<project>.runs.jsonl`
// beside it (a project the user opened or saved in this session only); an untitled project's runs
// go beside its autosave in the app's data folder, and move to the project's log when it is saved.
// Every line is checked as a run record, and a log that is not ours (or is newer) is never touched.
import { readFile, rm } from 'node:fs/promises'
import type { FileResult, OpenedFile, RunsAppendRequest, RunsMoveRequest, RunsRequest, SavedFile } from '../../engine/protocol'
import { RunsAppender, runsLogPathFor } from '../../engine/node/runs-file'
import { parseRunsLog, RunsLogError } from '../../engine/runs/runs-log'
import { runLineSchema } from '../../engine/runs/record'
import { PathRefusedError } from './confine'
import { describeFileError } from './fs-errors'
import type { AutosaveStore } from './autosave-store'
import type { PathPolicy } from './file-actions'

const failure = (error: string) => ({ ok: false, canceled: false, error }) as const

export function createRunsActions(policy: PathPolicy, autosave: AutosaveStore) {
  const untitledLog = autosave.file.replace(/\.json$/, '.runs.jsonl')
  const logOf = async (projectPath: string | null) => (projectPath === null ? untitledLog : runsLogPathFor(await policy.resolveProject(projectPath)))
  const shown = (path: string) => (path === untitledLog ? 'the untitled project’s runs' : policy.display(path))

  async function attempt<T>(action: () => Promise<FileResult<T>>, path: () => string): Promise<FileResult<T>> {
    try {
      return await action()
    } catch (error) {
      if (error instanceof PathRefusedError || error instanceof RunsLogError) return failure(error.message)
      return failure(describeFileError('read', path(), error))
    }
  }

  async function append(target: string, lines: string[]): Promise<void> {
    const { appender } = await RunsAppender.open(target)
    for (const line of lines) await appender.append(runLineSchema.parse(JSON.parse(line)))
  }

  return {
    async readRuns(request: RunsRequest): Promise<FileResult<OpenedFile>> {
      let path = ''
      return attempt(async () => {
        path = await logOf(request.projectPath)
        let text = ''
        try {
          text = await readFile(path, 'utf8')
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
        }
        return { ok: true, value: { path: shown(path), text } }
      }, () => shown(path))
    },

    async appendRuns(request: RunsAppendRequest): Promise<FileResult<SavedFile>> {
      let path = ''
      return attempt(async () => {
        // Checked before anything is written: one bad line refuses the whole call.
        for (const [i, line] of request.lines.entries()) {
          const parsed = runLineSchema.safeParse(safeJson(line))
          if (!parsed.success) return failure(`run line ${i + 1} is not a run record: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
        }
        path = await logOf(request.projectPath)
        await append(path, request.lines)
        return { ok: true, value: { path: shown(path) } }
      }, () => shown(path))
    },

    /** The untitled project's runs to a saved project's log (`to`), or discarded (`to: null`). */
    async moveRuns(request: RunsMoveRequest): Promise<FileResult<SavedFile>> {
      let path = untitledLog
      return attempt(async () => {
        if (request.to !== null) {
          const text = await readFile(untitledLog, 'utf8').catch(() => '')
          const lines = text === '' ? [] : parseRunsLog(text, shown(untitledLog)).records.map((r) => JSON.stringify(r))
          path = await logOf(request.to)
          if (lines.length > 0) await append(path, lines)
        }
        await rm(untitledLog, { force: true })
        return { ok: true, value: { path: shown(path) } }
      }, () => shown(path))
    },
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
