import { afterEach, describe, expect, it } from 'vitest'
import { createEngineSession, type EngineSession } from './session'
import type { EngineEvent, EngineReplies, EngineRequest, EngineRequestType } from '../protocol'
import { testProject } from '../testing/projects'
import type { ProjectFile } from '../project/types'

type Request = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never
type ReplyEvent = Extract<EngineEvent, { type: 'reply' }>

/** A session driven as the renderer drives it (requests with ids, replies matched by id). */
function sessionHarness() {
  const events: EngineEvent[] = []
  let nextId = 1
  const session: EngineSession = createEngineSession((e) => events.push(e), { now: () => performance.now(), schedule: (fn) => setImmediate(fn) })
  /** Sends a request at once; its id. */
  const post = (request: Request): number => {
    const id = nextId++
    session.handle({ ...request, id })
    return id
  }
  const replyTo = async (id: number, tries = 100_000): Promise<ReplyEvent> => {
    for (let t = 0; t < tries; t++) {
      const reply = events.find((e): e is ReplyEvent => e.type === 'reply' && e.id === id)
      if (reply) return reply
      await new Promise((resolve) => setImmediate(resolve))
    }
    throw new Error(`no reply to request ${id}`)
  }
  const ok = async <T extends EngineRequestType>(request: Request & { type: T }): Promise<EngineReplies[T]> => {
    const reply = await replyTo(post(request))
    if (!reply.ok) throw new Error(reply.error)
    return reply.result as EngineReplies[T]
  }
  /** Index of the reply to `id` among the events (-1 while none). */
  const replyIndex = (id: number) => events.findIndex((e) => e.type === 'reply' && e.id === id)
  return { events, session, post, replyTo, ok, replyIndex }
}

