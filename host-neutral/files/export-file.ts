// Export ▸ …: the generated file (and any file beside it, such as a script's data) written
// atomically, never replacing a file the user was not asked about: a native save dialog asks
// about the file it picks; a typed path and the files beside are reported back
// (`confirm: 'replace'`) and written only when the request comes again with `replace`.
import { access } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ExportRequest, FileResult, SavedFile } from '../../engine/protocol'
import { writeFileAtomic } from '../../engine/node/atomic-write'
import { PathRefusedError } from './confine'
import { describeFileError } from './fs-errors'
import type { PathPolicy } from './file-actions'
import { exceedsContainerBudget } from './json-budget'
import { replaceVerdict } from './replace-check'

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  )

/** What must hold before anything is written; null when the content is fine. */
function contentProblem(request: ExportRequest): string | null {
  if ((request.text === undefined) === (request.bytes === undefined)) return 'Refusing to export: the file needs either text or bytes.'
  if (request.kind === 'onnx' && request.bytes === undefined) return 'Refusing to export: an ONNX model is bytes, not text.'
  if (request.kind === 'weights') {
    if (exceedsContainerBudget(request.text ?? '')) return 'Refusing to export the weights: they hold more arrays than any network can.'
    try {
      if (!Array.isArray(JSON.parse(request.text ?? ''))) return 'Refusing to export the weights: they are not a JSON array of layers.'
    } catch (error) {
      return `Refusing to export the weights: they are not valid JSON (${(error as Error).message}).`
    }
  }
  return null
}

export async function exportFile(policy: PathPolicy, request: ExportRequest): Promise<FileResult<SavedFile>> {
  let path: string | null = null
  try {
    const problem = contentProblem(request)
    if (problem) return { ok: false, canceled: false, error: problem }
    const ask = !request.path
    path = await policy.chooseSave(request.kind, request.path, ask)
    if (path === null) return { ok: false, canceled: true }
    // The user picked it: repeating the export after "Replace?" needs no second dialog.
    policy.remember(path, request.kind)
    const shown = policy.display(path)
    const replace = request.replace === true
    const verdict = await replaceVerdict(path, { kind: request.kind, shown, chosen: true, dialogAsked: policy.dialogAsksToReplace && ask, replace })
    if (verdict && 'refuse' in verdict) return { ok: false, canceled: false, error: verdict.refuse }
    const folder = dirname(path)
    const beside = (request.beside ?? []).map((file) => ({ path: join(folder, file.name), text: file.text }))
    // A read-only file beside is refused like the main one, whatever the answer to "Replace?".
    for (const file of beside) {
      const besideVerdict = await replaceVerdict(file.path, { kind: request.kind, shown: policy.display(file.path), chosen: true, dialogAsked: false, replace: true })
      if (besideVerdict && 'refuse' in besideVerdict) return { ok: false, canceled: false, error: besideVerdict.refuse }
    }
    // No dialog asked about the files beside (a script's data file): they are asked about here.
    const existing = replace ? [] : (await Promise.all(beside.map(async (file) => ((await exists(file.path)) ? file.path : null)))).filter((p): p is string => p !== null)
    if (verdict || existing.length > 0) {
      const names = [...(verdict ? [shown] : []), ...existing.map((p) => policy.display(p))].map((name) => `"${name}"`)
      const question = verdict && !verdict.ask.endsWith('Replace it?') ? `${verdict.ask}${existing.length > 0 ? ` ${names.slice(1).join(' and ')} also exist${existing.length === 1 ? 's' : ''}.` : ''}` : `${names.join(' and ')} already exist${names.length === 1 ? 's' : ''}. Replace ${names.length === 1 ? 'it' : 'them'}?`
      return { ok: false, canceled: false, error: question, confirm: 'replace', path: shown }
    }
    for (const file of beside) await writeFileAtomic(file.path, file.text)
    await writeFileAtomic(path, request.bytes ?? request.text ?? '')
    return { ok: true, value: { path: shown } }
  } catch (error) {
    if (error instanceof PathRefusedError) return { ok: false, canceled: false, error: error.message }
    return { ok: false, canceled: false, error: describeFileError('export', path ? policy.display(path) : (request.path ?? ''), error) }
  }
}
