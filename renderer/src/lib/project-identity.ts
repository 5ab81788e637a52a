/**
 * The edited project's identity ("unsaved changes", "did this edit change anything") and copies to
 * edit. The trained arrays (weights, optimizer slots, saved curves: millions of numbers) are never
 * stringified: the edited project never changes them in place (an edit drops or replaces them), so
 * their identity is the array's own. What makes the engine rebuild, and composing a trained export
 * into the project, are engine/project/compose.ts (the engine composes saves too).
 */
import type { ProjectFile } from '../../../engine/project/types'
import { canonicalJson } from '../../../engine/project/compose'

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
