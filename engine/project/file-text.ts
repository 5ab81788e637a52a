/**
 * The text of a save or an autosave of the edited project with the engine's trained state in it.
 * The engine builds it (request 'project-text'): writing a trained MNIST network (three numbers
 * per parameter with Adam) takes 60–170 ms, a long task on the studio page's main thread. The page
 * sends the project without its trained arrays; this composes exactly what the page would
 * (composeFile, withCurves, the rebased data path), so the bytes are those of a page-built save.
 */
import { envelopeText } from './autosave-envelope'
import { composeFile, trainedFits, withCurves } from './compose'
import { parseProject } from './schema'
import { serializeSteps } from './serialize'
import { finish, type Steps } from '../train/steps'
import type { ProjectFile, SavedCurves } from './types'

export interface FileTextRequest {
  /** The edited project; its weights, optimizer state, progress and curves are not used (the trained state's are). */
  project: ProjectFile
  /** The curves the studio shows (a trained file keeps them). */
  curves?: SavedCurves
  /** A CSV project's data path as the file being written names it (Save As moves it). */
  dataPath?: string
  /** Present for an autosave: the recovery copy's envelope, with the path the project was saved at. */
  autosave?: { path: string | null }
}

/** The file's text, or null when `trained` is of another network than the edited one (an edit since): the caller writes the project without it. */
export function fileText(request: FileTextRequest, trained: ProjectFile): string | null {
  return finish(fileTextSteps(request, trained))
}

const encoder = new TextEncoder()

/** The file as the engine replies with it: UTF-8 bytes, which the page hands to the host unchanged (a 6 MB string decoded and encoded again on the page was a long task). */
export function fileBytes(text: string | null): Uint8Array<ArrayBuffer> | null {
  return text === null ? null : encoder.encode(text)
}

/** fileText in steps (a big network's text is written in slices); `trained` must be a copy the caller keeps as it is. */
export function* fileTextSteps(request: FileTextRequest, trained: ProjectFile): Steps<string | null> {
  const { weights: _w, optimizerState: _o, progress: _p, curves: _c, ...spec } = request.project
  // Checked as a file would be (the page is untrusted); the text is written from what was sent.
  const parsed = parseProject(request.curves ? { ...spec, curves: request.curves } : spec)
  if (!parsed.ok) throw new Error(`the project to write is not valid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  if (!trainedFits(spec, trained)) return null
  const file = withCurves(composeFile(spec, trained), request.curves)
  if (request.dataPath !== undefined && file.data.source === 'csv') file.data.path = request.dataPath
  const text = yield* serializeSteps(file)
  return request.autosave ? envelopeText(text, request.autosave.path) : text
}
