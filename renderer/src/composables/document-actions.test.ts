import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { serializeProject } from '../../../engine/project/schema'
import { openAutosave } from '../../../engine/project/autosave-envelope'
import { fakeEngine, type FakeEngine } from '../../test/fake-engine'
import { contentsText, fakeStudio, type FakeStudio } from '../../test/fake-studio'
import { syntheticProject } from '../lib/presets'
import { useEngineStore } from '../stores/engine'
import { useProjectStore } from '../stores/project'
import * as edits from '../stores/project-edits'
import { useTrainingStore } from '../stores/training'
import { useUiStore } from '../stores/ui'
import { useDocumentActions } from './document-actions'

let engine: FakeEngine
let studio: FakeStudio

beforeEach(async () => {
  setActivePinia(createPinia())
  engine = fakeEngine()
  studio = fakeStudio()
  useTrainingStore().bind(engine.link)
  useEngineStore().attach(engine.link, studio.api, { kind: 'browser', nativeDialogs: false, rootFolder: '/root', version: 't' })
  await flushPromises()
})

describe('document actions', () => {
  it('refuses an invalid project with every problem named, and keeps the current one', async () => {
    studio.files.set('bad.json', '{"format":"backprop-studio/project","version":1,"network":{"inputs":0}}')
    const project = useProjectStore()
    const before = project.text
    expect(await useDocumentActions().open('bad.json')).toBe(false)
    expect(useUiStore().notices.at(-1)).toMatchObject({ kind: 'error', text: expect.stringContaining('bad.json is not a valid project') })
    expect(project.text).toBe(before)
  })

  it('opens a CSV project: the data file is read relative to the project and sent with it', async () => {
    const doc = syntheticProject({ data: 'circle', hidden: [{ units: 3, activation: 'tanh' }] })
    edits.chooseCsv(doc, { source: 'csv', path: '../data/d.csv', inputs: ['a', 'b'], targets: ['y'], trainFraction: 1 }, 'binary', 1)
    studio.files.set('runs/p.json', serializeProject(doc))
    studio.files.set('../data/d.csv', 'a,b,y\n1,2,0\n3,4,1\n')
    expect(await useDocumentActions().open('runs/p.json')).toBe(true)
    const load = engine.of('load-project').at(-1)!
    expect(load.project.data).toMatchObject({ source: 'csv', path: '../data/d.csv' })
    expect(load.csvText).toContain('3,4,1')
  })

  it('Save As moves the data path with the project, and asks before New discards changes', async () => {
    const project = useProjectStore()
    project.edit((d) => edits.chooseCsv(d, { source: 'csv', path: 'data/d.csv', inputs: ['a', 'b'], targets: ['y'], trainFraction: 1 }, 'binary', 1))
    useEngineStore().rememberData('data/d.csv', 'a,b,y\n1,2,0\n')
    const documents = useDocumentActions()
    const saving = documents.save(true)
    await flushPromises()
    useUiStore().pathRequest!.resolve('runs/p.json')
    expect(await saving).toBe(true)
    expect(JSON.parse(studio.files.get('runs/p.json')!).data.path).toBe('../data/d.csv')
    expect(project.doc.data).toMatchObject({ path: '../data/d.csv' })
    project.edit((d) => edits.setBatchSize(d, 2))
    const replacing = documents.startNew()
    await flushPromises()
    expect(useUiStore().confirmRequest?.title).toBe('Unsaved changes')
    useUiStore().confirmRequest!.resolve('cancel')
    await replacing
    expect(project.doc.training.batchSize).toBe(2)
  })

  it('asks before replacing a file when the host says so, and repeats the save with consent only then', async () => {
    const requests: unknown[] = []
    studio.api.saveProject = async (request) => {
      requests.push(request)
      return request.replace
        ? { ok: true, value: { path: request.path! } }
        : { ok: false, canceled: false, confirm: 'replace', path: 'iris.csv', error: '"iris.csv" is not a Backprop Studio project (it looks like CSV data).' }
    }
    const ui = useUiStore()
    for (const answer of ['cancel', 'replace'] as const) {
      const saving = useDocumentActions().save(true)
      await flushPromises()
      ui.pathRequest!.resolve('iris.csv')
      await flushPromises()
      expect(ui.confirmRequest).toMatchObject({ kind: 'replace', title: 'Replace file?', message: expect.stringContaining('not a Backprop Studio project') })
      ui.confirmRequest!.resolve(answer)
      expect(await saving).toBe(answer === 'replace')
    }
    expect(requests).toMatchObject([{ path: 'iris.csv', saveAs: true }, { path: 'iris.csv', saveAs: true }, { path: 'iris.csv', replace: true }])
    expect(requests[2]).not.toHaveProperty('saveAs')
    expect(useProjectStore().filePath).toBe('iris.csv')
  })

  it('a failed import opens the path dialog again with the typed path and why, said once', async () => {
    studio.api.importCsv = async ({ path }) =>
      path === 'data/ok.csv' ? { ok: true, value: { path, text: 'a,b\n1,2\n' } } : { ok: false, canceled: false, error: `Could not import "${path}": the file or its folder does not exist.` }
    const ui = useUiStore()
    const importing = useDocumentActions().importCsv()
    await flushPromises()
    ui.pathRequest!.resolve('data/missing.csv')
    await flushPromises()
    expect(ui.pathRequest).toMatchObject({ purpose: 'import', initial: 'data/missing.csv', error: 'Could not import "data/missing.csv": the file or its folder does not exist.' })
    ui.pathRequest!.resolve('data/ok.csv')
    await importing
    expect(ui.csvImport).toMatchObject({ path: 'data/ok.csv' })
    expect(ui.notices.some((n) => /Could not import: Could not/.test(n.text))).toBe(false)
  })

  it('a trained project saves its curves and last metrics, and shows them again when opened', async () => {
    const training = useTrainingStore()
    for (let s = 0; s < 4; s++) await training.stepBatch()
    engine.emit({ type: 'progress', status: { ...engine.status }, losses: [1, 2, 3, 4].map((step) => ({ step, loss: 1 / step })), epochs: [{ epoch: 1, step: 4, trainLoss: 0.4, testLoss: 0.5, accuracy: 0.75, evaluatedOn: 'test' }], layerStats: [] })
    const documents = useDocumentActions()
    const saving = documents.save(true)
    await flushPromises()
    useUiStore().pathRequest!.resolve('trained.json')
    expect(await saving).toBe(true)
    const written = JSON.parse(studio.files.get('trained.json')!)
    expect(written.progress.step).toBe(4)
    expect(written.curves.train).toEqual([[1, 1], [2, 0.5], [3, 1 / 3], [4, 0.25]])
    expect(written.curves.last).toEqual({ epoch: 1, step: 4, trainLoss: 0.4, testLoss: 0.5, accuracy: 0.75, evaluatedOn: 'test' })

    await documents.startNew()
    await flushPromises()
    expect(training.curves.train.points).toHaveLength(0)
    expect(await documents.open('trained.json')).toBe(true)
    await flushPromises()
    expect(training.status.step).toBe(4)
    expect(training.curves.train.points.map((p) => p.x)).toEqual([1, 2, 3, 4])
    expect(training.lastEpoch).toMatchObject({ epoch: 1, testLoss: 0.5, accuracy: 0.75 })
  })

  it('a restored autosave keeps the path of its project (and an old plain copy still restores)', async () => {
    const project = useProjectStore()
    const documents = useDocumentActions()
    const saving = documents.save(true)
    await flushPromises()
    useUiStore().pathRequest!.resolve('runs/mine.json')
    await saving
    project.edit((d) => edits.setBatchSize(d, 3))
    await documents.autosave()
    const copy = contentsText(vi.mocked(studio.api.autosave).mock.calls.at(-1)![0]!)
    project.replace(syntheticProject({ data: 'xor', hidden: [] }), null, true)
    documents.restore(copy)
    await flushPromises()
    expect(project.filePath).toBe('runs/mine.json')
    expect(project.fileName).toBe('mine.json')
    expect(project.dirty).toBe(true)
    expect(project.doc.training.batchSize).toBe(3)
    documents.restore(serializeProject(syntheticProject({ data: 'xor', hidden: [] })))
    expect(project.filePath).toBeNull()
    expect(project.doc.data).toMatchObject({ name: 'xor' })
  })

  it('a trained project is saved and autosaved as the engine writes it: the page formats no weights', async () => {
    const project = useProjectStore()
    const training = useTrainingStore()
    for (let s = 0; s < 2; s++) await training.stepBatch()
    const documents = useDocumentActions()
    const saving = documents.save(true)
    await flushPromises()
    useUiStore().pathRequest!.resolve('runs/t.json')
    expect(await saving).toBe(true)
    // The text the engine wrote, byte for byte; no export crossed to the page for it.
    expect(engine.of('project-text')).toHaveLength(1)
    expect(engine.of('export-project')).toHaveLength(0)
    // The engine's UTF-8 bytes go to the host as they came: the page never decodes them into a string.
    const written = studio.saved.at(-1)!.contents
    expect(written).toBeInstanceOf(Uint8Array)
    expect(written).toBe(engine.lastReply('project-text')!.bytes)
    expect(JSON.parse(studio.files.get('runs/t.json')!).progress.step).toBe(2)
    project.edit((d) => edits.setBatchSize(d, 5))
    await documents.autosave()
    expect(engine.of('project-text').at(-1)).toMatchObject({ autosave: { path: 'runs/t.json' } })
    const sent = vi.mocked(studio.api.autosave).mock.calls.at(-1)![0]!
    expect(sent).toBe(engine.lastReply('project-text')!.bytes)
    const copy = openAutosave(contentsText(sent))
    expect(copy.path).toBe('runs/t.json')
    expect(JSON.parse(copy.projectText)).toMatchObject({ training: { batchSize: 5 }, progress: { step: 2 } })
  })

  it('without an engine to write it, an autosave is written from the last checkpoint, and a save says what it lacks', async () => {
    const project = useProjectStore()
    await useTrainingStore().stepBatch()
    await useEngineStore().keepCheckpoint()
    engine.link.request = vi.fn(async () => Promise.reject(new Error('the engine is gone')))
    project.edit((d) => edits.setBatchSize(d, 6))
    const documents = useDocumentActions()
    await documents.autosave()
    // The page's own text (the fallback), not bytes.
    const sent = vi.mocked(studio.api.autosave).mock.calls.at(-1)![0]!
    expect(typeof sent).toBe('string')
    const copy = JSON.parse(openAutosave(contentsText(sent)).projectText)
    expect(copy).toMatchObject({ training: { batchSize: 6 }, progress: { step: 1 } })
    expect(copy.weights).toHaveLength(project.doc.network.layers.length)
    const saving = documents.save(true)
    await flushPromises()
    useUiStore().pathRequest!.resolve('lost.json')
    expect(await saving).toBe(true)
    expect(useUiStore().notices).toContainEqual(expect.objectContaining({ kind: 'warning', text: expect.stringContaining('could not be read from the engine (the engine is gone); the project is saved without them') }))
    expect(JSON.parse(studio.files.get('lost.json')!).weights).toBeUndefined()
  })

  it('an autosave built before a save is not written after it (no stale recovery copy of a saved project)', async () => {
    const project = useProjectStore()
    project.edit((d) => edits.setBatchSize(d, 7))
    const documents = useDocumentActions()
    const original = engine.link.request
    let release!: () => void
    engine.link.request = ((body: { type: string }) =>
      body.type === 'project-text' && 'autosave' in body ? new Promise((resolve) => (release = () => resolve(original(body as never)))) : original(body as never)) as typeof original
    const autosaving = documents.autosave()
    await flushPromises()
    const saving = documents.save(true)
    await flushPromises()
    useUiStore().pathRequest!.resolve('saved.json')
    expect(await saving).toBe(true)
    release()
    await autosaving
    expect(vi.mocked(studio.api.autosave).mock.calls).toEqual([[null]])
  })
})
