/**
 * The loaded project in the engine: its validated file, prepared data and trainer, and what
 * Reset returns to. Loading never throws anything but an Error with a message naming the field.
 */
import { networkDataMismatch, prepareData, type PreparedData, type PrepareSource } from '../data/prepare'
import { exportCode, type ExportedCode, type ExportFormat } from '../export/export-code'
import { CsvStreamParser } from '../data/csv'
import type { Dataset } from '../data/dataset'
import { parseProject } from '../project/schema'
import { buildTrainer, exportProject, float64Twin, precisionOf } from '../train/model'
import { locateParameters } from '../train/sentinel'
import type { MatKernel, Precision } from '../math/kernel'

/** The session's kernel for a precision (created once per session). */
export type KernelFor = (precision: Precision) => MatKernel
import type { Trainer } from '../train/trainer'
import type { DataInfo, DataSet, LoadedProject, SampleInputs, TrainingPatch, TrainingStatus, WeightSnapshot } from '../protocol'
import { builtinInfo, type BuiltinName } from '../data/builtin-catalog'
import type { CsvDataSpec, ProjectFile } from '../project/types'

/** How many field errors a load failure lists before summarizing. */
const LISTED_ERRORS = 5
/** CSV characters parsed between yields. */
const CHUNK = 1 << 20

export interface LoadProgress {
  report(rows: number, fraction: number): void
  /** Resolves after pending messages have been handled. */
  pause(): Promise<void>
  /** The decoded rows of a built-in data set (the host reads data/; the session caches them). */
  builtin?(name: BuiltinName): Promise<Dataset>
}

async function parseInChunks(spec: CsvDataSpec, text: string, progress: LoadProgress): Promise<Dataset> {
  const parser = new CsvStreamParser(spec, { onProgress: (rows, chars) => progress.report(rows, chars / text.length) })
  for (let at = 0; at < text.length; at += CHUNK) {
    parser.push(text.slice(at, at + CHUNK))
    await progress.pause()
  }
  return parser.finish()
}

async function loadBuiltin(name: BuiltinName, progress: LoadProgress): Promise<Dataset> {
  if (!progress.builtin) throw new Error(`data.name: this engine host cannot read the built-in data sets ('${name}')`)
  return progress.builtin(name)
}

export class ProjectState {
  private constructor(
    /** The project as loaded, with later hyperparameter changes. */
    private project: ProjectFile,
    readonly data: PreparedData,
    public trainer: Trainer,
    private readonly kernels: KernelFor,
    /** What the data was prepared from (the exports reread the raw rows). */
    private readonly source: PrepareSource,
  ) {}

  /** The float64 twin of a float32 trainer, reused between inspections. */
  private twin: Trainer | null = null
  /** A float64 copy the gradient check moves weights in, while other requests read the trainer. */
  private checkTwin: Trainer | null = null

  /**
   * Validates and prepares a project. Big CSV texts are parsed in chunks, yielding between them
   * (`pause`), so progress reaches the renderer and other requests are answered meanwhile.
   */
  static async load(value: unknown, csvText: string | undefined, kernels: KernelFor, progress: LoadProgress): Promise<ProjectState> {
    const parsed = parseProject(value)
    if (!parsed.ok) {
      const listed = parsed.errors.slice(0, LISTED_ERRORS).map((e) => `${e.path}: ${e.message}`)
      const more = parsed.errors.length > LISTED_ERRORS ? ` (and ${parsed.errors.length - LISTED_ERRORS} more)` : ''
      throw new Error(`the project file is not valid: ${listed.join('; ')}${more}`)
    }
    const project = parsed.project
    if (project.data.source === 'csv' && csvText === undefined) throw new Error(`data.path: the data file '${project.data.path}' was not provided`)
    const table = project.data.source === 'csv' && csvText !== undefined && csvText.length > CHUNK ? await parseInChunks(project.data, csvText, progress) : undefined
    const builtin = project.data.source === 'builtin' ? await loadBuiltin(project.data.name, progress) : undefined
    const source: PrepareSource = table ? { table } : { csvText, builtin }
    const data = prepareData(project.data, project.training.seed, { ...source, onProgress: progress.report })
    const mismatch = networkDataMismatch(project.network, data.train)
    if (mismatch) throw new Error(mismatch)
    const trainer = buildTrainer(project, data, kernels(precisionOf(project)))
    // Finite in the file but not in float32 (beyond ±3.4e38): refuse rather than train on Infinity.
    const overflow = locateParameters(trainer.network)
    if (overflow) trainer.release()
    if (overflow) throw new Error(`weights[${overflow.layer}].${overflow.quantity}: a value does not fit in ${precisionOf(project)} (it becomes ${overflow.value})`)
    return new ProjectState(project, data, trainer, kernels, source)
  }

