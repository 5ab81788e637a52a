// The engine session's runs and sweeps, with the real worker-thread sweep service: a run from a
// fresh start to its end (pause and resume stay the same run), Reset ending one, a sweep's
// records arriving as 'run' lines with progress, and pause/cancel keeping what finished.
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { bundleForChild, removeChildBundle } from '../../host-neutral/test-support/bundle-for-child'
import { createEngineSession, type EngineSession } from '../session/session'
import { workerSweepService } from './studio-sweeps'
import { testProject } from '../testing/projects'
import type { EngineEvent, EngineReplies, EngineRequest, EngineRequestType } from '../protocol'
import type { ProjectFile } from '../project/types'
import type { RunLine, RunRecord } from '../runs/record'
import { canonicalJson } from '../runs/grid'

type Request = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

let worker = ''
beforeAll(async () => {
  worker = await bundleForChild(join(import.meta.dirname, 'run-worker.ts'))
}, 120_000)
afterAll(() => removeChildBundle(worker))

let current: EngineSession | null = null
afterEach(() => current?.dispose())

function harness() {
  const events: EngineEvent[] = []
  let nextId = 1
  const session = createEngineSession((e) => events.push(e), { now: () => performance.now(), schedule: (fn) => setImmediate(fn), sweeps: workerSweepService(worker) })
  current = session
  const until = async <T>(find: () => T | undefined, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000
    for (;;) {
      const found = find()
      if (found !== undefined) return found
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((wake) => setTimeout(wake, 5))
    }
  }
  const ok = async <T extends EngineRequestType>(request: Request & { type: T }): Promise<EngineReplies[T]> => {
    const id = nextId++
    session.handle({ ...request, id })
    const reply = await until(() => events.find((e): e is EngineEvent & { type: 'reply' } => e.type === 'reply' && e.id === id), `reply ${id}`)
    if (!reply.ok) throw new Error(reply.error)
    return reply.result as EngineReplies[T]
  }
  const lines = () => events.filter((e): e is EngineEvent & { type: 'run' } => e.type === 'run').map((e) => e.line as RunLine)
  return { events, ok, until, lines }
}

const project: ProjectFile = {
  ...testProject(2, [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { batchSize: 10, epochs: 6, shuffle: true }),
  data: { source: 'synthetic', name: 'spiral', samples: 200, noise: 0.1, trainFraction: 0.8 },
}

describe('runs in the engine session', () => {
  it('a run opens at the first step, pausing keeps it, the epoch limit finishes it with its curves', async () => {
    const h = harness()
    await h.ok({ type: 'load-project', project })
    await h.ok({ type: 'train', action: 'step-epoch' })
    await h.until(() => h.events.find((e) => e.type === 'stopped' && e.reason === 'epoch-done'), 'the epoch')
    await h.ok({ type: 'train', action: 'start' })
    await h.until(() => h.lines().find((l) => l.status === 'finished'), 'the finished record')
    const ids = new Set(h.lines().map((l) => l.id))
    expect(ids.size).toBe(1)
    expect(h.lines()[0]).toMatchObject({ status: 'running', source: 'studio' })
    const end = h.lines().at(-1)!
    expect(end).toMatchObject({ status: 'finished', epochs: 6, steps: 6 * 16 })
    expect(end.curves?.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6])
    expect((end.definition as unknown as ProjectFile).weights).toBeUndefined()
    expect((end.definition as unknown as ProjectFile).training.epochs).toBe(6)
  })

  it('Reset ends the run as stopped; the next step opens a new one', async () => {
    const h = harness()
    await h.ok({ type: 'load-project', project })
    await h.ok({ type: 'train', action: 'step-batch' })
    await h.until(() => h.lines()[0], 'a running record')
    await h.ok({ type: 'train', action: 'reset' })
    expect(h.lines().at(-1)).toMatchObject({ status: 'stopped', steps: 1 })
    await h.ok({ type: 'train', action: 'step-batch' })
    await h.until(() => (h.lines().length >= 3 ? true : undefined), 'a second run')
    expect(new Set(h.lines().map((l) => l.id)).size).toBe(2)
  })
})

