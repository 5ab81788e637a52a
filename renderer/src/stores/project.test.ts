import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { parseProjectText, serializeProject } from '../../../engine/project/schema'
import { PRESETS } from '../lib/presets'
import { readProjectText, useProjectStore } from './project'
import * as edits from './project-edits'

beforeEach(() => setActivePinia(createPinia()))

describe('project store', () => {
  it('is what a save writes: its text parses back to the same project, for every preset', () => {
    const project = useProjectStore()
    for (const preset of PRESETS) {
      project.replace(preset.project(), null, true)
      const parsed = parseProjectText(project.text)
      expect(parsed.ok, preset.id).toBe(true)
      if (parsed.ok) expect(serializeProject(parsed.project)).toBe(project.text)
      expect(readProjectText(project.text)).toMatchObject({ ok: true })
    }
  })

  it('undoes and redoes every edit, in order', () => {
    const project = useProjectStore()
    const start = project.text
    project.edit((d) => edits.addHiddenLayer(d))
    const twoLayers = project.text
    project.edit((d) => edits.setActivation(d, 1, 'relu', 'binary'))
    expect(project.doc.network.layers.map((l) => l.activation)).toEqual(['tanh', 'relu', 'sigmoid'])
    expect(project.undo()).toBe(true)
    expect(project.text).toBe(twoLayers)
    expect(project.undo()).toBe(true)
    expect(project.text).toBe(start)
    expect(project.canUndo).toBe(false)
    expect(project.undo()).toBe(false)
    project.redo()
    project.redo()
    expect(project.doc.network.layers[1].activation).toBe('relu')
    expect(project.canRedo).toBe(false)
  })

  it('coalesces rapid typing into one undo step, and a new edit clears redo', () => {
    vi.useFakeTimers()
    try {
      const project = useProjectStore()
      const before = project.doc.training.optimizer.learningRate
      for (const lr of [0.1, 0.12, 0.125]) project.edit((d) => edits.setOptimizerField(d, 'learningRate', lr), 'learning-rate')
      vi.advanceTimersByTime(3000)
      project.edit((d) => edits.setOptimizerField(d, 'learningRate', 0.2), 'learning-rate')
      project.undo()
      expect(project.doc.training.optimizer.learningRate).toBe(0.125)
      project.undo()
      expect(project.doc.training.optimizer.learningRate).toBe(before)
      project.redo()
      project.edit((d) => edits.setBatchSize(d, 7))
      expect(project.canRedo).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('is dirty after an edit or training, clean again after a save or an undo back', () => {
    const project = useProjectStore()
    expect(project.dirty).toBe(false)
    project.edit((d) => edits.setBatchSize(d, 32))
    expect(project.dirty).toBe(true)
    expect(project.windowTitle).toBe('• Untitled — Backprop Studio')
    project.undo()
    expect(project.dirty).toBe(false)
    project.markTrained()
    expect(project.dirty).toBe(true)
    project.markSaved('runs/a.json')
    expect(project.dirty).toBe(false)
    expect(project.windowTitle).toBe('a.json — Backprop Studio')
  })

  it('ignores edits that change nothing (no empty undo steps)', () => {
    const project = useProjectStore()
    expect(project.edit((d) => edits.setBatchSize(d, project.doc.training.batchSize))).toBe(false)
    expect(project.canUndo).toBe(false)
  })

  it('reports every problem of an unreadable project in one message', () => {
    const result = readProjectText('{"format":"backprop-studio/project","version":1}')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/network/)
    expect(readProjectText('{ nope')).toMatchObject({ ok: false, error: expect.stringMatching(/line 1/) })
  })
})
