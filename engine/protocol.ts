/**
 * The contract between the processes. `StudioApi` is what the renderer sees as `window.studio`
 * (Electron preload or the browser host's client); `EngineRequest` / `EngineEvent` travel on the
 * engine port between the renderer and the engine session. Every message is validated on
 * arrival (`protocol-schema.ts`), because the other side may be broken or hostile.
 */
import type { ProblemKind } from './data/dataset'
import type { LossName, ProjectFile, TrainingSpec } from './project/types'

// ───────────────────────────── host API (window.studio) ─────────────────────────────

export type HostKind = 'electron' | 'browser'

export interface HostInfo {
  kind: HostKind
  /** Electron shows native file dialogs; the browser host takes typed paths (relative to its folder). */
  nativeDialogs: boolean
  /** Folder that file paths are confined to (browser host), or null. */
  rootFolder: string | null
  version: string
}

export type FileResult<T> = { ok: true; value: T } | { ok: false; canceled: true } | { ok: false; canceled: false; error: string }

export interface OpenedFile {
  path: string
  text: string
}
export interface SavedFile {
  path: string
}

/** `path` absent: the host asks the user (native dialog). The browser host requires a path. */
export interface OpenRequest {
  path?: string
}
export interface SaveRequest {
  text: string
  /** Where to write; absent (or saveAs) asks the user. */
  path?: string
  saveAs?: boolean
}
export interface ExportRequest {
  kind: 'model' | 'metrics'
  text: string
  path?: string
}
export interface DataFileRequest {
  /** The project file that refers to the data (its folder anchors relative paths), or null for unsaved projects. */
  projectPath: string | null
  path: string
}

export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'save-as',
  'import-csv',
  'export-model',
  'export-metrics',
  'undo',
  'redo',
  'train-toggle',
  'step-batch',
  'step-epoch',
  'reset',
  'about',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export type HostEvent =
  /** A menu item or accelerator; `path` for File › Open Recent. */
  | { type: 'menu'; command: MenuCommand; path?: string }
  /** The engine process was lost and a new one started: a new port follows; re-send the project. */
  | { type: 'engine-restarted'; reason: string; attempt: number }
  /** The engine cannot be started (for example it crashed repeatedly); training is unavailable. */
  | { type: 'engine-unavailable'; reason: string }
  /** The user asked to close with unsaved changes and chose Save: save, then call closeWindow(). */
  | { type: 'save-before-close' }

export interface StudioApi {
  hostInfo(): Promise<HostInfo>
  /**
   * Asks for the engine port. It arrives as a window message `{ type: 'studio:engine-port', nonce }`
   * carrying one MessagePort, and again (same nonce) after every engine restart.
   */
  connectEngine(nonce: string): void
  /** Subscribes to host events; returns the unsubscribe function. */
  onHostEvent(listener: (event: HostEvent) => void): () => void
  openProject(request: OpenRequest): Promise<FileResult<OpenedFile>>
  saveProject(request: SaveRequest): Promise<FileResult<SavedFile>>
  importCsv(request: OpenRequest): Promise<FileResult<OpenedFile>>
  /** Reads a data file a project refers to (relative to the project file). */
  readDataFile(request: DataFileRequest): Promise<FileResult<OpenedFile>>
  exportFile(request: ExportRequest): Promise<FileResult<SavedFile>>
  recentFiles(): Promise<string[]>
  /** Keeps a copy of the open project in the app's data folder (crash recovery). null clears it. */
  autosave(text: string | null): Promise<void>
  /** The autosaved project left by a crash or kill, if any (offered for restore once). */
  takeAutosave(): Promise<string | null>
  /** Tells the host the document's state (title, unsaved changes) for the window and the close prompt. */
  setDocumentState(state: { title: string; dirty: boolean }): void
  closeWindow(): void
}

/** The exact keys `window.studio` exposes; e2e checks that the page sees nothing more. */
export const STUDIO_API_KEYS = [
  'hostInfo',
  'connectEngine',
  'onHostEvent',
  'openProject',
  'saveProject',
  'importCsv',
  'readDataFile',
  'exportFile',
  'recentFiles',
  'autosave',
  'takeAutosave',
  'setDocumentState',
  'closeWindow',
] as const satisfies readonly (keyof StudioApi)[]

