/**
 * The contract between the processes. `StudioApi` is what the renderer sees as `window.studio`
 * (Electron preload or the browser host's client); `EngineRequest` / `EngineEvent` travel on the
 * engine port between the renderer and the engine session. Every message is validated on
 * arrival, because the other side may be broken or hostile. The message types are derived from
 * their zod schemas, so type and check cannot drift:
 *   engine requests and their replies  session/request-schema.ts (one row per request)
 *   reply payloads                     session/reply-schema.ts
 *   engine events                      session/event-schema.ts
 *   host events                        host-event-schema.ts
 */
import type { z } from 'zod'
import type { HostEvent } from './host-event-schema'
import type {
  dataInfoSchema,
  dataSetSchema,
  divergenceReportSchema,
  inputGradientSchema,
  sampleInputsSchema,
  setEvaluationSchema,
  epochMetricsSchema,
  gradientCheckReportSchema,
  gradientCheckScopeSchema,
  layerStatsSchema,
  loadedProjectSchema,
  lossPointSchema,
  predictionGridSchema,
  sampleTraceSchema,
  trainingStatusSchema,
  weightEquationSchema,
  weightInspectionSchema,
  weightRefSchema,
  weightSnapshotSchema,
} from './session/reply-schema'
import type { TRAIN_ACTIONS } from './session/request-schema'

export { MENU_COMMANDS, type HostEvent, type MenuCommand } from './host-event-schema'
export type { EngineReplies, EngineRequest, EngineRequestType, TrainingPatch } from './session/request-schema'
export type { EngineEvent } from './session/event-schema'

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

/**
 * `confirm: 'replace'`: nothing was written because the file exists (or is not the kind being
 * written); `error` is the question to ask. Repeat the request with `replace: true` (and the
 * returned `path`, without `saveAs`) once the user agrees.
 */
export type FileResult<T> =
  | { ok: true; value: T }
  | { ok: false; canceled: true }
  | { ok: false; canceled: false; error: string; confirm?: 'replace'; path?: string }

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
/** A project file's contents: its text, or its UTF-8 bytes as the engine writes them (never decoded on the page). */
export type FileContents = string | Uint8Array
export interface SaveRequest {
  text: FileContents
  /** Where to write; absent (or saveAs) asks the user. */
  path?: string
  saveAs?: boolean
  /** The user agreed to replace the existing file at `path`. */
  replace?: boolean
}
export const EXPORT_KINDS = ['weights', 'metrics', 'pytorch', 'onnx'] as const
/** weights: the project's weights layout as JSON; metrics: CSV; pytorch: the script (its data beside it); onnx: the model. */
export type ExportKind = (typeof EXPORT_KINDS)[number]
export interface ExportRequest {
  kind: ExportKind
  /** The file's content: text, or `bytes` (an ONNX model). */
  text?: string
  bytes?: Uint8Array
  /** Files written in the same folder, by plain file name (the script's data file). */
  beside?: { name: string; text: string }[]
  path?: string
  /** The user agreed to replace the files that exist (the main one and those beside it). */
  replace?: boolean
}
/** What the path dialog is choosing: it lists folders and the files of this kind. */
export const FILE_KINDS = ['project', 'csv', ...EXPORT_KINDS] as const
export type FileKind = (typeof FILE_KINDS)[number]
export interface FolderRequest {
  /** A folder relative to the root; '' is the root itself. */
  path: string
  kind: FileKind
}
export interface FolderEntry {
  name: string
  folder: boolean
}
export interface FolderListing {
  /** The folder listed, relative to the root ('' for the root). */
  path: string
  /** Folders first, then files, each sorted by name. */
  entries: FolderEntry[]
  /** More entries than are listed (a huge folder). */
  truncated: boolean
}
export interface DataFileRequest {
  /** The project file that refers to the data (its folder anchors relative paths), or null for unsaved projects. */
  projectPath: string | null
  path: string
}

/** A project's runs log (`<project>.runs.jsonl`); `projectPath` null: the untitled project's. */
export interface RunsRequest {
  projectPath: string | null
}
export interface RunsAppendRequest {
  projectPath: string | null
  /** Run lines (JSON, one record or update each; see docs/runs-format.md). */
  lines: string[]
}
/** The untitled project's runs, moved to a saved project's log, or discarded (`to: null`). */
export interface RunsMoveRequest {
  to: string | null
}

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
  autosave(text: FileContents | null): Promise<void>
  /** The autosaved project left by a crash or kill, if any (offered for restore once). */
  takeAutosave(): Promise<string | null>
  /** Tells the host the document's state (title, unsaved changes) for the window and the close prompt. */
  setDocumentState(state: { title: string; dirty: boolean }): void
  closeWindow(): void
  /** The runs log's text ('' when there is none yet). */
  readRuns(request: RunsRequest): Promise<FileResult<OpenedFile>>
  /** Appends run lines (fsynced); refuses a log that is not a runs log or is newer. */
  appendRuns(request: RunsAppendRequest): Promise<FileResult<SavedFile>>
  moveRuns(request: RunsMoveRequest): Promise<FileResult<SavedFile>>
  /** "Restart engine": a new engine now, after the host stopped restarting a crashing one (false: one is running or starting). */
  restartEngine(): Promise<boolean>
  /** The browser host's path dialog: a folder of its root (confined), with the files of one kind. The desktop has native dialogs instead. */
  listFolder(request: FolderRequest): Promise<FileResult<FolderListing>>
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
  'readRuns',
  'appendRuns',
  'moveRuns',
  'restartEngine',
  'listFolder',
] as const satisfies readonly (keyof StudioApi)[]

/** The window message that carries the engine port into the page. */
export const ENGINE_PORT_MESSAGE = 'studio:engine-port'

// ───────────────────────────── engine port ─────────────────────────────
// Types of the engine port's payloads, each derived from its schema (see the files above).

/** A weight W[i][j] of layer `layer` (0 = first hidden layer), or its bias b[j] when `i` is 'bias'. */
export type WeightRef = z.output<typeof weightRefSchema>
export type TrainAction = (typeof TRAIN_ACTIONS)[number]
export type GradientCheckScope = z.output<typeof gradientCheckScopeSchema>
export type TrainingStatus = z.output<typeof trainingStatusSchema>
export type EpochMetrics = z.output<typeof epochMetricsSchema>
export type LayerStats = z.output<typeof layerStatsSchema>
export type LossPoint = z.output<typeof lossPointSchema>
export type DivergenceReport = z.output<typeof divergenceReportSchema>
export type LoadedProject = z.output<typeof loadedProjectSchema>
export type WeightInspection = z.output<typeof weightInspectionSchema>
export type WeightEquation = z.output<typeof weightEquationSchema>
export type GradientCheckReport = z.output<typeof gradientCheckReportSchema>
export type GradientCheckEntry = GradientCheckReport['entries'][number]
export type PredictionGrid = z.output<typeof predictionGridSchema>
export type SampleTrace = z.output<typeof sampleTraceSchema>
export type WeightSnapshot = z.output<typeof weightSnapshotSchema>
export type DataSet = z.output<typeof dataSetSchema>
export type DataInfo = z.output<typeof dataInfoSchema>
export type SetEvaluation = z.output<typeof setEvaluationSchema>
export type SampleInputs = z.output<typeof sampleInputsSchema>
export type InputGradient = z.output<typeof inputGradientSchema>
