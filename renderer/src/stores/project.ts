import { defineStore } from 'pinia'
import { computed, ref, shallowRef, toRaw } from 'vue'
import { parseProjectText, serializeProject } from '../../../engine/project/schema'
import type { ProjectFile } from '../../../engine/project/types'
import type { WeightRef } from '../../../engine/protocol'
import { History } from '../lib/history'
import { basename } from '../lib/paths'
import { newProject } from '../lib/presets'
import { cloneProject, projectIdentity } from '../lib/project-identity'

/** A weight typed in the inspector: it lives in the engine, so its undo step sets it back there. */
export interface WeightChange {
  ref: WeightRef
  before: number
  after: number
}

/** One undo step: the project before it, or (with `weight`) a weight edit that left the project as it was. */
interface Step {
  doc: ProjectFile
  weight?: WeightChange
}

/** Sets a weight in the engine (the inspector registers it); undo and redo of weight edits go through it. */
export type WeightSetter = (ref: WeightRef, value: number) => void | Promise<unknown>

/** The project being edited: what a save writes (weights come from the engine at save time). */
export const useProjectStore = defineStore('project', () => {
  const doc = ref<ProjectFile>(newProject())
  const filePath = ref<string | null>(null)
  /** The text the project is clean at: as last saved or opened ('' when it must be saved to be clean). */
  const savedIdentity = shallowRef<string | null>(projectIdentity(toRaw(doc.value)))
  /** Training changed the weights since the last save or open. */
  const trainedSinceSave = ref(false)
  /** Bumped on every change of `doc` (edit, undo, redo, open). */
  const revision = ref(0)
  const history = new History<Step>()
  let setWeight: WeightSetter | null = null
  const canUndo = ref(false)
  const canRedo = ref(false)

  const text = computed(() => serializeProject(toRaw(doc.value)))
  const fileName = computed(() => (filePath.value ? basename(filePath.value) : 'Untitled'))
  /** Read by the window title on every change: identity from the structure, never the weights' text. */
  const identity = computed(() => projectIdentity(toRaw(doc.value)))
  const dirty = computed(() => trainedSinceSave.value || identity.value !== savedIdentity.value)
  const windowTitle = computed(() => `${dirty.value ? '• ' : ''}${fileName.value} — Backprop Studio`)

  const clone = (): ProjectFile => cloneProject(toRaw(doc.value))
  const syncHistoryFlags = () => {
    canUndo.value = history.canUndo
    canRedo.value = history.canRedo
  }

  /**
   * Applies one edit to the project as one undo step (or merged into the previous step when it
   * has the same `coalesce` key and follows within a second, as typing does). Returns whether
   * anything changed.
   */
  function edit(mutate: (draft: ProjectFile) => void, coalesce?: string): boolean {
    const before = clone()
    const draft = clone()
    mutate(draft)
    if (projectIdentity(draft) === projectIdentity(before)) return false
    history.record({ doc: before }, coalesce)
    doc.value = draft
    revision.value++
    syncHistoryFlags()
    return true
  }

  /** Records a weight edit the engine made as one undo step (the project itself does not change). */
  function recordWeightEdit(change: WeightChange): void {
    history.record({ doc: clone(), weight: { ...change, ref: { ...change.ref } } })
    syncHistoryFlags()
  }

  function registerWeightSetter(setter: WeightSetter | null): void {
    setWeight = setter
  }

  /** Goes one step back or forward: a project state, or a weight set back (or again) in the engine. */
  function travel(direction: 'undo' | 'redo'): boolean {
    const here = (step: Step): Step => ({ doc: clone(), weight: step.weight })
    const step = direction === 'undo' ? history.undo(here) : history.redo(here)
    if (!step) return false
    syncHistoryFlags()
    if (step.weight) {
      void setWeight?.(step.weight.ref, direction === 'undo' ? step.weight.before : step.weight.after)
      return true
    }
    doc.value = step.doc
    revision.value++
    return true
  }

  const undo = () => travel('undo')
  const redo = () => travel('redo')

  /**
   * Replaces the whole project (New, Open, a preset, a restore); history starts over. `clean`:
   * nothing to save yet (a new project, a file just opened); a restored copy is not clean.
   */
  function replace(project: ProjectFile, path: string | null, clean: boolean): void {
    doc.value = structuredClone(project)
    filePath.value = path
    savedIdentity.value = clean ? projectIdentity(toRaw(doc.value)) : null
    trainedSinceSave.value = false
    history.clear()
    revision.value++
    syncHistoryFlags()
  }

  /** After a save: the file on disk is this project (and these weights). */
  function markSaved(path: string): void {
    filePath.value = path
    savedIdentity.value = projectIdentity(toRaw(doc.value))
    trainedSinceSave.value = false
  }

  /** Rewrites the project and its history without an undo step (Save As moving the data path). */
  function rewrite(fn: (draft: ProjectFile) => void): void {
    const draft = clone()
    fn(draft)
    doc.value = draft
    history.map((step) => {
      const copy = structuredClone(step.doc)
      fn(copy)
      return { ...step, doc: copy }
    })
    revision.value++
  }

  function markTrained(): void {
    if (!trainedSinceSave.value) trainedSinceSave.value = true
  }

  return {
    doc,
    filePath,
    revision,
    canUndo,
    canRedo,
    dirty,
    text,
    fileName,
    windowTitle,
    trainedSinceSave,
    edit,
    undo,
    redo,
    replace,
    rewrite,
    markSaved,
    markTrained,
    recordWeightEdit,
    registerWeightSetter,
  }
})

/** Reads project text for Open or a restore: the project, or every problem in one message. */
export function readProjectText(text: string): { ok: true; project: ProjectFile } | { ok: false; error: string } {
  const parsed = parseProjectText(text)
  if (parsed.ok) return parsed
  const listed = parsed.errors.slice(0, 5).map((e) => (e.path && e.path !== '(root)' ? `${e.path}: ${e.message}` : e.message))
  const more = parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : ''
  return { ok: false, error: `${listed.join('; ')}${more}` }
}
