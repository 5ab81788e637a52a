/**
 * Everything the engine sends on its port, as zod schemas; `EngineEvent` is derived from them
 * (protocol.ts re-exports it). The renderer checks each message on arrival (engine-client.ts):
 * the frame here, a reply's result against its request's row in request-schema.ts.
 *
 * To add an event: add its object to `engineEventSchema` below; subscribers get its type.
 */
import { z } from 'zod'
import { divergenceReportSchema, epochMetricsSchema, layerStatsSchema, lossPointSchema, trainingStatusSchema } from './reply-schema'
import type { EngineReplies, EngineRequestType } from './request-schema'
import { runLineSchema } from '../runs/record'
import { sweepProgressSchema } from './sweep-schema'

const id = z.number().int()

// A union, not a discriminated one: the two reply shapes share their type.
export const engineEventSchema = z.union([
  z.object({ type: z.literal('ready') }),
  // A reply's result is checked against its request's row, which only the asking side knows.
  z.object({ type: z.literal('reply'), id, ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('reply'), id, ok: z.literal(false), error: z.string() }),
  /** At most ~30 a second while training: what happened since the last one. */
  z.object({
    type: z.literal('progress'),
    status: trainingStatusSchema,
    losses: z.array(lossPointSchema),
    epochs: z.array(epochMetricsSchema),
    layerStats: z.array(layerStatsSchema),
  }),
  /** `step-epoch` ends an epoch: 'epoch-done'; 'paused' when the user paused; 'max-epochs' at the end. */
  z.object({ type: z.literal('stopped'), status: trainingStatusSchema, reason: z.enum(['paused', 'epoch-done', 'max-epochs']) }),
  z.object({ type: z.literal('diverged'), status: trainingStatusSchema, report: divergenceReportSchema }),
  z.object({ type: z.literal('load-progress'), rows: z.number().int().min(0), fraction: z.number().min(0).max(1) }),
  z.object({ type: z.literal('error'), message: z.string() }),
  /** A run record, or an update of one (same id): the renderer has the host append it to the runs log. */
  z.object({ type: z.literal('run'), line: runLineSchema }),
  /** A sweep's runs and where each stands, at most ~5 a second. */
  sweepProgressSchema,
])

type ParsedEvent = z.output<typeof engineEventSchema>
/** The reply's `result` typed by request (the schema keeps it unknown; see above). */
type TypedReply = { type: 'reply'; id: number; ok: true; result: EngineReplies[EngineRequestType] }
export type EngineEvent = Exclude<ParsedEvent, { type: 'reply'; ok: true }> | TypedReply
