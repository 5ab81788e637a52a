// Checks of what arrives on the engine port. The engine process may be broken (or, in the worst
// case, hostile): the renderer acts only on messages that fit the contract's schemas and drops
// the rest. The frame is checked here; a reply's result against its request's row.
import { engineEventSchema } from '../../../engine/session/event-schema'
import { replyProblem } from '../../../engine/session/request-schema'
import type { EngineEvent, EngineRequestType } from '../../../engine/protocol'

export function isEngineEvent(value: unknown): value is EngineEvent {
  return engineEventSchema.safeParse(value).success
}

/** Why a reply's result does not fit what `type` answers, or null when it does. */
export const malformedReply = (type: EngineRequestType, result: unknown): string | null => replyProblem(type, result)
