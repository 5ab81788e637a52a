/**
 * Putting a trained export back into the edited project (a save, an autosave, a restarted engine),
 * and when two project files are "the same run": what makes the engine rebuild. Identity is read
 * from the structure alone, key order aside. Used by the studio page and by the engine, which
 * builds the file text of a save or an autosave so the page never does.
 */
import type { ProjectFile, SavedCurves } from './types'

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

/** A trained file keeps the curves the studio shows (they are of its progress). */
export function withCurves(file: ProjectFile, curves: SavedCurves | undefined): ProjectFile {
  return file.progress && !file.curves && curves ? { ...file, curves } : file
}
