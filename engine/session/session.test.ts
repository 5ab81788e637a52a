import { afterEach, describe, expect, it } from 'vitest'
import { createEngineSession, type EngineSession } from './session'
import { PROGRESS_HZ } from './training-loop'
import { WasmKernel } from '../math/wasm-kernel'
import { KERNELS_SIMD } from '../math/wasm-bytes.generated'
import { testProject } from '../testing/projects'
import type { EngineEvent, EngineReplies, EngineRequest, EngineRequestType } from '../protocol'
import type { ProjectFile } from '../project/types'

type Request = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

/** A session driven like the renderer drives it: requests with ids, replies matched by id. */
function harness() {
  const events: EngineEvent[] = []
  let nextId = 1
  // A virtual clock: every reading advances it by 50 µs, so a slice is a fixed amount of work and
  // "one second of training" means the same on a loaded machine (no wall-clock waits).
  const clock = { t: 0 }
  const session: EngineSession = createEngineSession((e) => events.push(e), { now: () => (clock.t += 0.05), schedule: (fn) => setImmediate(fn) })
  /** Lets the session run for `ms` of virtual time, or until it stops using the clock (idle). */
  const run = async (ms: number): Promise<void> => {
    const end = clock.t + ms
    for (let idle = 0; clock.t < end && idle < 20; ) {
      const before = clock.t
      await new Promise((resolve) => setImmediate(resolve))
      idle = clock.t === before ? idle + 1 : 0
    }
  }
  const send = async (request: Request): Promise<EngineEvent & { type: 'reply' }> => {
    const id = nextId++
    session.handle({ ...request, id })
    for (let tries = 0; tries < 1000; tries++) {
      const reply = events.find((e): e is EngineEvent & { type: 'reply' } => e.type === 'reply' && e.id === id)
      if (reply) return reply
      await new Promise((resolve) => setImmediate(resolve))
    }
    throw new Error('no reply')
  }
  const ok = async <T extends EngineRequestType>(request: Request & { type: T }): Promise<EngineReplies[T]> => {
    const reply = await send(request)
    if (!reply.ok) throw new Error(reply.error)
    return reply.result as EngineReplies[T]
  }
  return { events, session, send, ok, run, clock }
}