/** The window message that carries the engine port into the page. */
export const ENGINE_PORT_MESSAGE = 'studio:engine-port'

// ───────────────────────────── engine port ─────────────────────────────

/** A weight W[i][j] of layer `layer` (0 = first hidden layer), or its bias b[j] when `i` is 'bias'. */
export interface WeightRef {
  layer: number
  i: number | 'bias'
  j: number
}

export type TrainAction = 'start' | 'pause' | 'step-batch' | 'step-epoch' | 'reset'

/** What may change between steps without a reset. */
export type TrainingPatch = Partial<Pick<TrainingSpec, 'optimizer' | 'batchSize' | 'epochs' | 'regularization'>>

export type GradientCheckScope = { kind: 'network' } | { kind: 'layer'; layer: number } | { kind: 'weight'; ref: WeightRef }

export type EngineRequest =
  | { id: number; type: 'load-project'; project: ProjectFile; csvText?: string }
  | { id: number; type: 'train'; action: TrainAction }
  | { id: number; type: 'set-training'; patch: TrainingPatch }
  /** `full: false` skips the whole-training-set gradient (a full pass) for cheap live updates. */
  | { id: number; type: 'inspect-weight'; ref: WeightRef; full?: boolean }
  | { id: number; type: 'set-weight'; ref: WeightRef; value: number }
  | { id: number; type: 'gradient-check'; scope: GradientCheckScope }
  | { id: number; type: 'prediction-grid'; resolution: number; neurons: boolean }
  | { id: number; type: 'trace-sample'; sample: number }
  | { id: number; type: 'snapshot' }
  | { id: number; type: 'export-project' }

export type EngineRequestType = EngineRequest['type']

export interface TrainingStatus {
  running: boolean
  step: number
  epoch: number
  batchInEpoch: number
  batchesPerEpoch: number
  stepsPerSecond: number
  /** Which matrix kernel runs (for example 'js-f64' or 'wasm-simd-f64'). */
  kernel: string
}

export interface EpochMetrics {
  epoch: number
  step: number
  /** Mean of the epoch's batch losses (no extra pass). */
  trainLoss: number
  /** Cost on the test split (NaN when it is empty). */
  testLoss: number
  /** Classification: fraction correct on the test split. */
  accuracy?: number
  /** Regression: coefficient of determination on the test split. */
  r2?: number
  /** Accuracy and R² come from the test split, or from the training rows when there is no test split. */
  evaluatedOn: 'test' | 'train'
}

export interface LayerStats {
  layer: number
  /** ‖dC/dW‖ (Frobenius) of the last batch. */
  gradNorm: number
  /** ‖E‖ of the last batch, averaged over samples. */
  errorNorm: number
  /** mean |R'(Z)| over the batch. */
  meanDerivative: number
  /** ‖ΔW‖ / ‖W‖ of the last update. */
  updateRatio: number
  /** Units whose Z ≤ 0 for every sample of the batch (relu layers). */
  deadUnits: number
  /** Units saturated (|R'| < 0.01) for most samples (sigmoid/tanh layers). */
  saturatedUnits: number
}

export interface LossPoint {
  step: number
  loss: number
}

export interface DivergenceReport {
  step: number
  epoch: number
  layer: number
  unit: number
  pass: 'forward' | 'backward' | 'update'
  /** Which quantity went non-finite: 'Z', 'H', 'E', 'dW', 'db', 'W', 'b', 'loss', or '‖ΔW‖' (an update too large to measure). */
  quantity: string
  value: number
  suggestion: string
}

export interface LoadedProject {
  problem: ProblemKind
  loss: LossName
  inputNames: string[]
  targetNames: string[]
  classes?: string[]
  trainRows: number
  testRows: number
  parameterCount: number
  /** [inputs, units] per layer. */
  layerShapes: [number, number][]
  /** Raw 2-D points for scatter plots (absent for other input sizes). */
  points?: {
    bounds: [number, number, number, number]
    train: Float64Array
    trainTargets: Float64Array
    test: Float64Array
    testTargets: Float64Array
  }
  status: TrainingStatus
  warnings: string[]
}

