// The sweep's requests, replies and progress event, as zod schemas (request-schema.ts and
// event-schema.ts take them in their tables).
import { z } from 'zod'

const scalar = z.union([z.number().refine(Number.isFinite, 'must be a finite number'), z.string().max(200), z.boolean(), z.null()])
const path = z.string().min(1).max(200)

export const sweepRequestFields = {
  sets: z.array(z.strictObject({ path, values: z.array(scalar).min(1).max(1000) })).max(32),
  combos: z.array(z.record(path, scalar)).min(1).max(10_000).optional(),
  repeats: z.number().int().min(1).max(100),
  epochs: z.number().int().min(1).max(1_000_000).optional(),
  earlyStop: z.number().int().min(1).max(1_000_000).optional(),
  workers: z.number().int().min(1).max(256).optional(),
  /** Only these runs of the planned sweep, by index (the ones an engine crash lost). */
  only: z.array(z.number().int().min(0)).min(1).max(10_000).optional(),
}

export const sweepPlanReply = z.object({ total: z.number().int(), workers: z.number().int(), estimateSeconds: z.number(), steps: z.number() })
export const sweepStartReply = z.object({ sweepId: z.string(), total: z.number().int(), workers: z.number().int() })
export const sweepControlReply = z.object({ state: z.string() })

const sweepRunState = z.object({
  index: z.number().int().min(0),
  settings: z.record(z.string(), scalar),
  status: z.enum(['waiting', 'running', 'finished', 'stopped', 'diverged', 'crashed']),
  epoch: z.number().int().min(0),
  epochs: z.number().int().min(0),
  id: z.string().nullable(),
})

export const sweepProgressSchema = z.object({
  type: z.literal('sweep-progress'),
  sweepId: z.string(),
  state: z.enum(['running', 'paused', 'done', 'cancelled']),
  total: z.number().int().min(0),
  done: z.number().int().min(0),
  etaSeconds: z.number().nullable(),
  runs: z.array(sweepRunState),
})
export type SweepProgress = z.output<typeof sweepProgressSchema>