const spiral: ProjectFile = {
  ...testProject(2, [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { batchSize: 10, seed: 3, shuffle: true }),
  data: { source: 'synthetic', name: 'spiral', samples: 200, noise: 0.1, trainFraction: 0.8 },
}

let current: EngineSession | null = null
afterEach(() => current?.dispose())

describe('engine session', () => {
  it('loads a project and describes it', async () => {
    const h = harness()
    current = h.session
    const loaded = await h.ok({ type: 'load-project', project: spiral })
    expect(loaded).toMatchObject({ problem: 'binary', trainRows: 160, testRows: 40, parameterCount: 2 * 8 + 8 + 8 + 1 })
    expect(loaded.layerShapes).toEqual([[2, 8], [8, 1]])
    expect(loaded.points?.train.length).toBe(320)
  })

  it('refuses malformed requests and projects, naming the field', async () => {
    const h = harness()
    current = h.session
    h.session.handle({ id: 4, type: 'train', action: 'fly' })
    expect(h.events.at(-1)).toMatchObject({ type: 'reply', id: 4, ok: false, error: expect.stringContaining('action') })
    h.session.handle('garbage')
    expect(h.events.at(-1)).toMatchObject({ type: 'reply', id: -1, ok: false })
    const broken = { ...spiral, network: { ...spiral.network, layers: [{ units: -3, activation: 'tanh' }] } }
    const reply = await h.send({ type: 'load-project', project: broken as unknown as ProjectFile })
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error).toContain('network.layers[0].units')
    expect(await h.send({ type: 'train', action: 'start' })).toMatchObject({ ok: false, error: 'no project is loaded' })
  })

  it('steps exactly one batch, and reset returns to step 0 with the same weights', async () => {
    const h = harness()
    current = h.session
    await h.ok({ type: 'load-project', project: spiral })
    const initial = (await h.ok({ type: 'export-project' })).weights
    expect((await h.ok({ type: 'train', action: 'step-batch' })).step).toBe(1)
    expect((await h.ok({ type: 'train', action: 'step-batch' })).step).toBe(2)
    expect((await h.ok({ type: 'export-project' })).weights).not.toEqual(initial)
    expect((await h.ok({ type: 'train', action: 'reset' })).step).toBe(0)
    expect((await h.ok({ type: 'export-project' })).weights).toEqual(initial)
  })

  it('trains in slices, answers requests while training, and streams bounded progress', async () => {
    const h = harness()
    current = h.session
    await h.ok({ type: 'load-project', project: { ...spiral, training: { ...spiral.training, epochs: 1_000_000 } } })
    await h.ok({ type: 'train', action: 'start' })
    const started = h.clock.t
    await h.run(300)
    const during = await h.ok({ type: 'inspect-weight', ref: { layer: 0, i: 1, j: 2 } })
    expect(during.factors.E.length).toBeGreaterThan(0)
    await h.run(700)
    const status = await h.ok({ type: 'train', action: 'pause' })
    expect(status.running).toBe(false)
    const progress = h.events.filter((e) => e.type === 'progress')
    // At most PROGRESS_HZ a second of (virtual) training, plus the pause's flush; and not far fewer.
    const seconds = (h.clock.t - started) / 1000
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(PROGRESS_HZ * seconds) + 1)
    expect(progress.length).toBeGreaterThanOrEqual(Math.floor(PROGRESS_HZ * seconds * 0.8))
    const losses = progress.flatMap((e) => (e.type === 'progress' ? e.losses : []))
    expect(losses.at(-1)!.step).toBeLessThanOrEqual(status.step)
    expect(h.events.at(-2)).toMatchObject({ type: 'stopped', reason: 'paused' })
    const after = status.step
    await h.run(50)
    expect((await h.ok({ type: 'export-project' })).progress?.step).toBe(after)
  })

  it('changes the learning rate while training without a reset', async () => {
    const h = harness()
    current = h.session
    await h.ok({ type: 'load-project', project: { ...spiral, training: { ...spiral.training, epochs: 1_000_000 } } })
    await h.ok({ type: 'train', action: 'start' })
    await h.run(100)
    const before = (await h.ok({ type: 'set-training', patch: { optimizer: { name: 'sgd', learningRate: 0.01 } } })).step
    await h.run(100)
    const after = await h.ok({ type: 'train', action: 'pause' })
    expect(after.step).toBeGreaterThan(before)
    expect((await h.ok({ type: 'export-project' })).training.optimizer.learningRate).toBe(0.01)
  })

  it('stops at the epoch limit and steps whole epochs', async () => {
    const h = harness()
    current = h.session
    await h.ok({ type: 'load-project', project: { ...spiral, training: { ...spiral.training, epochs: 3 } } })
    await h.ok({ type: 'train', action: 'step-epoch' })
    await h.run(100)
    expect(h.events.at(-1)).toMatchObject({ type: 'stopped', reason: 'epoch-done', status: { epoch: 1, running: false } })
    expect((await h.ok({ type: 'export-project' })).progress).toMatchObject({ epoch: 1, rowInEpoch: 0, step: 16 })
    await h.ok({ type: 'train', action: 'start' })
    await h.run(200)
    expect(h.events.at(-1)).toMatchObject({ type: 'stopped', reason: 'max-epochs', status: { epoch: 3, step: 48 } })
  })

  it('pauses on divergence and says where', async () => {
    const h = harness()
    current = h.session
    const wild: ProjectFile = {
      ...spiral,
      network: { ...spiral.network, layers: [{ units: 8, activation: 'relu' }, { units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' },
      training: { ...spiral.training, optimizer: { name: 'sgd', learningRate: 10 } },
    }
    await h.ok({ type: 'load-project', project: wild })
    await h.ok({ type: 'train', action: 'start' })
    await h.run(300)
    const diverged = h.events.find((e) => e.type === 'diverged')
    expect(diverged).toBeDefined()
    if (diverged?.type !== 'diverged') return
    expect(diverged.status.running).toBe(false)
    expect(Number.isFinite(diverged.report.value)).toBe(false)
    expect(diverged.report.suggestion).toMatch(/learning rate/)
  })

  it('after a divergence whose weights grew huge, a lower rate cannot go on: it says Reset, and after Reset the lower rate trains', async () => {
    const h = harness()
    current = h.session
    const wild: ProjectFile = {
      ...spiral,
      network: { ...spiral.network, layers: [{ units: 8, activation: 'leaky-relu' }, { units: 8, activation: 'leaky-relu' }, { units: 1, activation: 'sigmoid' }] },
      training: { ...spiral.training, optimizer: { name: 'sgd', learningRate: 10 } },
    }
    await h.ok({ type: 'load-project', project: wild })
    await h.ok({ type: 'train', action: 'start' })
    await h.run(300)
    expect(h.events.some((e) => e.type === 'diverged')).toBe(true)
    await h.ok({ type: 'set-training', patch: { optimizer: { name: 'sgd', learningRate: 0.01 } } })
    const before = h.events.length
    await h.ok({ type: 'train', action: 'step-batch' })
    const again = h.events.slice(before).find((e) => e.type === 'diverged')
    if (again?.type !== 'diverged') throw new Error('expected the step at the huge weights to diverge again')
    expect(again.report.resetNeeded).toBe(true)
    expect(again.report.suggestion).toMatch(/weights have grown to about [\d.]+e\+\d+.*Press Reset.*now 0\.01/)
    // The weights stayed finite (a file can still hold them), and Reset goes on at the lower rate.
    const weights = await h.ok({ type: 'snapshot' })
    expect(weights.layers.every((l) => l.W.every(Number.isFinite))).toBe(true)
    await h.ok({ type: 'train', action: 'reset' })
    const afterReset = h.events.length
    for (let s = 0; s < 20; s++) await h.ok({ type: 'train', action: 'step-batch' })
    expect(h.events.slice(afterReset).some((e) => e.type === 'diverged')).toBe(false)
    expect((await h.ok({ type: 'train', action: 'pause' })).step).toBe(20)
  })

  it('edits a weight and recomputes what depends on it', async () => {
    const h = harness()
    current = h.session
    await h.ok({ type: 'load-project', project: spiral })
    const ref = { layer: 1, i: 3, j: 0 }
    const before = await h.ok({ type: 'inspect-weight', ref })
    const after = await h.ok({ type: 'set-weight', ref, value: 2.5 })
    expect(after.value).toBe(2.5)
    expect(after.gradBatch).not.toBe(before.gradBatch)
    expect(after.meanProduct + after.regularization).toBeCloseTo(after.gradBatch, 14)
    expect(await h.send({ type: 'set-weight', ref: { layer: 5, i: 0, j: 0 }, value: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('layer 5') })
  })

  it('answers grid, trace, snapshot and gradient-check requests', async () => {
    const h = harness()
    current = h.session
    await h.ok({ type: 'load-project', project: spiral })
    const grid = await h.ok({ type: 'prediction-grid', resolution: 20, neurons: true })
    expect(grid.output.length).toBe(400)
    expect(grid.neurons?.map((n) => n.length)).toEqual([400 * 8, 400])
    const trace = await h.ok({ type: 'trace-sample', sample: 3 })
    expect(trace.layers.map((l) => l.Z.length)).toEqual([8, 1])
    expect((await h.ok({ type: 'snapshot' })).layers[0].W.length).toBe(16)
    const check = await h.ok({ type: 'gradient-check', scope: { kind: 'network' } })
    expect(check.checked).toBe(33)
    expect(check.maxRelativeError).toBeLessThan(1e-6)
  })

  it('parses a big CSV in chunks, reporting progress, while staying responsive', async () => {
    const h = harness()
    current = h.session
    const rows = ['x1,x2,label']
    for (let r = 0; r < 200_000; r++) rows.push(`${(r % 97) / 10},${(r % 89) / 10},${r % 2}`)
    const csvText = rows.join('\n')
    const project: ProjectFile = { ...spiral, data: { source: 'csv', path: 'big.csv', inputs: ['x1', 'x2'], targets: ['label'], trainFraction: 0.5 } }
    const loading = h.send({ type: 'load-project', project, csvText })
    const loaded = await loading
    expect(loaded.ok && loaded.result).toMatchObject({ trainRows: 100_000, testRows: 100_000, problem: 'binary' })
    const progress = h.events.filter((e) => e.type === 'load-progress')
    expect(progress.length).toBeGreaterThan(2)
    expect(progress.at(-1)).toMatchObject({ rows: 200_000, fraction: 1 })
  })

  it('reports a CSV error by line and column', async () => {
    const h = harness()
    current = h.session
    const project: ProjectFile = { ...spiral, data: { source: 'csv', path: 'bad.csv', inputs: ['x1', 'x2'], targets: ['label'], trainFraction: 1 } }
    const reply = await h.send({ type: 'load-project', project, csvText: 'x1,x2,label\n1,2,0\n3,abc,1\n' })
    expect(reply).toMatchObject({ ok: false, error: "line 3, column x2: 'abc' is not a number" })
  })

  it('trains in float32 and still inspects and checks in float64', async () => {
    const h = harness()
    current = h.session
    const fast: ProjectFile = { ...spiral, training: { ...spiral.training, precision: 'float32', epochs: 1_000_000 } }
    const loaded = await h.ok({ type: 'load-project', project: fast })
    expect(loaded.status.kernel).toMatch(/-f32$/)
    expect(loaded.warnings.join(' ')).toMatch(/float64/)
    for (let s = 0; s < 5; s++) await h.ok({ type: 'train', action: 'step-batch' })
    const inspection = await h.ok({ type: 'inspect-weight', ref: { layer: 0, i: 1, j: 2 } })
    // Exact float64 arithmetic: the factors' mean product is the batch gradient to the last bits.
    expect(inspection.meanProduct + inspection.regularization).toBeCloseTo(inspection.gradBatch, 15)
    const check = await h.ok({ type: 'gradient-check', scope: { kind: 'network' } })
    expect(check.maxRelativeError).toBeLessThan(1e-6)
    const exported = await h.ok({ type: 'export-project' })
    expect(exported.training.precision).toBe('float32')
    // Weights trained in float32 are float32 values.
    expect(exported.weights!.flatMap((l) => l.W.flat()).every((w) => Math.fround(w) === w)).toBe(true)
  })

  it('refuses weights that do not fit in float32 in a float32 project', async () => {
    const h = harness()
    current = h.session
    const fast: ProjectFile = { ...spiral, training: { ...spiral.training, precision: 'float32' } }
    await h.ok({ type: 'load-project', project: fast })
    expect(await h.send({ type: 'set-weight', ref: { layer: 0, i: 0, j: 0 }, value: 1e39 })).toMatchObject({ ok: false, error: expect.stringContaining('float32') })
    const weights = (await h.ok({ type: 'export-project' })).weights!
    weights[1].W[2][0] = -1e39
    const reply = await h.send({ type: 'load-project', project: { ...fast, weights } })
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('weights[1].W: a value does not fit in float32') })
  })

  it('lets a later load overtake one still parsing its CSV', async () => {
    const h = harness()
    current = h.session
    const rows = ['x1,x2,label', ...Array.from({ length: 150_000 }, (_, r) => `${r % 7},${r % 5},${r % 2}`)]
    const big: ProjectFile = { ...spiral, data: { source: 'csv', path: 'big.csv', inputs: ['x1', 'x2'], targets: ['label'], trainFraction: 1 } }
    const slow = h.send({ type: 'load-project', project: big, csvText: rows.join('\n') })
    const fast = h.send({ type: 'load-project', project: spiral })
    expect(await fast).toMatchObject({ ok: true, result: { trainRows: 160 } })
    expect(await slow).toMatchObject({ ok: false, error: expect.stringContaining('newer project') })
    expect((await h.ok({ type: 'export-project' })).data.source).toBe('synthetic')
  })

  it('after a step, a hidden weight’s equation uses the weights that step used, in both precisions', async () => {
    for (const precision of ['float64', 'float32'] as const) {
      const h = harness()
      current = h.session
      await h.ok({ type: 'load-project', project: { ...spiral, training: { ...spiral.training, precision, optimizer: { name: 'sgd', learningRate: 0.5 } } } })
      for (let s = 0; s < 3; s++) await h.ok({ type: 'train', action: 'step-batch' })
      const ref = { layer: 0, i: 1, j: 5 }
      const inspection = await h.ok({ type: 'inspect-weight', ref })
      const eq = inspection.equation
      if (eq.kind !== 'hidden') throw new Error('expected a hidden layer equation')
      // E_h = (Σ_k E_k·W_hk)·R'(Z_h), with the W of the step: exact in float64 arithmetic.
      expect(eq.sum * eq.derivative).toBeCloseTo(eq.E, 15)
      // The batch gradient shown is the one the update used (float32 trained it; the inspector recomputes it in float64).
      const used = (await h.ok({ type: 'snapshot' })).layers[0].dW[1 * 8 + 5]
      expect(Math.abs(inspection.gradBatch - used) / Math.abs(used)).toBeLessThan(precision === 'float64' ? 1e-15 : 1e-4)
      current.dispose()
    }
  })

  it('inspects and draws grids again and again without growing the WebAssembly memory', async () => {
    const f32 = new WasmKernel(KERNELS_SIMD, 'wasm-simd-f32', 'float32')
    const f64 = new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64')
    const events: EngineEvent[] = []
    const session = createEngineSession((e) => events.push(e), { kernels: { float32: f32, float64: f64 }, schedule: (fn) => setImmediate(fn) })
    current = session
    let id = 0
    const ask = async (request: Request) => {
      const mine = ++id
      session.handle({ ...request, id: mine })
      for (;;) {
        const reply = events.find((e) => e.type === 'reply' && e.id === mine)
        if (reply) return reply
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    await ask({ type: 'load-project', project: { ...spiral, training: { ...spiral.training, precision: 'float32' } } })
    await ask({ type: 'train', action: 'step-batch' })
    const warm = async () => {
      await ask({ type: 'inspect-weight', ref: { layer: 0, i: 0, j: 0 } })
      await ask({ type: 'prediction-grid', resolution: 40, neurons: true })
    }
    await warm()
    const before = [f32.reservedBytes, f64.reservedBytes]
    for (let n = 0; n < 40; n++) await warm()
    expect([f32.reservedBytes, f64.reservedBytes]).toEqual(before)
  })
})