describe('sweeps in the engine session', () => {
  it('plans (count, estimate), runs every point on the pool, records arrive as run lines with progress', async () => {
    const h = harness()
    await h.ok({ type: 'load-project', project })
    const request = { sets: [{ path: 'training.optimizer.learningRate', values: [0.3, 0.03] }, { path: 'network.layers.0.units', values: [3, 8] }], repeats: 1, workers: 2 }
    const plan = await h.ok({ type: 'sweep-plan', ...request })
    expect(plan).toMatchObject({ total: 4, workers: 2, steps: 4 * 6 * 16 })
    expect(plan.estimateSeconds).toBeGreaterThan(0)
    const started = await h.ok({ type: 'sweep-start', ...request })
    expect(started.total).toBe(4)
    const last = await h.until(() => h.events.find((e) => e.type === 'sweep-progress' && e.state === 'done'), 'the sweep to end')
    expect(last).toMatchObject({ done: 4, total: 4 })
    const records = h.lines().filter((l) => l.status === 'finished')
    expect(records).toHaveLength(4)
    expect(records.every((r) => r.source === 'sweep' && r.sweep === started.sweepId)).toBe(true)
    expect(records.map((r) => r.settings)).toContainEqual({ 'training.optimizer.learningRate': 0.03, 'network.layers.0.units': 3 })
  })

  it('refuses a bad setting before anything runs, naming it', async () => {
    const h = harness()
    await h.ok({ type: 'load-project', project })
    await expect(h.ok({ type: 'sweep-plan', sets: [{ path: 'training.batchSize', values: ['many'] }], repeats: 1 })).rejects.toThrow(`training.batchSize="many": must be a number`)
    await expect(h.ok({ type: 'sweep-start', sets: [], repeats: 1 })).rejects.toThrow('pick at least one setting to sweep')
  })

  it('runs only the runs asked for by index, each as the whole sweep planned it (a restart after a crash)', async () => {
    const h = harness()
    await h.ok({ type: 'load-project', project })
    const request = { sets: [{ path: 'training.optimizer.learningRate', values: [0.3, 0.03, 0.003] }], repeats: 2, epochs: 3, earlyStop: 50, workers: 2 }
    const sweepDone = (id: string) => h.until(() => h.events.find((e) => e.type === 'sweep-progress' && e.sweepId === id && e.state === 'done'), 'the sweep to end')
    const whole = await h.ok({ type: 'sweep-start', ...request })
    await sweepDone(whole.sweepId)
    const records = (sweepId: string) => h.lines().filter((l): l is RunRecord => l.status === 'finished' && 'sweep' in l && l.sweep === sweepId)
    const byDefinition = new Map(records(whole.sweepId).map((r) => [canonicalJson(r.definition), r]))
    const again = await h.ok({ type: 'sweep-start', ...request, only: [1, 4] })
    expect(again.total).toBe(2)
    await sweepDone(again.sweepId)
    // Two workers: the records arrive in the order the runs end.
    const rerun = records(again.sweepId)
    expect(rerun.map((r) => r.settings)).toEqual(expect.arrayContaining([
      { 'training.optimizer.learningRate': 0.3, 'training.seed': project.training.seed + 1 },
      { 'training.optimizer.learningRate': 0.003, 'training.seed': project.training.seed },
    ]))
    expect(rerun).toHaveLength(2)
    for (const r of rerun) {
      expect(r.epochs).toBe(3)
      expect(byDefinition.get(canonicalJson(r.definition))?.final).toEqual(r.final)
    }
    await expect(h.ok({ type: 'sweep-start', ...request, only: [6] })).rejects.toThrow('run #7 is not in this sweep (it has 6 runs)')
  }, 60_000)

  it('cancel keeps the runs that finished and starts no more', async () => {
    const h = harness()
    await h.ok({ type: 'load-project', project: { ...project, training: { ...project.training, epochs: 300 } } })
    await h.ok({ type: 'sweep-start', sets: [{ path: 'training.seed', values: [1, 2, 3, 4, 5, 6] }], repeats: 1, workers: 1 })
    await h.until(() => h.events.find((e) => e.type === 'sweep-progress' && e.runs.some((r) => r.status === 'running')), 'a run to start')
    await h.ok({ type: 'sweep-control', action: 'pause' })
    await h.ok({ type: 'sweep-control', action: 'resume' })
    await h.ok({ type: 'sweep-control', action: 'cancel' })
    const last = await h.until(() => h.events.find((e) => e.type === 'sweep-progress' && e.state === 'cancelled' && e.runs.every((r) => r.status !== 'running')), 'the cancel')
    if (last.type !== 'sweep-progress') throw new Error('unreachable')
    expect(last.runs.filter((r) => r.status === 'waiting').length).toBeGreaterThan(0)
    const ended = h.lines().filter((l) => l.status)
    expect(ended.every((l) => l.status === 'stopped' || l.status === 'finished')).toBe(true)
  }, 30_000)
})
