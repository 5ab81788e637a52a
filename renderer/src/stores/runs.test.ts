import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useRunsStore } from './runs'
import { useEngineStore } from './engine'
import { useProjectStore } from './project'
import { useUiStore } from './ui'
import { fakeStudio, type FakeStudio } from '../../test/fake-studio'
import { parseRunsLog } from '../../../engine/runs/runs-log'
import { sampleRecord } from '../../../engine/testing/run-records'
import { newProject } from '../lib/presets'
import type { EngineLink } from './engine'

let studio: FakeStudio
let emitRun: (line: unknown) => void

function link(): EngineLink {
  return {
    request: async () => undefined as never,
    onReconnect: () => () => {},
    on: ((type: string, listener: (event: unknown) => void) => {
      if (type === 'run') emitRun = (line) => listener({ type: 'run', line })
      return () => {}
    }) as EngineLink['on'],
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const logOf = (key: string) => parseRunsLog(studio.files.get(key) ?? '').records

beforeEach(() => {
  setActivePinia(createPinia())
  studio = fakeStudio()
  useEngineStore().studio = studio.api
})

describe('the runs store', () => {
  it('keeps each run the engine sends and appends its lines to the open project’s log', async () => {
    const project = useProjectStore()
    project.replace(newProject(), 'nets/a.json', true)
    const runs = useRunsStore()
    runs.bind(link())
    emitRun(sampleRecord('r1', { status: 'running', final: null }))
    emitRun({ format: 'backprop-studio/runs', version: 1, id: 'r1', status: 'finished', steps: 99 })
    await settle()
    expect(runs.records.map((r) => [r.id, r.status, r.steps])).toEqual([['r1', 'finished', 99]])
    expect(logOf('runs:nets/a.json').map((r) => [r.id, r.status])).toEqual([['r1', 'finished']])
  })

  it('a run that ends after another project opened goes to its own project’s log', async () => {
    const project = useProjectStore()
    project.replace(newProject(), 'nets/a.json', true)
    const runs = useRunsStore()
    runs.bind(link())
    emitRun(sampleRecord('r1', { status: 'running' }))
    project.replace(newProject(), 'nets/b.json', true)
    await runs.reload()
    emitRun({ format: 'backprop-studio/runs', version: 1, id: 'r1', status: 'stopped' })
    await settle()
    expect(runs.records).toEqual([])
    expect(logOf('runs:nets/a.json').map((r) => r.status)).toEqual(['stopped'])
    expect(studio.files.get('runs:nets/b.json')).toBeUndefined()
  })

  it('reopening shows the log’s runs with the last one overlaid; delete and undo are update lines', async () => {
    studio.files.set('runs:nets/a.json', [sampleRecord('x'), sampleRecord('y')].map((r) => JSON.stringify(r) + '\n').join(''))
    useProjectStore().replace(newProject(), 'nets/a.json', true)
    const runs = useRunsStore()
    await runs.reload()
    expect(runs.records.map((r) => r.id)).toEqual(['x', 'y'])
    expect(runs.overlaid).toEqual(['y'])
    runs.remove(['y'])
    expect(runs.records.map((r) => r.id)).toEqual(['x'])
    expect(runs.overlaid).toEqual([])
    runs.undoDelete()
    await settle()
    expect(runs.records.map((r) => r.id)).toEqual(['x', 'y'])
    expect(logOf('runs:nets/a.json').map((r) => [r.id, r.deleted ?? null])).toEqual([
      ['x', null],
      ['y', false],
    ])
  })

  it('after an engine crash: the running run is marked crashed, the sweep names its unfinished runs', async () => {
    useProjectStore().replace(newProject(), 'nets/a.json', true)
    const runs = useRunsStore()
    runs.bind(link())
    emitRun(sampleRecord('live', { status: 'running', source: 'studio' }))
    const settings = (lr: number) => ({ 'training.optimizer.learningRate': lr })
    runs.sweep = {
      type: 'sweep-progress',
      sweepId: 's',
      state: 'running',
      total: 3,
      done: 1,
      etaSeconds: 2,
      runs: [
        { index: 0, settings: settings(0.1), status: 'finished', epoch: 5, epochs: 5, id: 'a' },
        { index: 1, settings: settings(0.01), status: 'running', epoch: 2, epochs: 5, id: 'b' },
        { index: 2, settings: settings(0.001), status: 'waiting', epoch: 0, epochs: 5, id: null },
      ],
    }
    runs.engineLost()
    await settle()
    expect(runs.byId.get('live')?.status).toBe('crashed')
    expect(runs.lostRuns.map((r) => r.settings)).toEqual([settings(0.01), settings(0.001)])
    expect(runs.sweep?.state).toBe('cancelled')
    expect(logOf('runs:nets/a.json').find((r) => r.id === 'live')?.status).toBe('crashed')
    expect(useUiStore().notices.at(-1)?.text).toContain('runs #2 (learning rate 0.01), #3 (learning rate 0.001) did not finish (the 1 that finished are kept)')
  })

  it('after an engine crash: a run whose record arrived after the last progress is not lost', () => {
    useProjectStore().replace(newProject(), 'nets/a.json', true)
    const runs = useRunsStore()
    runs.bind(link())
    const settings = (lr: number) => ({ 'training.optimizer.learningRate': lr })
    runs.sweep = {
      type: 'sweep-progress',
      sweepId: 's',
      state: 'running',
      total: 2,
      done: 0,
      etaSeconds: null,
      runs: [
        { index: 0, settings: settings(0.1), status: 'running', epoch: 4, epochs: 5, id: 'a' },
        { index: 1, settings: settings(0.01), status: 'running', epoch: 2, epochs: 5, id: 'b' },
      ],
    }
    emitRun(sampleRecord('a', { status: 'finished', source: 'sweep' }))
    runs.engineLost()
    expect(runs.lostRuns.map((r) => r.id)).toEqual(['b'])
  })

  it('an untitled project’s runs move to the file it is saved as', async () => {
    useProjectStore().replace(newProject(), null, true)
    const runs = useRunsStore()
    runs.bind(link())
    emitRun(sampleRecord('u'))
    await settle()
    await runs.saved(null, 'nets/new.json')
    expect(logOf('runs:nets/new.json').map((r) => r.id)).toEqual(['u'])
    expect(studio.files.get('runs:')).toBeUndefined()
  })
})
