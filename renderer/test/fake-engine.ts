/**
 * A fake engine at the EngineClient interface (request / on / onReconnect): it answers like the
 * engine session does (a load summary, training status with exact step counts, exports) and lets
 * a test emit engine events. No ports, no network.
 */
import { vi } from 'vitest'
import { builtinInfo } from '../../engine/data/builtin-catalog'
import { syntheticKind } from '../../engine/data/synthetic'
import type { EngineReplies, EngineRequest, EngineRequestType, LoadedProject, TrainingStatus, WeightInspection, WeightRef, WeightSnapshot } from '../../engine/protocol'
import { replyProblem } from '../../engine/session/request-schema'
import type { ProjectFile } from '../../engine/project/types'
import type { EngineRequestBody, EngineStreamEvent } from '../src/host/engine-client'
import type { EngineLink } from '../src/stores/engine'
import { toRows } from '../../engine/math/rows'
import { packProject } from '../../engine/project/packed'
import { fileBytes, fileText } from '../../engine/project/file-text'

type Listener = (event: EngineStreamEvent) => void

export interface FakeEngine {
  link: EngineLink
  requests: EngineRequestBody[]
  /** Requests of one type, in order. */
  of<T extends EngineRequest['type']>(type: T): Extract<EngineRequestBody, { type: T }>[]
  emit(event: EngineStreamEvent): void
  reconnect(): void
  status: TrainingStatus
  project: ProjectFile | null
  /** Makes the next load fail with this message. */
  failNextLoad(message: string): void
  /** The engine time an evaluate-set reply says it took. */
  evaluationMs: number
  /** The last answer to a request type (tests compare what a store shows with what the engine said). */
  lastReply<T extends EngineRequestType>(type: T): EngineReplies[T] | undefined
}

/** The fake's answers, typed by the contract (a missing type is refused at run time). */
type Answers = { [T in EngineRequestType]?: (body: Extract<EngineRequestBody, { type: T }>) => EngineReplies[T] }

