// The contract's schemas against the real session: every reply the engine sends fits its
// request's row, every event fits the event schema, and the request check refuses what it must.
// A schema that drifted from what the engine sends fails here, not in the studio.
import { describe, expect, it } from 'vitest'
import { createEngineSession } from './session'
import { ENGINE_REQUESTS, parseEngineRequest, replyProblem, type EngineRequest, type EngineRequestType } from './request-schema'
import { engineEventSchema, type EngineEvent } from './event-schema'
import { testProject } from '../testing/projects'
import { inlineSweeps } from '../testing/inline-sweeps'
import type { ProjectFile } from '../project/types'

type Body = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

const project: ProjectFile = {
  ...testProject(2, [{ units: 4, activation: 'relu' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', { batchSize: 16, epochs: 2 }),
  data: { source: 'synthetic', name: 'k-class-spiral', samples: 60, noise: 0.1, trainFraction: 0.75, classes: 3 },
}

/** One request of each type, in an order the session can answer. */
const REQUESTS: Body[] = [
  { type: 'load-project', project },
  { type: 'train', action: 'step-batch' },
  { type: 'set-training', patch: { batchSize: 8 } },
  { type: 'set-threads', threads: 'auto' },
  { type: 'inspect-weight', ref: { layer: 1, i: 2, j: 0 } },
  { type: 'inspect-weight', ref: { layer: 0, i: 'bias', j: 1 }, full: false },
  { type: 'set-weight', ref: { layer: 0, i: 0, j: 0 }, value: 0.25 },
  { type: 'gradient-check', scope: { kind: 'network' } },
  { type: 'prediction-grid', resolution: 4, neurons: true },
  { type: 'trace-sample', sample: 2 },
  { type: 'snapshot' },
  { type: 'set-speed', stepsPerSecond: null },
  { type: 'cancel', target: 3 },
  { type: 'export-project' },
  { type: 'checkpoint' },
  { type: 'project-text', project, autosave: { path: null } },
  { type: 'evaluate-set', set: 'test' },
  { type: 'sample-inputs', set: 'train', indices: [0, 3] },
  { type: 'input-gradient', set: 'test', sample: 1 },
  { type: 'gradient-check', scope: { kind: 'input', set: 'train', sample: 0, input: 1 } },
  { type: 'export-code', format: 'pytorch', dataFileName: 'train.data.csv' },
  { type: 'export-code', format: 'onnx', dataFileName: 'unused.csv' },
  { type: 'train', action: 'step-epoch' },
  { type: 'sweep-plan', sets: [{ path: 'training.batchSize', values: [8, 16] }], repeats: 1 },
  { type: 'sweep-start', sets: [{ path: 'training.batchSize', values: [8, 16] }], repeats: 1 },
  { type: 'sweep-control', action: 'pause' },
]

async function drive(): Promise<EngineEvent[]> {
  const events: EngineEvent[] = []
  const session = createEngineSession((event) => events.push(event), { now: () => 0, schedule: (fn) => setImmediate(fn), sweeps: inlineSweeps })
  for (const [index, body] of REQUESTS.entries()) {
    session.handle({ ...body, id: index })
    for (let tries = 0; tries < 500 && !events.some((e) => e.type === 'reply' && e.id === index); tries++) await new Promise((r) => setImmediate(r))
  }
  for (let tries = 0; tries < 500 && !events.some((e) => e.type === 'stopped'); tries++) await new Promise((r) => setImmediate(r))
  session.dispose()
  return events
}

describe('the engine contract', () => {
  it('every request type has a request in this test (a new row needs a line here)', () => {
    expect(new Set(REQUESTS.map((r) => r.type))).toEqual(new Set(Object.keys(ENGINE_REQUESTS)))
  })

  it('every reply of the real session fits its row, and every event fits the event schema', async () => {
    const events = await drive()
    for (const event of events) expect(engineEventSchema.safeParse(event).error).toBeUndefined()
    for (const [index, body] of REQUESTS.entries()) {
      const reply = events.find((e) => e.type === 'reply' && e.id === index)
      expect(reply, body.type).toMatchObject({ ok: true })
      if (reply?.type === 'reply' && reply.ok) expect(replyProblem(body.type, reply.result), body.type).toBeNull()
    }
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['progress', 'stopped']))
  })

  it('refuses a reply that does not fit, naming the field', () => {
    const status = { running: false, step: 0, epoch: 0, batchInEpoch: 0, batchesPerEpoch: 1, stepsPerSecond: 0, kernel: 'js' }
    expect(replyProblem('train', status)).toBeNull()
    expect(replyProblem('train', { ...status, step: -1 })).toMatch(/^a malformed 'train' reply: step: /)
    expect(replyProblem('snapshot' satisfies EngineRequestType, status)).toMatch(/layers/)
    // NaN and infinities are numbers the engine may send (a diverged loss), not malformed.
    expect(replyProblem('train', { ...status, stepsPerSecond: Number.POSITIVE_INFINITY })).toBeNull()
  })

  it('refuses unknown types, unknown fields and bad values, keeping the id', () => {
    expect(parseEngineRequest({ id: 3, type: 'launch' })).toEqual({ ok: false, id: 3, error: expect.stringMatching(/^invalid engine request: type: expected one of 'load-project' \|/) })
    expect(parseEngineRequest({ id: 4, type: 'snapshot', extra: 1 })).toMatchObject({ ok: false, id: 4 })
    expect(parseEngineRequest({ id: 5, type: 'trace-sample', sample: -1 })).toMatchObject({ ok: false, id: 5, error: expect.stringContaining('sample') })
    expect(parseEngineRequest({ type: 'snapshot' })).toMatchObject({ ok: false, id: -1, error: expect.stringContaining('id') })
    expect(parseEngineRequest({ id: 6, type: 'snapshot' })).toEqual({ ok: true, request: { id: 6, type: 'snapshot' } })
  })
})
