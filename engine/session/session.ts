/**
 * The host-agnostic engine session: receives `EngineRequest`s (validated here, since the renderer
 * is untrusted), answers each with one reply, and streams training events. Hosts (Electron
 * utility process, the browser host's child process, tests) give it `emit` and a clock.
 */
import { selectKernel } from '../math/select-kernel'
import { defaultClock, SLICE_MS, TrainingLoop, type Clock } from './training-loop'
import { parseEngineRequest } from './request-schema'
import { ProjectState } from './project-state'
import { checkWeightRef, setParameter } from '../inspect/weight-ref'
import { inspectWeight, inspectWeightSteps } from '../inspect/inspect-weight'
import { gradientCheckSteps } from '../inspect/gradient-check'
import { predictionGridSteps } from '../inspect/prediction-grid'
import { Jobs } from './jobs'
import { traceSample } from '../inspect/trace-sample'
import { evaluateSet } from '../inspect/set-evaluation'
import { inputGradient } from '../inspect/input-gradient'
import { builtinInfo, type BuiltinName } from '../data/builtin-catalog'
import { decodeBuiltin, type BuiltinBytes } from '../data/builtin'
import type { Dataset } from '../data/dataset'
import { RunTracker } from './run-tracker'
import { planSweep, StudioSweep } from './studio-sweep'
import { estimateSweepSeconds } from '../runs/estimate'
import type { SweepService } from './sweep-service'
import { ThreadSetting } from './thread-setting'
import { packProject } from '../project/packed'
import { fileBytes, fileTextSteps } from '../project/file-text'
import { finishSliced, type Steps } from '../train/steps'
import type { ThreadService } from '../math/kernel-team'
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
  /** Reads a built-in data set's file (verified, decompressed); absent: built-in sets cannot load. */
  builtinBytes?: BuiltinBytes
  /** Runs sweeps on worker threads (the Node engine process); without it, sweeps are refused. */
  sweeps?: SweepService
  /** Threads for the kernels' wide products (the Node engine process); without it, one thread. */
  threads?: ThreadService
}

type Handlers = { [T in EngineRequestType]: (request: Extract<EngineRequest, { type: T }>) => EngineReplies[T] | Promise<EngineReplies[T]> }

export function createEngineSession(emit: Emit, options: SessionOptions = {}): EngineSession {
  return new Session(emit, options)
}

class Session implements EngineSession {
  private readonly kernels = new Map<Precision, MatKernel>()
  private readonly clock: Clock
  private state: ProjectState | null = null
  private loop: TrainingLoop | null = null
  private loads = 0
  /** Decoded built-in sets, kept for the session (MNIST decodes once, however often it is loaded). */
  private readonly builtins = new Map<BuiltinName, Promise<Dataset>>()
  private readonly handlers: Handlers
  private readonly tracker: RunTracker
  private csvText: string | undefined
  private sweep: StudioSweep | null = null
  private readonly threads: ThreadSetting
  private readonly jobs: Jobs

  constructor(
    private readonly emit: Emit,
    private readonly options: SessionOptions,
  ) {
    this.clock = { now: options.now ?? defaultClock.now, schedule: options.schedule ?? defaultClock.schedule }
    this.threads = new ThreadSetting(options.threads)
    this.jobs = new Jobs(this.clock, () => this.loop?.hold() ?? Promise.resolve(() => undefined))
    this.handlers = { ...this.trainingHandlers(), ...this.inspectionHandlers(), ...this.sweepHandlers() }
    this.tracker = new RunTracker((line) => this.emit({ type: 'run', line }), () => this.state?.exportProject() ?? null, this.clock.now)
  }

  /** What the training loop emits also tells the run tracker where the current run stands. */
  private readonly loopEmit: Emit = (event) => {
    // A run's record goes out before the event that ended it.
    this.tracker.observe(event)
    this.emit(event)
  }

