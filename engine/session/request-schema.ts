/**
 * The engine requests: one row each in ENGINE_REQUESTS, holding the request's fields and its
 * reply's schema. Everything else is derived from this table: the TypeScript types
 * `EngineRequest`, `EngineRequestType` and `EngineReplies` (re-exported by protocol.ts), the
 * session's check of each request on arrival (the renderer is untrusted, so every field is
 * checked before the session acts), and the renderer's check of each reply.
 *
 * To add a request (say 'cancel'):
 *   1. add its row here:  cancel: row({ target: index }, trainingStatusSchema),
 *      (reply schemas live in reply-schema.ts; reuse one or add one there)
 *   2. add its handler in session.ts: the type checker asks for it (Handlers is keyed by type).
 * Nothing else: the renderer's `engine.request({ type: 'cancel', target: 3 })` is then typed and
 * its reply checked. The id is added by the row; fields are checked strictly (unknown keys refused).
 */
import { z } from 'zod'
import type { ProjectFile, SavedCurves, TrainingSpec } from '../project/types'
import { FIELD_LIMITS as F, limited } from '../project/limits'
import { EXPORT_FORMATS } from '../export/export-code'
import {
  cancelReplySchema,
  dataSetSchema,
  inputGradientSchema,
  sampleInputsSchema,
  setEvaluationSchema,
  exportedCodeSchema,
  exportedProjectSchema,
  fileTextSchema,
  packedProjectSchema,
  gradientCheckReportSchema,
  gradientCheckScopeSchema,
  loadedProjectSchema,
  predictionGridSchema,
  sampleTraceSchema,
  trainingStatusSchema,
  weightInspectionSchema,
  weightRefSchema,
  weightSnapshotSchema,
} from './reply-schema'
import { sweepControlReply, sweepPlanReply, sweepRequestFields, sweepStartReply } from './sweep-schema'
import { threadsReplySchema, threadsRequestFields } from './thread-setting'

const finite = z.number().refine(Number.isFinite, 'must be a finite number')
const index = z.number().int().min(0)

/** Samples per sample-inputs request. */
export const MAX_SAMPLE_INPUTS = 1000

export const TRAIN_ACTIONS = ['start', 'pause', 'step-batch', 'step-epoch', 'reset'] as const

const decay = limited(F.decay).optional()
const epsilon = limited(F.epsilon).optional()
const learningRate = limited(F.learningRate)
const optimizer = z.discriminatedUnion('name', [
  z.object({ name: z.literal('sgd'), learningRate }).strict(),
  z.object({ name: z.literal('momentum'), learningRate, momentum: decay, nesterov: z.boolean().optional() }).strict(),
  z.object({ name: z.literal('rmsprop'), learningRate, rho: decay, epsilon }).strict(),
  z.object({ name: z.literal('adam'), learningRate, beta1: decay, beta2: decay, epsilon }).strict(),
])

/** What may change between steps without a reset; the same limits as the project file. */
export const trainingPatchSchema = z
  .object({
    optimizer: optimizer.optional(),
    batchSize: limited(F.batchSize).optional(),
    epochs: limited(F.epochs).optional(),
    regularization: z.object({ kind: z.enum(['none', 'l1', 'l2']), rate: limited(F.regularizationRate) }).strict().optional(),
  })
  .strict()

/** The project is checked by parseProject in the session (its errors name field paths), not here. */
const uncheckedProject = z.custom<ProjectFile>(() => true)

/** One row: the request's own fields (beside `id` and `type`) and the schema of its reply. */
const row = <F extends z.ZodRawShape, R extends z.ZodType>(fields: F, reply: R) => ({ fields, reply })