  /**
   * Reset returns to the starting point: the file's weights when it has weights but no training
   * progress (a hand-set or preset network), otherwise the seeded initialization.
   */
  reset(): Trainer {
    const { weights, optimizerState: _state, progress, ...rest } = this.project
    const start: ProjectFile = weights && !progress ? { ...rest, weights } : rest
    const old = this.trainer
    this.trainer = buildTrainer({ ...start, training: this.trainer.training }, this.data, this.trainer.kernel)
    old.release()
    return this.trainer
  }

  /**
   * The trainer to inspect: itself in float64; in float32, a float64 twin with the same weights,
   * recomputed on the same last batch (inspection and checks are always exact).
   */
  /** A float64 copy of the trainer's current state, for a check that runs in slices. */
  forCheck(): Trainer {
    this.checkTwin = float64Twin(this.trainer, this.kernels('float64'), this.checkTwin)
    return this.checkTwin
  }

  exact(): Trainer {
    if (this.trainer.kernel.precision === 'float64') return this.trainer
    this.twin = float64Twin(this.trainer, this.kernels('float64'), this.twin)
    return this.twin
  }

  /** Returns the trainers' buffers to their kernels once another project replaced this one. */
  release(): void {
    this.trainer.release()
    this.twin?.release()
    this.twin = null
  }

  setTraining(patch: TrainingPatch): void {
    this.trainer.setTraining(patch)
    this.project = { ...this.project, training: this.trainer.training }
  }

  exportProject(): ProjectFile {
    return exportProject(this.project, this.trainer)
  }

  /** A PyTorch script (continuing from here) or an ONNX model of the network as it stands. */
  exportCode(format: ExportFormat, dataFileName: string): ExportedCode {
    const trained = this.trainer.step > 0 || this.project.weights !== undefined
    return exportCode({ project: this.exportProject(), trained, data: this.data, source: this.source }, format, dataFileName)
  }

  summary(status: TrainingStatus): LoadedProject {
    const { train, test, bounds } = this.data
    const network = this.trainer.network
    const summary: LoadedProject = {
      problem: train.kind,
      loss: network.loss,
      inputNames: train.inputNames,
      targetNames: train.targetNames,
      classes: train.classes,
      trainRows: train.n,
      testRows: test.n,
      parameterCount: network.parameterCount,
      layerShapes: network.layers.map((l) => [l.fanIn, l.units]),
      status,
      warnings: this.warnings(),
      ...(this.data.skipped ? { skipped: this.data.skipped } : {}),
      dataInfo: this.dataInfo(),
      classNames: train.kind === 'regression' ? null : (train.classes ?? null),
    }
    if (bounds && train.points && test.points) {
      summary.points = { bounds, train: train.points, trainTargets: train.Y, test: test.points, testTargets: test.Y }
    }
    return summary
  }

  private dataInfo(): DataInfo {
    const spec = this.project.data
    const image = spec.source === 'builtin' ? builtinInfo(spec.name).image : null
    if (image) return { kind: 'image', width: image.width, height: image.height }
    if (this.data.raw.d === 2) return { kind: 'plane' }
    return { kind: 'tabular', columns: [...this.data.raw.inputNames] }
  }

  /** The raw inputs of samples of a split (before features and standardization). */
  sampleInputs(set: DataSet, indices: number[]): SampleInputs {
    const rows = this.data.rows[set]
    const { raw } = this.data
    return {
      rows: indices.map((sample, at) => {
        if (!Number.isInteger(sample) || sample < 0 || sample >= rows.length) {
          throw new Error(`indices[${at}]: sample ${sample} does not exist (the ${set === 'train' ? 'training' : 'test'} split has ${rows.length} rows)`)
        }
        return raw.X.slice(rows[sample] * raw.d, (rows[sample] + 1) * raw.d)
      }),
    }
  }

  /** What the engine knows the user should hear before training. */
  private warnings(): string[] {
    const warnings: string[] = []
    if (this.trainer.kernel.precision === 'float32') {
      warnings.push('float32 (fast) precision: training rounds to float32; the inspector and gradient checks recompute in float64.')
    }
    if (this.trainer.kernel.name.startsWith('js')) {
      warnings.push('WebAssembly SIMD is not available here: the plain JavaScript kernel runs (same numbers, slower).')
    }
    return warnings
  }

  snapshot(): WeightSnapshot {
    const { network, batch } = this.trainer
    return {
      layers: network.layers.map((layer, l) => ({
        rows: layer.fanIn,
        cols: layer.units,
        W: Float64Array.from(layer.W),
        b: Float64Array.from(layer.b),
        dW: Float64Array.from(batch.layers[l].dW),
        db: Float64Array.from(batch.layers[l].db),
      })),
    }
  }
}
