import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { cloneProject, projectIdentity } from './project-identity'
import { canonicalJson, composeFile, structuralKey, trainedFits } from '../../../engine/project/compose'
import { syntheticProject } from './presets'
import { useProjectStore } from '../stores/project'
import * as edits from '../stores/project-edits'
import type { LayerWeights, ProjectFile } from '../../../engine/project/types'

const doc = () => syntheticProject({ data: 'circle', hidden: [{ units: 3, activation: 'tanh' }] })

/** The same object with every object's keys in reverse order (as another writer might produce). */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T
}

function trainedOf(project: ProjectFile): ProjectFile {
  const weights: LayerWeights[] = [
    { W: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], b: [0, 0, 0] },
    { W: [[0.7], [0.8], [0.9]], b: [0.01] },
  ]
  return { ...structuredClone(project), weights, progress: { epoch: 2, step: 70, rowInEpoch: 0, rngState: [1, 2, 3, 4, 0] } }
}

beforeEach(() => setActivePinia(createPinia()))

describe('project identity', () => {
  it('canonical JSON ignores key order and undefined fields, and nothing else', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe(canonicalJson({ a: [{ d: 2 }], b: 1 }))
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }))
    expect(canonicalJson([1, undefined])).toBe('[1,null]')
  })

  it('a trained export whose keys come in another order keeps its weights in the saved file', () => {
    const project = doc()
    const trained = reversedKeys(trainedOf(project))
    expect(Object.keys(trained.data)).not.toEqual(Object.keys(project.data))
    expect(structuralKey(trained)).toBe(structuralKey({ ...project, weights: trained.weights, progress: trained.progress }))
    expect(trainedFits(project, trained)).toBe(true)
    const file = composeFile(project, trained)
    expect(file.weights).toEqual(trained.weights)
    expect(file.progress?.step).toBe(70)
  })

  it('an export of another structure is not put into the file, and trainedFits says so', () => {
    const project = doc()
    const trained = trainedOf(project)
    edits.setUnits(project, 0, 5)
    expect(trainedFits(project, trained)).toBe(false)
    expect(composeFile(project, trained).weights).toBeUndefined()
  })

  it('reads the trained arrays by identity: a clone shares them, and no edit stringifies them', () => {
    const project = trainedOf(doc())
    const copy = cloneProject(project)
    expect(copy.weights).toBe(project.weights)
    expect(projectIdentity(copy)).toBe(projectIdentity(project))
    // Equal numbers in another array are another set of weights (a file opened again).
    expect(projectIdentity({ ...project, weights: structuredClone(project.weights) })).not.toBe(projectIdentity(project))
    const poisoned = { ...project, weights: [{ W: [[1]], b: [1], toJSON: () => { throw new Error('stringified the weights') } }] as never }
    expect(() => projectIdentity(poisoned)).not.toThrow()
    copy.network.layers[0].units = 9
    expect(project.network.layers[0].units).toBe(3)
  })

  it('the store: an edit back to the saved state is clean again, and an edit that changes nothing is no undo step', () => {
    const store = useProjectStore()
    store.replace(trainedOf(doc()), '/p/a.json', true)
    expect(store.dirty).toBe(false)
    expect(store.edit((d) => edits.setEpochs(d, d.training.epochs))).toBe(false)
    expect(store.edit((d) => edits.setEpochs(d, 7))).toBe(true)
    expect(store.dirty).toBe(true)
    expect(store.doc.weights).toBeDefined()
    store.undo()
    expect(store.dirty).toBe(false)
  })
})
