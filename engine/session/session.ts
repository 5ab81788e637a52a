/**
 * The host-agnostic engine session: receives `EngineRequest`s (validated here, since the renderer
 * is untrusted), answers each with one reply, and streams training events. Hosts (Electron
 * utility process, the browser host's child process, tests) give it `emit` and a clock.
 */
import { selectKernel } from '../math/select-kernel'
import { defaultClock, TrainingLoop, type Clock } from './training-loop'
import { parseEngineRequest } from './request-schema'
import { ProjectState } from './project-state'
import { checkWeightRef, setParameter } from '../inspect/weight-ref'
import { inspectWeight } from '../inspect/inspect-weight'
import { gradientCheck } from '../inspect/gradient-check'
import { predictionGrid } from '../inspect/prediction-grid'
import { traceSample } from '../inspect/trace-sample'
import type { MatKernel, Precision } from '../math/kernel'
import type { EngineEvent, EngineReplies, EngineRequest, EngineRequestType, WeightRef } from '../protocol'

export type Emit = (event: EngineEvent) => void

export interface EngineSession {
  /** Handles one message from the renderer. The message is untrusted and validated here. */
  handle(message: unknown): void
  dispose(): void
}

export interface SessionOptions extends Partial<Clock> {
  /** Kernels to use instead of the fastest this host runs (tests). */
  kernels?: Partial<Record<Precision, MatKernel>>
}

type Handlers = { [T in EngineRequestType]: (request: Extract<EngineRequest, { type: T }>) => EngineReplies[T] | Promise<EngineReplies[T]> }

export function createEngineSession(emit: Emit, options: SessionOptions = {}): EngineSession {
  const kernels = new Map<Precision, MatKernel>()
  const kernelFor = (precision: Precision): MatKernel => {
    const kernel = kernels.get(precision) ?? options.kernels?.[precision] ?? selectKernel('auto', precision)
    kernels.set(precision, kernel)
    return kernel
  }
  const clock: Clock = { now: options.now ?? defaultClock.now, schedule: options.schedule ?? defaultClock.schedule }
  let state: ProjectState | null = null
  let loop: TrainingLoop | null = null

  const loaded = (): { state: ProjectState; loop: TrainingLoop } => {
    if (!state || !loop) throw new Error('no project is loaded')
    return { state, loop }
  }
  const weight = (ref: WeightRef): ProjectState => {
    const s = loaded().state
    const problem = checkWeightRef(s.trainer.network, ref)
    if (problem) throw new Error(problem)
    return s
  }

  const handlers: Handlers = {
    'load-project': async (request) => {
      const next = await ProjectState.load(request.project, request.csvText, kernelFor, {
        report: (rows, fraction) => emit({ type: 'load-progress', rows, fraction }),
        pause: () => new Promise((resolve) => clock.schedule(resolve)),
      })
      loop?.replaceTrainer(next.trainer)
      loop ??= new TrainingLoop(next.trainer, clock, emit)
      state = next
      return next.summary(loop.status())
    },
    train: (request) => {
      const { state: s, loop: l } = loaded()
      if (request.action === 'start') l.start('run')
      else if (request.action === 'pause') l.pause()
      else if (request.action === 'step-batch') l.stepOnce()
      else if (request.action === 'step-epoch') l.start('epoch')
      else l.replaceTrainer(s.reset())
      return l.status()
    },
    'set-training': (request) => {
      const { state: s, loop: l } = loaded()
      s.setTraining(request.patch)
      return l.status()
    },
    // Inspection always runs in float64 (state.exact()), whatever precision trains.
    'inspect-weight': (request) => inspectWeight(weight(request.ref).exact(), request.ref, request.full ?? true),
    'set-weight': (request) => {
      const s = weight(request.ref)
      setParameter(s.trainer.network, request.ref, request.value)
      s.trainer.recomputeBatch()
      return inspectWeight(s.exact(), request.ref, true)
    },
    'gradient-check': (request) => {
      const s = loaded().state
      if (request.scope.kind === 'weight') weight(request.scope.ref)
      if (request.scope.kind === 'layer' && !s.trainer.network.layers[request.scope.layer]) throw new Error(`layer ${request.scope.layer} does not exist`)
      return gradientCheck(s.exact(), request.scope)
    },
    'prediction-grid': (request) => predictionGrid(loaded().state.trainer, request.resolution, request.neurons),
    'trace-sample': (request) => traceSample(loaded().state.exact(), request.sample),
    snapshot: () => loaded().state.snapshot(),
    'export-project': () => loaded().state.exportProject(),
  }

  return {
    handle(message) {
      const parsed = parseEngineRequest(message)
      if (!parsed.ok) {
        emit({ type: 'reply', id: parsed.id, ok: false, error: parsed.error })
        return
      }
      const { request } = parsed
      const fail = (error: unknown) => emit({ type: 'reply', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) })
      try {
        const handler = handlers[request.type] as (r: EngineRequest) => EngineReplies[EngineRequestType] | Promise<EngineReplies[EngineRequestType]>
        const result = handler(request)
        if (result instanceof Promise) result.then((value) => emit({ type: 'reply', id: request.id, ok: true, result: value }), fail)
        else emit({ type: 'reply', id: request.id, ok: true, result })
      } catch (error) {
        fail(error)
      }
    },
    dispose() {
      loop?.halt()
      state = null
      loop = null
    },
  }
}
