/**
 * Validation of engine requests on arrival: the renderer is untrusted, so every field is checked
 * before the session acts. The project inside `load-project` is validated by the project schema.
 */
import { z } from 'zod'
import type { EngineRequest } from '../protocol'

const finite = z.number().refine(Number.isFinite, 'must be a finite number')
const index = z.number().int().min(0)

const weightRef = z.object({ layer: index, i: z.union([index, z.literal('bias')]), j: index }).strict()

const optimizer = z.discriminatedUnion('name', [
  z.object({ name: z.literal('sgd'), learningRate: finite.positive() }).strict(),
  z.object({ name: z.literal('momentum'), learningRate: finite.positive(), momentum: finite.min(0).max(1).optional(), nesterov: z.boolean().optional() }).strict(),
  z.object({ name: z.literal('rmsprop'), learningRate: finite.positive(), rho: finite.min(0).max(1).optional(), epsilon: finite.positive().optional() }).strict(),
  z.object({ name: z.literal('adam'), learningRate: finite.positive(), beta1: finite.min(0).lt(1).optional(), beta2: finite.min(0).lt(1).optional(), epsilon: finite.positive().optional() }).strict(),
])

const patch = z
  .object({
    optimizer: optimizer.optional(),
    batchSize: z.number().int().min(1).max(1_000_000).optional(),
    epochs: z.number().int().min(0).max(1_000_000_000).optional(),
    regularization: z.object({ kind: z.enum(['none', 'l1', 'l2']), rate: finite.min(0) }).strict().optional(),
  })
  .strict()

const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('network') }).strict(),
  z.object({ kind: z.literal('layer'), layer: index }).strict(),
  z.object({ kind: z.literal('weight'), ref: weightRef }).strict(),
])

const id = z.number().int().min(0)

export const engineRequestSchema = z.discriminatedUnion('type', [
  // The project itself is validated by parseProject, with field paths in its errors.
  z.object({ id, type: z.literal('load-project'), project: z.unknown(), csvText: z.string().optional() }).strict(),
  z.object({ id, type: z.literal('train'), action: z.enum(['start', 'pause', 'step-batch', 'step-epoch', 'reset']) }).strict(),
  z.object({ id, type: z.literal('set-training'), patch }).strict(),
  z.object({ id, type: z.literal('inspect-weight'), ref: weightRef, full: z.boolean().optional() }).strict(),
  z.object({ id, type: z.literal('set-weight'), ref: weightRef, value: finite }).strict(),
  z.object({ id, type: z.literal('gradient-check'), scope }).strict(),
  z.object({ id, type: z.literal('prediction-grid'), resolution: z.number().int().min(2).max(200), neurons: z.boolean() }).strict(),
  z.object({ id, type: z.literal('trace-sample'), sample: index }).strict(),
  z.object({ id, type: z.literal('snapshot') }).strict(),
  z.object({ id, type: z.literal('export-project') }).strict(),
])

export type ParsedRequest = { ok: true; request: EngineRequest } | { ok: false; id: number; error: string }

/** Checks an untrusted message; on failure names the field and keeps the id when it can be read. */
export function parseEngineRequest(message: unknown): ParsedRequest {
  const result = engineRequestSchema.safeParse(message)
  if (result.success) return { ok: true, request: result.data as EngineRequest }
  const raw = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {}
  const id = typeof raw.id === 'number' && Number.isInteger(raw.id) ? raw.id : -1
  const issue = result.error.issues[0]
  const path = issue.path.length > 0 ? issue.path.join('.') : '(message)'
  return { ok: false, id, error: `invalid engine request: ${path}: ${issue.message}` }
}
