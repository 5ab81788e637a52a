/**
 * When two project files are "the same run": what makes the engine rebuild, and putting a trained
 * export back into the edited project (a save, an autosave, a restarted engine).
 */
import type { ProjectFile } from '../../../engine/project/types'

/** What makes the engine rebuild (a new start): the network, the data, seed, shuffling, precision, given weights. */
export function structuralKey(doc: ProjectFile): string {
  const { network, data, training, weights, progress } = doc
  return JSON.stringify([network, data, training.seed, training.shuffle, training.precision ?? 'float64', weights ? weights.length : 0, progress?.step ?? -1])
}

/** A copy of the edited project with the engine's trained weights and state, when they are of this project. */
export function composeFile(doc: ProjectFile, trained: ProjectFile | null): ProjectFile {
  const file = structuredClone(doc)
  if (!trained) return file
  const { weights: _w, optimizerState: _o, progress: _p, curves: _c, ...spec } = file
  if (structuralKey({ ...trained, weights: undefined, progress: undefined }) !== structuralKey(spec as ProjectFile)) return file
  // The curves the file had were of its old progress; the caller adds the current ones.
  return { ...spec, weights: trained.weights, optimizerState: trained.optimizerState, progress: trained.progress }
}
