import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatPath } from './paths'
import { parseProject, parseProjectText, serializeProject, type ParseProjectResult } from './schema'
import type { ProjectFile } from './types'

const VALID: ProjectFile = {
  format: 'backprop-studio/project',
  version: 1,
  network: { inputs: 2, layers: [{ units: 2, activation: 'relu' }, { units: 3, activation: 'softmax' }], loss: 'softmax-cross-entropy' },
  weights: [
    { W: [[0.1, 0.2], [0.3, 0.4]], b: [0, 0] },
    { W: [[1, 2, 3], [4, 5, 6]], b: [0, 0, 0] },
  ],
  data: { source: 'synthetic', name: 'k-class-spiral', samples: 90, noise: 0, classes: 3, trainFraction: 0.5, features: ['x1', 'x2'] },
  training: { optimizer: { name: 'momentum', learningRate: 0.1, momentum: 0.9 }, batchSize: 4, epochs: 3, shuffle: true, seed: 5, regularization: { kind: 'l1', rate: 0 } },
  optimizerState: { name: 'momentum', t: 2, slots: { velocity: [{ W: [[0, 0], [0, 0]], b: [0, 0] }, { W: [[0, 0, 0], [0, 0, 0]], b: [0, 0, 0] }] } },
  progress: { epoch: 0, step: 2, rowInEpoch: 8, rngState: [9, 8, 7, 6] },
}

/** Every path to a value inside the project (objects and arrays), root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return []
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])])
}

const PATHS = pathsOf(VALID)

/** A copy of VALID with the value at one path replaced (or removed). */
function mutated(pathIndex: number, replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(VALID) as unknown as Record<string | number, unknown>
  const path = PATHS[pathIndex % PATHS.length]
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (remove) delete parent[last]
  else parent[last] = replacement
  return copy
}

/** ok with a project, or errors that each name a path and say something. */
function expectWellFormed(result: ParseProjectResult): void {
  if (result.ok) {
    expect(typeof result.project).toBe('object')
    return
  }
  expect(result.errors.length).toBeGreaterThan(0)
  for (const error of result.errors) {
    expect(typeof error.path).toBe('string')
    expect(error.path.length).toBeGreaterThan(0)
    expect(typeof error.message).toBe('string')
    expect(error.message.length).toBeGreaterThan(0)
  }
}

describe('parseProject on garbage', () => {
  it('accepts the base project of these properties', () => {
    expect(parseProject(VALID).ok).toBe(true)
  })

  it('never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expectWellFormed(parseProject(value))), { numRuns: 500 })
  })

  it('never throws on arbitrary JavaScript values', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (value) => expectWellFormed(parseProject(value))), {
      numRuns: 500,
    })
  })

  it('never throws on a valid project with one value replaced or removed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.jsonValue(), fc.anything(), fc.constantFrom(NaN, Infinity, -1, 0, 1e9, 0.5, '', [], {})), fc.boolean(), (index, value, remove) => {
        expectWellFormed(parseProject(mutated(index, value, remove)))
      }),
      { numRuns: 2000 },
    )
  })

  it('reports a value no field accepts at the path where it was put', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(NaN, -Infinity, 'x', null), (index, value) => {
        const path = formatPath(PATHS[index % PATHS.length])
        const result = parseProject(mutated(index, value, false))
        expect(result.ok).toBe(false)
        expect(!result.ok && result.errors.map((error) => error.path)).toContain(path)
      }),
      { numRuns: 300 },
    )
  })

  it('never throws on arbitrary or corrupted text', () => {
    const text = serializeProject(VALID)
    const corrupted = fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 5 }), fc.string({ maxLength: 4 })).map(([at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut))
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), corrupted), (value) => expectWellFormed(parseProjectText(value))), { numRuns: 1000 })
  })

  it('survives hostile values: throwing getters, proxies, deep nesting', () => {
    const getter = { ...VALID }
    Object.defineProperty(getter, 'network', { enumerable: true, get: () => { throw new Error('boom') } })
    const proxy = new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') } })
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const deepText = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    for (const result of [parseProject(getter), parseProject(proxy), parseProject({ ...VALID, weights: deep }), parseProjectText(deepText), parseProjectText(42 as unknown as string)]) {
      expectWellFormed(result)
      expect(result.ok).toBe(false)
    }
  })
})
