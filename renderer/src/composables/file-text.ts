/**
 * The text of a save or an autosave. The engine writes it from its trained state
 * (engine/project/file-text.ts) as UTF-8 bytes the page hands to the host unchanged (a 6 MB
 * string decoded and encoded again here was a long task): for MNIST with Adam that is 60–170 ms of number formatting the
 * page's main thread must not do while training. Only when the engine cannot (nothing loaded,
 * its network is not the edited one, it is gone) does the page write it, as it did before: from a
 * fresh export for a save, from the last checkpoint for an autosave.
 */
import { toRaw } from 'vue'
import { serializeProject } from '../../../engine/project/schema'
import { composeFile, trainedFits, withCurves } from '../../../engine/project/compose'
import { autosaveEnvelope } from '../../../engine/project/autosave-envelope'
import { unpackProject } from '../../../engine/project/packed'
import type { ProjectFile } from '../../../engine/project/types'
import type { EngineReplies, FileContents } from '../../../engine/protocol'
import type { EngineRequestBody } from '../host/engine-client'
import { useEngineStore } from '../stores/engine'
import { useProjectStore } from '../stores/project'
import { useTrainingStore } from '../stores/training'
import { useUiStore } from '../stores/ui'
import { errorText } from '../lib/errors'

type TextRequest = Extract<EngineRequestBody, { type: 'project-text' }>

export function useFileText() {
  const project = useProjectStore()
  const engine = useEngineStore()
  const training = useTrainingStore()
  const ui = useUiStore()

  /** The edited project and the curves shown; its own trained arrays stay here (the engine's replace them). */
  function request(extra: Partial<TextRequest>): TextRequest {
    const { weights: _w, optimizerState: _o, progress: _p, curves: _c, ...spec } = toRaw(project.doc)
    return { type: 'project-text', project: spec, curves: training.curvesForFile(), ...extra }
  }

  /** The engine's file as UTF-8 bytes (handed to the host as they are, never decoded here), or null when the page must write it. */
  async function fromEngine(send: (body: TextRequest) => Promise<EngineReplies['project-text']>, body: TextRequest): Promise<Uint8Array | null> {
    if (!engine.loaded) return null
    try {
      return (await send(body)).bytes
    } catch {
      // The page writes it below, and says what the file lacks.
      return null
    }
  }

  /** The file the page writes: the edited project with `trained` when it fits, the curves, the data path. */
  function pageFile(trained: ProjectFile | null, dataPath: string | null): ProjectFile {
    const file = withCurves(composeFile(toRaw(project.doc), trained), training.curvesForFile())
    if (dataPath !== null && file.data.source === 'csv') file.data.path = dataPath
    return file
  }

  /** A save's text; `dataPath`: a CSV project's data path as the saved file names it. */
  async function saveText(dataPath: string | null): Promise<FileContents> {
    // Behind the edits on their way to the engine, as a save must be.
    const text = await fromEngine((body) => engine.request(body), request(dataPath !== null ? { dataPath } : {}))
    if (text !== null) return text
    let trained: ProjectFile | null = null
    try {
      trained = await engine.exportTrained()
    } catch (error) {
      ui.notify('warning', `The trained weights could not be read from the engine (${errorText(error)}); the project is saved without them.`, 'file')
    }
    if (trained?.weights && !trainedFits(toRaw(project.doc), trained)) {
      ui.notify('info', 'The trained weights belong to the network before your last edit, which starts training anew; the project is saved without them.', 'file')
    }
    return serializeProject(pageFile(trained, dataPath))
  }

  /** The crash-recovery copy: with the engine's trained state, or (the engine gone) the last checkpoint's. */
  async function autosaveText(): Promise<FileContents> {
    // Straight to the engine: an autosave needs no edit applied first.
    const text = await fromEngine((body) => engine.peek(body), request({ autosave: { path: project.filePath } }))
    if (text !== null) return text
    const checkpoint = engine.checkpoint
    return autosaveEnvelope(pageFile(checkpoint ? unpackProject(checkpoint) : null, null), project.filePath)
  }

  return { saveText, autosaveText }
}