  handle(message: unknown): void {
    const parsed = parseEngineRequest(message)
    if (!parsed.ok) {
      this.emit({ type: 'reply', id: parsed.id, ok: false, error: parsed.error })
      return
    }
    const { request } = parsed
    const fail = (error: unknown) => this.emit({ type: 'reply', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) })
    try {
      const handler = this.handlers[request.type] as (r: EngineRequest) => EngineReplies[EngineRequestType] | Promise<EngineReplies[EngineRequestType]>
      const result = handler(request)
      if (result instanceof Promise) result.then((value) => this.emit({ type: 'reply', id: request.id, ok: true, result: value }), fail)
      else this.emit({ type: 'reply', id: request.id, ok: true, result })
    } catch (error) {
      fail(error)
    }
  }

  dispose(): void {
    this.tracker.end('stopped')
    this.sweep?.control('cancel')
    this.loop?.halt()
    this.state = null
    this.loop = null
  }

  /** The session's kernel for a precision: the fastest this host runs, created once. */
  private kernelFor = (precision: Precision): MatKernel => {
    const known = this.kernels.get(precision)
    if (known) return known
    const kernel = this.options.kernels?.[precision] ?? selectKernel('auto', precision)
    this.kernels.set(precision, kernel)
    this.threads.adopt(kernel)
    return kernel
  }

  private loaded(): { state: ProjectState; loop: TrainingLoop } {
    if (!this.state || !this.loop) throw new Error('no project is loaded')
    return { state: this.state, loop: this.loop }
  }

  /** The loaded project, after checking that the weight exists in its network. */
  private withWeight(ref: WeightRef): ProjectState {
    const s = this.loaded().state
    const problem = checkWeightRef(s.trainer.network, ref)
    if (problem) throw new Error(problem)
    return s
  }

  private async load(request: Extract<EngineRequest, { type: 'load-project' }>): Promise<EngineReplies['load-project']> {
    // A load parses big CSV texts in slices; a later load overtakes it rather than racing it.
    const generation = ++this.loads
    const next = await ProjectState.load(request.project, request.csvText, this.kernelFor, {
      report: (rows, fraction) => this.emit({ type: 'load-progress', rows, fraction }),
      pause: this.pause,
      builtin: this.options.builtinBytes ? this.builtin : undefined,
    })
    if (generation !== this.loads) throw new Error('a newer project was loaded while this one was being prepared')
    this.loop?.replaceTrainer(next.trainer)
    this.tracker.end('stopped')
    this.csvText = request.csvText
    this.loop ??= new TrainingLoop(next.trainer, this.clock, this.loopEmit)
    this.state?.release()
    this.state = next
    return next.summary(this.loop.status())
  }

  private readonly pause = (): Promise<void> => new Promise((resolve) => this.clock.schedule(resolve))

  /** Runs work on copies (it holds no training, unlike a job), yielding to other messages every SLICE_MS. */
  private inSlices<T>(steps: Steps<T>): Promise<T> {
    let sliceStart = this.clock.now()
    return finishSliced(steps, async () => {
      if (this.clock.now() - sliceStart < SLICE_MS) return
      await this.pause()
      sliceStart = this.clock.now()
    })
  }

  private readonly builtin = (name: BuiltinName): Promise<Dataset> => {
    let decoded = this.builtins.get(name)
    if (!decoded) {
      const read = this.options.builtinBytes!
      decoded = Promise.resolve()
        .then(() => read(builtinInfo(name)))
        .then((bytes) => decodeBuiltin(name, bytes))
      // A failed read is not kept: the next load tries the file again.
      decoded.catch(() => this.builtins.delete(name))
      this.builtins.set(name, decoded)
    }
    return decoded
  }

  private trainingHandlers(): Pick<
    Handlers,
    'load-project' | 'train' | 'set-training' | 'set-threads' | 'snapshot' | 'export-project' | 'checkpoint' | 'project-text' | 'export-code' | 'prediction-grid' | 'cancel' | 'set-speed'
  > {
    return {
      'load-project': (request) => this.load(request),
      train: (request) => {
        const { state, loop } = this.loaded()
        if (request.action === 'start') loop.start('run')
        else if (request.action === 'pause') loop.pause()
        else if (request.action === 'step-batch') loop.stepOnce()
        else if (request.action === 'step-epoch') loop.start('epoch')
        else {
          loop.replaceTrainer(state.reset())
          this.tracker.end('stopped')
        }
        return loop.status()
      },
      'set-training': (request) => {
        const { state, loop } = this.loaded()
        state.setTraining(request.patch)
        return loop.status()
      },
      'set-threads': (request) => this.threads.set(request.threads, this.kernels.values()),
      'prediction-grid': (request) => this.jobs.run(request.id, 'the prediction grid', predictionGridSteps(this.loaded().state.trainer, request.resolution, request.neurons)),
      cancel: (request) => ({ canceled: this.jobs.cancel(request.target) }),
      'set-speed': (request) => {
        const { loop } = this.loaded()
        loop.setSpeed(request.stepsPerSecond)
        return loop.status()
      },
      snapshot: () => this.loaded().state.snapshot(),
      'export-project': () => this.loaded().state.exportProject(),
      checkpoint: () => packProject(this.loaded().state.exportProject()),
      // Written from a copy of the trained state, in slices: training and Pause go on meanwhile.
      'project-text': async (request) => ({ bytes: fileBytes(await this.inSlices(fileTextSteps(request, this.loaded().state.exportProject()))) }),
      'export-code': (request) => this.loaded().state.exportCode(request.format, request.dataFileName),
    }
  }

  /** Sweeps of the loaded project's definition, on the host's worker pool. */
  private sweepHandlers(): Pick<Handlers, 'sweep-plan' | 'sweep-start' | 'sweep-control'> {
    const service = (): SweepService => {
      if (!this.options.sweeps) throw new Error('sweeps need the engine process (its worker threads); this engine has none')
      return this.options.sweeps
    }
    return {
      'sweep-plan': (request) => {
        const points = planSweep(this.loaded().state.exportProject(), request)
        const workers = Math.min(request.workers ?? service().defaultWorkers(), points.length)
        service().prepare?.(workers)
        const kernel = this.kernelFor(this.loaded().state.trainer.kernel.precision)
        const { seconds, steps } = estimateSweepSeconds(points, this.csvText, kernel, workers, this.clock.now)
        return { total: points.length, workers, estimateSeconds: seconds, steps }
      },
      'sweep-start': (request) => {
        if (this.sweep?.active) throw new Error('a sweep is already running: cancel it first')
        const points = planSweep(this.loaded().state.exportProject(), request)
        const sweep = new StudioSweep(points, this.emit, this.clock.now)
        sweep.start(service(), request, this.csvText)
        this.sweep = sweep
        return { sweepId: sweep.id, total: points.length, workers: Math.min(request.workers ?? service().defaultWorkers(), points.length) }
      },
      'sweep-control': (request) => {
        if (!this.sweep) throw new Error('no sweep is running')
        return { state: this.sweep.control(request.action) }
      },
    }
  }

  /** Inspection always runs in float64 (state.exact()), whatever precision trains. */
  private inspectionHandlers(): Pick<Handlers, 'inspect-weight' | 'set-weight' | 'gradient-check' | 'trace-sample' | 'evaluate-set' | 'sample-inputs' | 'input-gradient'> {
    return {
      // Evaluation uses the training precision (as the epoch metrics do); the input gradient is exact.
      'evaluate-set': (request) => evaluateSet(this.loaded().state.trainer, request.set, this.pause, this.clock.now),
      'sample-inputs': (request) => this.loaded().state.sampleInputs(request.set, request.indices),
      'input-gradient': (request) => {
        const s = this.loaded().state
        return inputGradient(s.exact(), s.data, request.set, request.sample)
      },
      'inspect-weight': (request) => {
        const trainer = this.withWeight(request.ref).exact()
        // Without the whole-set pass it is quick; with it, a job.
        if (request.full === false) return inspectWeight(trainer, request.ref, false)
        return this.jobs.run(request.id, 'the whole-set gradient', inspectWeightSteps(trainer, request.ref, true))
      },
      'set-weight': (request) => {
        const s = this.withWeight(request.ref)
        if (s.trainer.kernel.precision === 'float32' && Math.abs(Math.fround(request.value)) === Number.POSITIVE_INFINITY) {
          throw new Error(`${request.value} does not fit in float32 (largest ±3.4e38): this project trains in float32`)
        }
        // An epoch's metrics still being computed belong to the weights before the edit.
        this.loop?.settleEpoch()
        setParameter(s.trainer.network, request.ref, request.value)
        s.trainer.recomputeBatch()
        return inspectWeight(s.exact(), request.ref, true)
      },
      'gradient-check': (request) => {
        const s = this.loaded().state
        if (request.scope.kind === 'weight') this.withWeight(request.scope.ref)
        if (request.scope.kind === 'layer' && !s.trainer.network.layers[request.scope.layer]) throw new Error(`layer ${request.scope.layer} does not exist`)
        return this.jobs.run(request.id, 'the gradient check', gradientCheckSteps(s.forCheck(), request.scope))
      },
      'trace-sample': (request) => traceSample(this.loaded().state.exact(), request.sample),
    }
  }
}
