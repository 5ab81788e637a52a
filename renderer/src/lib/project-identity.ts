/**
 * When two project files are "the same run": what makes the engine rebuild, and putting a trained
 * export back into the edited project (a save, an autosave, a restarted engine). Identity is read
 * from the structure alone, key order aside; the trained arrays (weights, optimizer slots, saved
 * curves: millions of numbers) are never stringified: the edited project never changes them in place (an edit
 * drops or replaces them), so their identity is the array's own.
 */
import type { ProjectFile } from '../../../engine/project/types'

/** JSON with every object's keys sorted (and undefined fields left out, as JSON does): key order never matters. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  const record = value as Record<string, unknown>
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
  return `{${fields.join(',')}}`
}

/** What makes the engine rebuild (a new start): the network, the data, seed, shuffling, precision, given weights. */
export function structuralKey(doc: ProjectFile): string {
  const { network, data, training, weights, progress } = doc
  return canonicalJson([network, data, training.seed, training.shuffle, training.precision ?? 'float64', weights ? weights.length : 0, progress?.step ?? -1])
}

const trainedIds = new WeakMap<object, number>()
let nextTrainedId = 1
/** A number per trained array: the same array, the same number. */
function trainedId(value: object | undefined): number {
  if (value === undefined) return 0
  let id = trainedIds.get(value)
  if (id === undefined) trainedIds.set(value, (id = nextTrainedId++))
  return id
}

/** The whole project's identity (for "unsaved changes" and "did this edit change anything"): the spec by value, trained arrays by identity. */
export function projectIdentity(doc: ProjectFile): string {
  const { weights, optimizerState, progress, curves, ...spec } = doc
  return `${canonicalJson(spec)}|${canonicalJson(progress ?? null)}|${trainedId(weights)}|${trainedId(optimizerState)}|${trainedId(curves)}`
}

/** A copy to edit: the spec copied, the trained arrays shared (they are only ever dropped or replaced). */
export function cloneProject(doc: ProjectFile): ProjectFile {
  const { weights, optimizerState, progress, curves, ...spec } = doc
  const copy = structuredClone(spec) as ProjectFile
  if (weights) copy.weights = weights
  if (optimizerState) copy.optimizerState = optimizerState
  if (curves) copy.curves = curves
  if (progress) copy.progress = structuredClone(progress)
  return copy
}

/** Whether an engine export is of this project's structure (its weights fit this network and data). */
export function trainedFits(doc: ProjectFile, trained: ProjectFile): boolean {
  const structure = (file: ProjectFile) => structuralKey({ ...file, weights: undefined, progress: undefined })
  return structure(trained) === structure(doc)
}

/**
 * A copy of the edited project with the engine's trained weights and state. When the export is of
 * another structure (an edit since dropped them), the project goes without them: callers that
 * save say so (see `trainedFits`).
 */
export function composeFile(doc: ProjectFile, trained: ProjectFile | null): ProjectFile {
  const file = structuredClone(doc)
  if (!trained || !trainedFits(doc, trained)) return file
  // The curves the file had were of its old progress; the caller adds the current ones.
  const { curves: _curves, ...spec } = file
  return { ...spec, weights: trained.weights, optimizerState: trained.optimizerState, progress: trained.progress }
}