export const ENGINE_REQUESTS = {
  'load-project': row({ project: uncheckedProject, csvText: z.string().optional() }, loadedProjectSchema),
  train: row({ action: z.enum(TRAIN_ACTIONS) }, trainingStatusSchema),
  'set-training': row({ patch: trainingPatchSchema }, trainingStatusSchema),
  /** Threads for the wide products ('auto': one per core but one); the numbers do not change. */
  'set-threads': row(threadsRequestFields, threadsReplySchema),
  /** `full: false` skips the whole-training-set gradient (a full pass) for cheap live updates. */
  'inspect-weight': row({ ref: weightRefSchema, full: z.boolean().optional() }, weightInspectionSchema),
  'set-weight': row({ ref: weightRefSchema, value: finite }, weightInspectionSchema),
  'gradient-check': row({ scope: gradientCheckScopeSchema }, gradientCheckReportSchema),
  'prediction-grid': row({ resolution: limited(F.gridResolution), neurons: z.boolean() }, predictionGridSchema),
  'trace-sample': row({ sample: index }, sampleTraceSchema),
  snapshot: row({}, weightSnapshotSchema),
  /** Trains at most this many steps a second (the studio's Speed control); null: full speed. */
  'set-speed': row({ stepsPerSecond: z.number().min(1).max(1_000_000).nullable() }, trainingStatusSchema),
  /** Stops the long request with id `target` (a gradient check, a whole-set gradient, a grid), or every one. */
  cancel: row({ target: index.optional() }, cancelReplySchema),
  'export-project': row({}, exportedProjectSchema),
  /** The trained state with its big arrays as typed arrays (the studio's crash-recovery checkpoint: cheap to receive). */
  checkpoint: row({}, packedProjectSchema),
  /** The text of a save or (with `autosave`) a recovery copy of `project` with the trained state in it; see engine/project/file-text.ts. */
  'project-text': row(
    {
      project: uncheckedProject,
      // Checked with the project by parseProject (engine/project/file-text.ts).
      curves: z.custom<SavedCurves>(() => true).optional(),
      dataPath: z.string().min(1).optional(),
      autosave: z.object({ path: z.string().min(1).nullable() }).strict().optional(),
    },
    fileTextSchema,
  ),
  'evaluate-set': row({ set: dataSetSchema }, setEvaluationSchema),
  /** At most MAX_SAMPLE_INPUTS samples: a gallery page, not the data set. */
  'sample-inputs': row({ set: dataSetSchema, indices: z.array(index).max(MAX_SAMPLE_INPUTS) }, sampleInputsSchema),
  'input-gradient': row({ set: dataSetSchema, sample: index }, inputGradientSchema),
  /** A sweep of the loaded project: its run count and an estimate of its time (nothing runs). */
  'sweep-plan': row(sweepRequestFields, sweepPlanReply),
  'sweep-start': row(sweepRequestFields, sweepStartReply),
  'sweep-control': row({ action: z.enum(['pause', 'resume', 'cancel']) }, sweepControlReply),
  /** The data file's name beside the script: a plain file name, no folder. */
  'export-code': row({ format: z.enum(EXPORT_FORMATS), dataFileName: z.string().regex(/^[^/\\]{1,200}$/, 'a file name without folders').refine((n) => n !== '.' && n !== '..', 'a file name') }, exportedCodeSchema),
}

type Rows = typeof ENGINE_REQUESTS
type Flat<T> = { [K in keyof T]: T[K] } & {}
/** A row's fields as a type (a row without fields adds none; zod would type it as an index signature). */
type FieldsOf<F extends z.ZodRawShape> = keyof F extends never ? unknown : z.output<z.ZodObject<F>>
export type EngineRequestType = keyof Rows
export type EngineRequest = { [T in EngineRequestType]: Flat<{ id: number; type: T } & FieldsOf<Rows[T]['fields']>> }[EngineRequestType]
/** The result type of each request. */
export type EngineReplies = { [T in EngineRequestType]: z.output<Rows[T]['reply']> }
export type TrainingPatch = z.output<typeof trainingPatchSchema>

// The patch is applied to the project's TrainingSpec: the two must not drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
export type TrainingPatchMatchesSpec = Assert<Same<Required<TrainingPatch>, Required<Pick<TrainingSpec, 'optimizer' | 'batchSize' | 'epochs' | 'regularization'>>>>

const id = z.number().int().min(0)
const requestSchemas = new Map(
  Object.entries(ENGINE_REQUESTS).map(([type, { fields }]) => [type, z.object({ id, type: z.literal(type), ...fields }).strict()]),
)

export function isEngineRequestType(value: unknown): value is EngineRequestType {
  return typeof value === 'string' && requestSchemas.has(value)
}

export type ParsedRequest = { ok: true; request: EngineRequest } | { ok: false; id: number; error: string }

/** Checks an untrusted message; on failure names the field and keeps the id when it can be read. */
export function parseEngineRequest(message: unknown): ParsedRequest {
  const raw = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {}
  const readableId = typeof raw.id === 'number' && Number.isInteger(raw.id) ? raw.id : -1
  if (!isEngineRequestType(raw.type)) {
    const known = [...requestSchemas.keys()].map((type) => `'${type}'`).join(' | ')
    return { ok: false, id: readableId, error: `invalid engine request: type: expected one of ${known}` }
  }
  const result = requestSchemas.get(raw.type)!.safeParse(message)
  // The schema is this row's own: its output is the row's request type.
  if (result.success) return { ok: true, request: result.data as EngineRequest }
  const issue = result.error.issues[0]
  const path = issue.path.length > 0 ? issue.path.join('.') : '(message)'
  return { ok: false, id: readableId, error: `invalid engine request: ${path}: ${issue.message}` }
}

/** Checks a reply's result against its request's row; returns an error text, or null when it fits. */
export function replyProblem(type: EngineRequestType, result: unknown): string | null {
  const checked = ENGINE_REQUESTS[type].reply.safeParse(result)
  if (checked.success) return null
  const issue = checked.error.issues[0]
  return `a malformed '${type}' reply: ${issue.path.join('.') || '(result)'}: ${issue.message}`
}
