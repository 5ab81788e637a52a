// The engine writes the studio's saves and autosaves ('project-text') and sends its checkpoint
// packed ('checkpoint'): both must give exactly what the page built from 'export-project' before.
import { describe, expect, it } from 'vitest'
import { sessionHarness } from '../testing/session-harness'
import { testProject } from '../testing/projects'
import { composeFile, withCurves } from '../project/compose'
import { openAutosave } from '../project/autosave-envelope'
import { unpackProject } from '../project/packed'
import { parseProjectText, serializeProject } from '../project/schema'
import type { ProjectFile, SavedCurves } from '../project/types'

/** `tick`: how far the clock moves per reading (0: never, so no work is ever sliced). */
function harness(tick = 0) {
  let t = 0
  return sessionHarness({ now: () => (t += tick), schedule: (fn) => setImmediate(fn) })
}

/** Adam (two optimizer slots) on a small 3-class problem, named as a user would. */
const doc: ProjectFile = {
  ...testProject(2, [{ units: 5, activation: 'relu' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', {
    optimizer: { name: 'adam', learningRate: 0.01 },
    shuffle: true,
  }),
  name: 'Three arms',
  data: { source: 'synthetic', name: 'k-class-spiral', samples: 90, noise: 0.1, trainFraction: 0.8, classes: 3 },
}
const curves: SavedCurves = { train: [[1, 1.1], [2, 0.9]], trainEpoch: [], test: [], metric: [], last: { epoch: 1, step: 2, trainLoss: 1, evaluatedOn: 'test' } }
/** The reply's bytes as text: strict UTF-8 (a malformed sequence throws). */
const utf8 = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(bytes))

async function trained() {
  const h = harness()
  await h.ok({ type: 'load-project', project: doc })
  for (let s = 0; s < 5; s++) await h.ok({ type: 'train', action: 'step-batch' })
  return h
}

describe("the engine's file texts", () => {
  it('a save is byte for byte what the page wrote from the export (weights, Adam slots, progress, curves)', async () => {
    const h = await trained()
    const exported = await h.ok({ type: 'export-project' })
    const pageText = serializeProject(withCurves(composeFile(doc, exported), curves))
    // The page sends the edited project (its own old trained arrays do not matter) and the curves.
    const { bytes } = await h.ok({ type: 'project-text', project: { ...doc, curves: { ...curves, train: [] } }, curves })
    // UTF-8 bytes, the very bytes a page-built save writes.
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(bytes!).equals(Buffer.from(pageText, 'utf8'))).toBe(true)
    const text = utf8(bytes)
    expect(text).toContain('"optimizerState"')
    expect(parseProjectText(text!).ok).toBe(true)
    h.session.dispose()
  })

  it('a name beyond ASCII is written as its UTF-8 bytes, identical to the page-built file', async () => {
    const h = await trained()
    const named: ProjectFile = { ...doc, name: 'Spirale — größer ✓ 🌀' }
    const exported = await h.ok({ type: 'export-project' })
    const { bytes } = await h.ok({ type: 'project-text', project: named, curves })
    const pageText = serializeProject(withCurves(composeFile(named, exported), curves))
    expect(Buffer.from(bytes!).equals(Buffer.from(pageText, 'utf8'))).toBe(true)
    h.session.dispose()
  })

  it('an autosave is the recovery envelope with the path, restorable to the same project', async () => {
    const h = await trained()
    const exported = await h.ok({ type: 'export-project' })
    const text = utf8((await h.ok({ type: 'project-text', project: doc, curves, autosave: { path: 'runs/arms.json' } })).bytes)
    const copy = openAutosave(text!)
    expect(copy.path).toBe('runs/arms.json')
    const restored = parseProjectText(copy.projectText)
    expect(restored.ok && serializeProject(restored.project)).toBe(serializeProject(withCurves(composeFile(doc, exported), curves)))
    h.session.dispose()
  })

  it('a CSV project is written with the data path it is given (Save As moves it)', async () => {
    const csv: ProjectFile = { ...doc, data: { source: 'csv', path: 'd.csv', inputs: ['a', 'b'], targets: ['y'], trainFraction: 1 } }
    const h = harness()
    await h.ok({ type: 'load-project', project: { ...csv, network: { ...csv.network, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' } }, csvText: 'a,b,y\n1,2,0\n3,4,1\n' })
    const edited: ProjectFile = { ...csv, network: { ...csv.network, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' } }
    const text = utf8((await h.ok({ type: 'project-text', project: edited, dataPath: '../d.csv' })).bytes)
    expect(JSON.parse(text!).data.path).toBe('../d.csv')
    h.session.dispose()
  })

  it('answers null when the engine trains another network than the edited one, and refuses an invalid project by field', async () => {
    const h = await trained()
    const wider = { ...doc, network: { ...doc.network, layers: [{ units: 6, activation: 'relu' as const }, doc.network.layers[1]] } }
    expect(await h.ok({ type: 'project-text', project: wider })).toEqual({ bytes: null })
    const bad = await h.send({ type: 'project-text', project: doc, curves: { ...curves, train: [[1, Number.NaN]] } })
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^the project to write is not valid: curves\.train\[0\]\[1\]: must be a finite number/) })
    h.session.dispose()
  })

  it('the packed checkpoint unpacks to the export, number for number', async () => {
    const h = await trained()
    const exported = await h.ok({ type: 'export-project' })
    const packed = await h.ok({ type: 'checkpoint' })
    expect(packed.weights?.[0].W).toBeInstanceOf(Float64Array)
    expect(packed.optimizerState?.slots.m[1].b).toBeInstanceOf(Float64Array)
    expect(serializeProject(unpackProject(packed))).toBe(serializeProject(exported))
    expect(unpackProject(packed)).toEqual(exported)
    h.session.dispose()
  })

  it('a big text is written in slices: training and other requests go on meanwhile, the text is of the state when asked', async () => {
    // A clock that moves 1 ms a reading: a slice (8 ms) is a few weight rows, so writing takes many slices.
    const h = harness(1)
    const wide: ProjectFile = { ...doc, network: { ...doc.network, layers: [{ units: 300, activation: 'relu' }, doc.network.layers[1]] } }
    await h.ok({ type: 'load-project', project: wide })
    await h.ok({ type: 'train', action: 'start' })
    // Request ids 3 and 4 (after the load and the start).
    const asked = h.ok({ type: 'project-text', project: wide })
    const snapshot = h.ok({ type: 'snapshot' })
    const [{ bytes }] = await Promise.all([asked, snapshot])
    const text = utf8(bytes)
    await h.ok({ type: 'train', action: 'pause' })
    const order = h.events.flatMap((e) => (e.type === 'reply' ? [e.id] : []))
    expect(order.indexOf(4)).toBeLessThan(order.indexOf(3))
    const parsed = parseProjectText(text!)
    expect(parsed.ok).toBe(true)
    const written = JSON.parse(text!).progress.step
    const steps = h.events.flatMap((e) => (e.type === 'progress' ? [e.status.step] : []))
    // Training moved on while the text was written, which is of one step: the export when asked.
    expect(Math.max(...steps)).toBeGreaterThan(written)
    h.session.dispose()
  })
})
