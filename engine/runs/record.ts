/**
 * One run's record in a runs log (`<project>.runs.jsonl`, see docs/runs-format.md): what it ran
 * with (the project definition, no weights), how it ended, its metrics and curves. Untrusted on
 * read: `runRecordSchema` validates every line. A later line with the same id updates the record
 * (a long run's progress, a rename, a star, a delete), field by field.
 */
import { z } from 'zod'
import type { ProjectFile } from '../project/types'

export const RUNS_FORMAT = 'backprop-studio/runs'
export const RUNS_VERSION = 1

export const RUN_SOURCES = ['studio', 'cli', 'sweep'] as const
export const RUN_STATUSES = ['running', 'finished', 'stopped', 'diverged', 'crashed'] as const
export type RunSource = (typeof RUN_SOURCES)[number]
export type RunStatus = (typeof RUN_STATUSES)[number]

/** A swept setting's value: a JSON scalar. */
export type SettingValue = number | string | boolean | null
const scalar = z.union([z.number(), z.string(), z.boolean(), z.null()])

/** JSON has no NaN: a test loss with no test split is null. */
const metric = z.number().nullable()
const metrics = z.strictObject({
  trainLoss: metric,
  testLoss: metric,
  accuracy: metric.optional(),
  r2: metric.optional(),
})
export type RunMetrics = z.infer<typeof metrics>

const epochPoint = z.strictObject({
  epoch: z.number().int().min(0),
  step: z.number().int().min(0),
  trainLoss: metric,
  testLoss: metric,
  accuracy: metric.optional(),
  r2: metric.optional(),
})
export type EpochPoint = z.infer<typeof epochPoint>

const curves = z.strictObject({
  /** Every epoch's metrics. */
  epochs: z.array(epochPoint),
  /** Batch losses as [step, loss] pairs, thinned to about 1,000 keeping each stretch's min and max. */
  losses: z.array(z.tuple([z.number(), metric])),
})
export type RunCurves = z.infer<typeof curves>

const layerWeights = z.strictObject({ W: z.array(z.array(z.number())), b: z.array(z.number()) })

const recordFields = {
  source: z.enum(RUN_SOURCES),
  status: z.enum(RUN_STATUSES),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  wallSeconds: z.number().min(0),
  epochs: z.number().int().min(0),
  steps: z.number().int().min(0),
  /** The project it ran with, without weights, optimizer state or progress (checked as a project where used). */
  definition: z.record(z.string(), z.unknown()),
  settings: z.record(z.string(), scalar),
  sweep: z.string().optional(),
  final: metrics.nullable(),
  best: metrics.nullable(),
  curves: curves.optional(),
  weights: z.array(layerWeights).optional(),
  /** The user's name, note and star (studio); deleted hides the record (undo clears it). */
  name: z.string().max(1000).optional(),
  note: z.string().max(100_000).optional(),
  starred: z.boolean().optional(),
  deleted: z.boolean().optional(),
}

export const runRecordSchema = z.strictObject({ format: z.literal(RUNS_FORMAT), version: z.literal(RUNS_VERSION), id: z.string().min(1), ...recordFields })

/** A line of the log: a whole record, or an update of some of an earlier record's fields. */
export const runLineSchema = runRecordSchema.partial().required({ format: true, version: true, id: true })

export type RunRecord = z.infer<typeof runRecordSchema>
export type RunLine = z.infer<typeof runLineSchema>

/** Statuses after which a run is over; `--resume` skips a combination that has one of these. */
export const ENDED_STATUSES: readonly RunStatus[] = ['finished', 'diverged']

/** The definition a run keeps: the project without weights, optimizer state and progress. */
export function runDefinition(project: ProjectFile): ProjectFile {
  const definition: ProjectFile = { ...project }
  delete definition.weights
  delete definition.optimizerState
  delete definition.progress
  return definition
}

