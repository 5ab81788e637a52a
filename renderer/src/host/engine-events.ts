// Structural checks of what arrives on the engine port. The engine process may be broken (or,
// in the worst case, hostile): the renderer acts only on messages with a known type and the
// fields it reads, and drops the rest.
import type { EngineEvent } from '../../../engine/protocol'

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isNumber = (value: unknown): value is number => typeof value === 'number'

type Check = (event: Record<string, unknown>) => boolean

const CHECKS: Record<EngineEvent['type'], Check> = {
  ready: () => true,
  reply: (e) => Number.isInteger(e.id) && (e.ok === true ? 'result' in e : e.ok === false && typeof e.error === 'string'),
  progress: (e) => isRecord(e.status) && Array.isArray(e.losses) && Array.isArray(e.epochs) && Array.isArray(e.layerStats),
  stopped: (e) => isRecord(e.status) && (e.reason === 'paused' || e.reason === 'max-epochs'),
  diverged: (e) => isRecord(e.status) && isRecord(e.report),
  'load-progress': (e) => isNumber(e.rows) && isNumber(e.fraction),
  error: (e) => typeof e.message === 'string',
}

export function isEngineEvent(value: unknown): value is EngineEvent {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(CHECKS, value.type)) return false
  return CHECKS[value.type as EngineEvent['type']](value)
}