// Many rows, so one whole-set pass is a long piece of work: a network check is hundreds of them.
const big: ProjectFile = {
  ...testProject(2, [{ units: 32, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { batchSize: 10, seed: 3 }),
  data: { source: 'synthetic', name: 'spiral', samples: 200_000, noise: 0.1, trainFraction: 1 },
}

let current: EngineSession | null = null
afterEach(() => current?.dispose())

describe('long requests run as jobs', () => {
  it('a network gradient check answers Pause and other requests meanwhile, and Cancel stops it with the weights unmoved', async () => {
    const h = sessionHarness()
    current = h.session
    await h.ok({ type: 'load-project', project: big })
    const before = await h.ok({ type: 'snapshot' })
    await h.ok({ type: 'train', action: 'start' })
    const check = h.post({ type: 'gradient-check', scope: { kind: 'network' } })
    // Requests sent after the check are answered before it: the engine is not wedged.
    const pause = h.post({ type: 'train', action: 'pause' })
    const snapshot = h.post({ type: 'snapshot' })
    await h.replyTo(snapshot)
    expect(h.replyIndex(check)).toBe(-1)
    expect(h.replyIndex(pause)).toBeGreaterThan(-1)
    expect((await h.replyTo(pause)).ok).toBe(true)
    const paused = await h.ok({ type: 'snapshot' })
    const cancel = await h.ok({ type: 'cancel' })
    expect(cancel.canceled).toBe(1)
    const reply = await h.replyTo(check)
    expect(reply).toMatchObject({ ok: false, error: 'the gradient check was canceled' })
    // The check moved weights in its own copy: the trainer's are as they were.
    const after = await h.ok({ type: 'snapshot' })
    after.layers.forEach((layer, l) => expect(layer.W).toEqual(paused.layers[l].W))
    expect(before.layers.length).toBe(after.layers.length)
    expect((await h.ok({ type: 'cancel' })).canceled).toBe(0)
  })

  it('training waits while a job runs and goes on after it; a check run in slices is still good (< 1e-6)', async () => {
    const h = sessionHarness()
    current = h.session
    const small: ProjectFile = { ...big, data: { source: 'synthetic', name: 'spiral', samples: 3000, noise: 0.1, trainFraction: 1 } }
    await h.ok({ type: 'load-project', project: small })
    await h.ok({ type: 'train', action: 'start' })
    const report = await h.ok({ type: 'gradient-check', scope: { kind: 'layer', layer: 1 } })
    expect(report.checked).toBe(33)
    expect(report.maxRelativeError).toBeLessThan(1e-6)
    const at = (await h.ok({ type: 'train', action: 'pause' })).step
    await h.ok({ type: 'train', action: 'start' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await h.ok({ type: 'train', action: 'pause' })).step).toBeGreaterThan(at)
  })

  it('jobs asked for back to back (two always in flight, as the studio’s refreshers do) do not starve training', async () => {
    const h = sessionHarness()
    current = h.session
    // Rows enough that a check spans several slices (it yields, and the next one arrives meanwhile).
    const rows: ProjectFile = { ...big, data: { source: 'synthetic', name: 'spiral', samples: 20_000, noise: 0.1, trainFraction: 1 } }
    await h.ok({ type: 'load-project', project: rows })
    await h.ok({ type: 'train', action: 'start' })
    const check = () => h.post({ type: 'gradient-check', scope: { kind: 'weight', ref: { layer: 1, i: 0, j: 0 } } })
    let inFlight = [check(), check()]
    for (let done = 0; done < 8; done++) {
      await h.replyTo(inFlight[0])
      inFlight = [inFlight[1], check()]
    }
    await Promise.all(inFlight.map((id) => h.replyTo(id)))
    expect((await h.ok({ type: 'train', action: 'pause' })).step).toBeGreaterThan(0)
  })
})

describe('Pause on a big layer', () => {
  // The network: one hidden layer of 100,000 units.
  const wide: ProjectFile = {
    ...testProject(2, [{ units: 100_000, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { batchSize: 10, seed: 1 }),
    data: { source: 'synthetic', name: 'circle', samples: 500, noise: 0.1, trainFraction: 0.7 },
  }

  it('answers within one training slice, and nothing trains after its reply', async () => {
    const h = sessionHarness()
    current = h.session
    await h.ok({ type: 'load-project', project: wide })
    await h.ok({ type: 'train', action: 'start' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const sent = h.events.length
    const started = performance.now()
    const pause = h.post({ type: 'train', action: 'pause' })
    const reply = await h.replyTo(pause)
    const elapsed = performance.now() - started
    // Event order: at most the slice that was running when Pause arrived reported in between.
    const between = h.events.slice(sent, h.replyIndex(pause)).filter((e) => e.type === 'progress')
    expect(between.length).toBeLessThanOrEqual(2)
    if (!reply.ok) throw new Error(reply.error)
    const step = (reply.result as { step: number }).step
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await h.ok({ type: 'train', action: 'pause' })).step).toBe(step)
    // A loose upper bound (a loaded machine): the bench measures the real number.
    expect(elapsed).toBeLessThan(2000)
  }, 60_000)

  it('answers while a whole-set gradient of the big layer is computed', async () => {
    const h = sessionHarness()
    current = h.session
    await h.ok({ type: 'load-project', project: wide })
    await h.ok({ type: 'train', action: 'start' })
    const full = h.post({ type: 'inspect-weight', ref: { layer: 0, i: 0, j: 7 }, full: true })
    const pause = h.post({ type: 'train', action: 'pause' })
    await h.replyTo(pause)
    const inspection = await h.replyTo(full)
    expect(inspection.ok).toBe(true)
    expect(h.replyIndex(pause)).toBeLessThan(h.replyIndex(full))
  }, 60_000)
})

describe('the Speed control', () => {
  it('trains at most the set steps per second, each step reported, and full speed again when lifted', async () => {
    const h = sessionHarness()
    current = h.session
    const small: ProjectFile = { ...big, data: { source: 'synthetic', name: 'circle', samples: 200, noise: 0.1, trainFraction: 1 } }
    await h.ok({ type: 'load-project', project: small })
    await h.ok({ type: 'set-speed', stepsPerSecond: 10 })
    await h.ok({ type: 'train', action: 'start' })
    const start = h.events.length
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const paced = (await h.ok({ type: 'train', action: 'pause' })).step
    // 10 a second for one second: the first at once, then one every 100 ms (a loaded machine may take fewer).
    expect(paced).toBeGreaterThanOrEqual(3)
    expect(paced).toBeLessThanOrEqual(12)
    const progress = h.events.slice(start).filter((e) => e.type === 'progress')
    expect(progress.length).toBeGreaterThanOrEqual(paced - 1)
    await h.ok({ type: 'set-speed', stepsPerSecond: null })
    await h.ok({ type: 'train', action: 'start' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await h.ok({ type: 'train', action: 'pause' })).step).toBeGreaterThan(paced + 50)
  })
})