export interface WeightInspection {
  ref: WeightRef
  value: number
  /** dC/dw on the last batch (as the last update used it), including regularization. */
  gradBatch: number
  /** dC/dw over the whole training set at the current weights, including regularization (NaN when not asked). */
  gradFull: number
  /** The regularization part of both gradients (λ·w for l2, λ·sign(w) for l1, 0 for biases). */
  regularization: number
  /** Per sample of the last batch: the layer error E_j = dC/dZ_j and the layer input H_i (1 for a bias). */
  factors: { sample: number[]; E: number[]; H: number[] }
  /** mean(E·H): equals gradBatch − regularization. */
  meanProduct: number
  /** The layer's activation and whether E_o = ŷ − y exactly (cross-entropy pairs). */
  activation: string
  /** What the tutorial's equations need for the first sample of the batch. */
  equation: WeightEquation
}

export type WeightEquation =
  | {
      kind: 'output'
      activation: string
      loss: LossName
      /** True for the cross-entropy pairs, where R' cancels and E_o = ŷ − y. */
      cancels: boolean
      yHat: number
      y: number
      z: number
      derivative: number
      E: number
      H: number
    }
  | {
      kind: 'hidden'
      activation: string
      z: number
      derivative: number
      /** Σ_k E_k·W_jk over the next layer's units: the first 64 terms listed, the sum exact. */
      terms: { k: number; E: number; W: number }[]
      termCount: number
      sum: number
      E: number
      H: number
    }

export interface GradientCheckEntry {
  ref: WeightRef
  backprop: number
  numerical: number
  relativeError: number
}

export interface GradientCheckReport {
  scope: GradientCheckScope
  /** Parameters checked; fewer than `total` when a large scope is sampled (seeded). */
  checked: number
  total: number
  maxRelativeError: number
  worst: GradientCheckEntry
  /** Up to 200 entries (all for a weight or small layer). */
  entries: GradientCheckEntry[]
}

export interface PredictionGrid {
  resolution: number
  bounds: [number, number, number, number]
  /** resolution² × outputs, row-major over (x2 rows, x1 columns), x2 descending from the top. */
  output: Float64Array
  outputs: number
  /** Per layer: resolution² × units, when requested. */
  neurons?: Float64Array[]
}

export interface SampleTrace {
  sample: number
  x: number[]
  y: number[]
  /** Per layer, for this one sample: Z, H, E and the rank-one gradient dW = H_prevᵀ·E. */
  layers: { Z: number[]; H: number[]; E: number[]; dW: number[][]; db: number[] }[]
  loss: number
}

export interface WeightSnapshot {
  layers: { rows: number; cols: number; W: Float64Array; b: Float64Array; dW: Float64Array; db: Float64Array }[]
}

/** The result type of each request. */
export interface EngineReplies {
  'load-project': LoadedProject
  train: TrainingStatus
  'set-training': TrainingStatus
  'inspect-weight': WeightInspection
  'set-weight': WeightInspection
  'gradient-check': GradientCheckReport
  'prediction-grid': PredictionGrid
  'trace-sample': SampleTrace
  snapshot: WeightSnapshot
  'export-project': ProjectFile
}

export type EngineEvent =
  | { type: 'ready' }
  | { type: 'reply'; id: number; ok: true; result: EngineReplies[EngineRequestType] }
  | { type: 'reply'; id: number; ok: false; error: string }
  /** At most ~30 a second while training: what happened since the last one. */
  | { type: 'progress'; status: TrainingStatus; losses: LossPoint[]; epochs: EpochMetrics[]; layerStats: LayerStats[] }
  | { type: 'stopped'; status: TrainingStatus; reason: 'paused' | 'max-epochs' }
  | { type: 'diverged'; status: TrainingStatus; report: DivergenceReport }
  | { type: 'load-progress'; rows: number; fraction: number }
  | { type: 'error'; message: string }