export function fakeEngine(): FakeEngine {
  const listeners = new Map<string, Set<Listener>>()
  const reconnects = new Set<() => void>()
  const requests: EngineRequestBody[] = []
  let failure: string | null = null
  const replies = new Map<EngineRequestType, unknown>()
  const fake: FakeEngine = {
    requests,
    status: { running: false, step: 0, epoch: 0, batchInEpoch: 0, batchesPerEpoch: 10, stepsPerSecond: 0, kernel: 'fake' },
    project: null,
    evaluationMs: 10,
    link: null as unknown as EngineLink,
    of: (type) => requests.filter((r) => r.type === type) as never,
    emit: (event) => listeners.get(event.type)?.forEach((fn) => fn(event)),
    reconnect: () => reconnects.forEach((fn) => fn()),
    failNextLoad: (message) => (failure = message),
    lastReply: (type) => replies.get(type) as never,
  }

  function summary(project: ProjectFile): LoadedProject {
    const layers = project.network.layers
    let fanIn = project.network.inputs
    const layerShapes = layers.map((l) => {
      const shape: [number, number] = [fanIn, l.units]
      fanIn = l.units
      return shape
    })
    if (project.data.source === 'builtin') {
      const info = builtinInfo(project.data.name)
      return {
        problem: info.task,
        loss: project.network.loss,
        inputNames: info.inputNames,
        targetNames: info.classNames ?? [info.targetName],
        dataInfo: info.image ? { kind: 'image', width: info.image.width, height: info.image.height } : { kind: 'tabular', columns: info.inputNames },
        classNames: info.classNames,
        trainRows: 70,
        testRows: 30,
        parameterCount: layerShapes.reduce((s, [r, c]) => s + (r + 1) * c, 0),
        layerShapes,
        status: { ...fake.status },
        warnings: [],
      }
    }
    return {
      problem: project.data.source === 'synthetic' ? syntheticKind(project.data.name) : 'regression',
      loss: project.network.loss,
      inputNames: project.data.features ?? ['x1', 'x2'],
      targetNames: ['y'],
      dataInfo: { kind: 'plane' },
      classNames: null,
      trainRows: 70,
      testRows: 30,
      parameterCount: layerShapes.reduce((s, [r, c]) => s + (r + 1) * c, 0),
      layerShapes,
      status: { ...fake.status },
      warnings: [],
      ...(project.network.inputs === 2 || project.data.source === 'synthetic'
        ? { points: { bounds: [-6, 6, -6, 6] as [number, number, number, number], train: new Float64Array(140), trainTargets: new Float64Array(70), test: new Float64Array(60), testTargets: new Float64Array(30) } }
        : {}),
    }
  }

  function snapshot(project: ProjectFile): WeightSnapshot {
    let fanIn = project.network.inputs
    return {
      layers: project.network.layers.map((l) => {
        const rows = fanIn
        fanIn = l.units
        const W = Float64Array.from({ length: rows * l.units }, (_, i) => ((i % 7) - 3) / 3)
        return { rows, cols: l.units, W, b: new Float64Array(l.units), dW: W.map((w) => w / 10), db: new Float64Array(l.units) }
      }),
    }
  }

  /** The loaded project with weights that follow the snapshot and the step as its progress. */
  function exported(): ProjectFile {
    const project = structuredClone(fake.project!)
    const snap = snapshot(project)
    project.weights = snap.layers.map((l) => ({ W: toRows(l.W, l.rows, l.cols), b: Array.from(l.b) }))
    project.progress = { epoch: fake.status.epoch, step: fake.status.step, rowInEpoch: 0, rngState: [1, 2, 3, 4] }
    return project
  }

  /** An inspection whose numbers follow the step, so a test sees it change. */
  function inspection(ref: WeightRef, value: number, full: boolean): WeightInspection {
    const step = fake.status.step
    return {
      ref,
      value: value + step / 100,
      gradBatch: -0.02 - step / 1000,
      gradFull: full ? -0.03 : Number.NaN,
      regularization: 0,
      factors: { sample: [0, 1], E: [0.1, -0.2], H: [0.3, 0.4] },
      meanProduct: -0.025,
      activation: 'tanh',
      equation: { kind: 'output', activation: 'sigmoid', loss: 'binary-cross-entropy', cancels: true, yHat: 0.7, y: 1, z: 0.8, derivative: 0.2, E: -0.3, H: 0.5 },
    }
  }

  const answers: Answers = {
    'load-project': (body) => {
      if (failure) {
        const message = failure
        failure = null
        throw new Error(message)
      }
      fake.project = structuredClone(body.project)
      fake.status = { ...fake.status, running: false, step: body.project.progress?.step ?? 0, epoch: body.project.progress?.epoch ?? 0 }
      return summary(body.project)
    },
    train: (body) => {
      const s = fake.status
      if (body.action === 'step-batch') fake.status = { ...s, step: s.step + 1 }
      else if (body.action === 'step-epoch') fake.status = { ...s, step: s.step + s.batchesPerEpoch, epoch: s.epoch + 1 }
      else if (body.action === 'reset') fake.status = { ...s, step: 0, epoch: 0, running: false }
      else fake.status = { ...s, running: body.action === 'start' }
      return { ...fake.status }
    },
    'set-training': (body) => {
      if (fake.project) fake.project.training = { ...fake.project.training, ...body.patch }
      return { ...fake.status }
    },
    // A 4-core machine: 'auto' is 3; more than 4 is allowed with a warning.
    'set-threads': (body) => {
      const threads = body.threads === 'auto' ? 3 : body.threads
      return { setting: body.threads, threads, cores: 4, ...(threads > 4 ? { warning: `${threads} threads on 4 cores: allowed, but slower` } : {}) }
    },
    'export-project': () => exported(),
    checkpoint: () => packProject(exported()),
    // The engine's own composition (engine/project/file-text.ts) over this fake's export.
    'project-text': (body) => ({ bytes: fileBytes(fileText(body, exported())) }),
    snapshot: () => snapshot(fake.project!),
    cancel: () => ({ canceled: 0 }),
    'set-speed': () => ({ ...fake.status }),
    'prediction-grid': (body) => {
      const res = body.resolution
      const units = fake.project!.network.layers.map((l) => l.units)
      return {
        resolution: res,
        bounds: [-6, 6, -6, 6],
        output: new Float64Array(res * res * units[units.length - 1]),
        outputs: units[units.length - 1],
        ...(body.neurons ? { neurons: units.map((u) => new Float64Array(res * res * u)) } : {}),
      }
    },
    'inspect-weight': (body) => inspection(body.ref, 0.5, body.full !== false),
    'set-weight': (body) => inspection(body.ref, body.value, true),
    'gradient-check': (body) => {
      const entry = { ref: body.scope.kind === 'weight' ? body.scope.ref : { layer: 0, i: 0, j: 0 }, backprop: 0.1, numerical: 0.1 + 1e-9, relativeError: 1e-8 }
      return { scope: body.scope, checked: 3, total: 3, maxRelativeError: 1e-8, worst: entry, entries: [entry] }
    },
    'trace-sample': (body) => {
      const layers = fake.project!.network.layers.map((l, i) => {
        const fanIn = i === 0 ? fake.project!.network.inputs : fake.project!.network.layers[i - 1].units
        const row = Array.from({ length: l.units }, (_, j) => j / 10)
        return { Z: row, H: row, E: row, dW: Array.from({ length: fanIn }, () => row), db: row }
      })
      return { sample: body.sample, x: [0.1, 0.2], y: [1], loss: 0.3, layers }
    },
    'evaluate-set': () => {
      // Three classes over 30 samples; each step moves one more sample onto the diagonal.
      const n = 30
      const target = Float64Array.from({ length: n }, (_, s) => s % 3)
      const predicted = Float64Array.from(target, (t, s) => (s < fake.status.step ? t : (t + 1) % 3))
      const confusion = [0, 1, 2].map((t) => [0, 1, 2].map((p) => target.filter((v, s) => v === t && predicted[s] === p).length))
      return { task: 'classes', classNames: null, target, predicted, confidence: new Float64Array(n).fill(0.5), loss: Float64Array.from({ length: n }, (_, s) => s / 10), confusion, workMs: fake.evaluationMs }
    },
    'sample-inputs': (body) => ({ rows: body.indices.map((i) => new Float64Array(fake.project!.network.inputs).fill(i / 100)) }),
    'input-gradient': (body) => {
      const inputs = fake.project!.network.inputs
      const x = new Float64Array(inputs).fill(0.5)
      const dX = Float64Array.from({ length: inputs }, (_, i) => (i % 2 ? -1 : 1) * (i + 1))
      return { set: body.set, sample: body.sample, x, dX, space: 'raw' as const, xNetwork: x, dXNetwork: dX, loss: 0.7, predicted: 1, target: 2 }
    },
  }

  /** Answers like the session; every answer is checked against the contract, as the real client checks the engine's. */
  async function respond(body: EngineRequestBody): Promise<unknown> {
    const answer = answers[body.type] as ((body: EngineRequestBody) => unknown) | undefined
    if (!answer) throw new Error(`the fake engine does not answer ${body.type}`)
    const result = answer(body)
    const problem = replyProblem(body.type, result)
    if (problem) throw new Error(`the fake engine sent ${problem}`)
    replies.set(body.type, result)
    return result
  }

  fake.link = {
    request: vi.fn((body: EngineRequestBody) => {
      requests.push(structuredClone(body))
      return respond(body)
    }) as unknown as EngineLink['request'],
    on: ((type: string, listener: Listener) => {
      const set = listeners.get(type) ?? new Set()
      listeners.set(type, set)
      set.add(listener)
      return () => set.delete(listener)
    }) as EngineLink['on'],
    onReconnect: (listener) => {
      reconnects.add(listener)
      return () => reconnects.delete(listener)
    },
  }
  return fake
}
